/**
 * The eval dataset format: JSON Lines, one case per line (docs/evals.md). zod is the single source;
 * `npm run schemas` publishes schemas/eval-case.schema.json.
 */
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { ConfigSchema } from "../config/schema.js";
import { describeZodError, UserInputError } from "../errors.js";
import { ExpectationSchema } from "../examples/manifest.js";
import { readJsonFile, readTextFile } from "../io/read-json.js";
import { ScenarioSchema, type Scenario } from "../sandbox/scenario.js";
import { findBoundsViolation, joinPath, SCENARIO_LIMITS, withinBounds } from "../safety/bounds.js";
import { IncidentSchema } from "../state/incident.js";

/**
 * Within the scenario limits of src/safety/bounds.ts as a whole (a case may carry its world inline);
 * its incident within the incident's.
 */
export const EvalCaseSchema = withinBounds(
  z.strictObject({
    id: z.string().min(1),
    incident: IncidentSchema,
    /** An inline scenario, a path to a scenario file relative to the dataset file, or omitted: an empty world. */
    scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    expected: ExpectationSchema,
    tags: z.array(z.string()).default([]),
    /**
     * Where the case's material comes from: the public pages (AWS documentation, public issues) its
     * error strings and notification formats are taken from. Every realistic case has one.
     */
    sources: z.array(z.url()).default([]),
    /**
     * Why the case is labelled as it is, from the evidence, written before the product ran on it;
     * and, if a label was ever changed to the product's answer, why that answer is the better one.
     */
    label_note: z.string().optional(),
    /** Config overrides for this case, deep-merged over the run's config (arrays replace). */
    config: z.record(z.string(), z.unknown()).optional(),
  }),
  SCENARIO_LIMITS,
);
export type EvalCaseInput = z.input<typeof EvalCaseSchema>;
export type EvalCase = z.infer<typeof EvalCaseSchema>;

/** A case with its scenario resolved and validated. */
export interface ResolvedCase extends Omit<EvalCase, "scenario"> {
  scenario: Scenario;
  line: number;
}

/** Reads and validates a whole dataset before anything runs; the first bad line is one clear error. */
export async function loadDataset(path: string): Promise<ResolvedCase[]> {
  const text = await readTextFile(path, "dataset");
  const cases: ResolvedCase[] = [];
  const ids = new Set<string>();
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    const where = `dataset ${path} line ${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new UserInputError(`${where} is not valid JSON: ${(error as Error).message}`);
    }
    // The limits on the line as parsed, before zod (which drops `__proto__` keys without a word).
    const violation = findBoundsViolation(raw, SCENARIO_LIMITS);
    if (violation) throw new UserInputError(`${where}: ${joinPath("case", violation.path)}: ${violation.problem}`);
    const parsed = EvalCaseSchema.safeParse(raw);
    if (!parsed.success) throw new UserInputError(`${where}: ${describeZodError("case", parsed.error)}`);
    const evalCase = parsed.data;
    if (ids.has(evalCase.id)) throw new UserInputError(`${where}: case.id "${evalCase.id}" is used twice`);
    ids.add(evalCase.id);
    if (evalCase.config) {
      const config = ConfigSchema.safeParse(evalCase.config);
      if (!config.success) throw new UserInputError(`${where}: ${describeZodError("case.config", config.error)}`);
    }
    cases.push({
      ...evalCase,
      scenario: await resolveScenario(evalCase.scenario, dirname(path), where),
      line: index + 1,
    });
  }
  if (cases.length === 0) throw new UserInputError(`dataset ${path} has no cases`);
  return cases;
}

async function resolveScenario(scenario: EvalCase["scenario"], base: string, where: string): Promise<Scenario> {
  const raw = typeof scenario === "string" ? await readJsonFile(resolve(base, scenario), "scenario") : (scenario ?? {});
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) throw new UserInputError(`${where}: ${describeZodError("case.scenario", parsed.error)}`);
  return parsed.data;
}
