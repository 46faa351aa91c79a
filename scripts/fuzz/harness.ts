/**
 * The fuzz of the library (issue 9): seeded fast-check cases of hostile incidents, configs,
 * scenarios and review answers, driven through what a caller uses — parseIncident and the
 * classifier for every case; for a fraction, `createOrchestrator(...).run` on one embedded sandbox
 * (in-process tools) with a memory store, and `resume` with random answers while the thread is
 * paused. The only acceptable outcomes: a UserInputError whose message is one line naming the
 * input, or a completed or paused run whose outcome validates against its schema, with no thread
 * left `running`. Anything else fails the property, and the report names seed, path and recipe.
 */
import fc from "fast-check";
import { classifyIncident } from "../../src/classifier/index.js";
import { resolveConfig } from "../../src/config/load.js";
import type { OrchestratorConfig, OrchestratorConfigInput } from "../../src/config/schema.js";
import { parseOrThrow, UserInputError } from "../../src/errors.js";
import { createOrchestrator, parseIncident } from "../../src/orchestrator.js";
import { ScenarioSchema } from "../../src/sandbox/scenario.js";
import { startSandboxSession, type SandboxSession } from "../../src/sandbox/session.js";
import { ClassifierOutputSchema } from "../../src/state/classification.js";
import type { Incident } from "../../src/state/incident.js";
import { RunOutcomeSchema, type RunOutcome } from "../../src/state/run-outcome.js";
import { memoryRunStore } from "../../src/store/memory.js";
import type { RunStore } from "../../src/store/types.js";
import { applyEdits, caseArb, materialize, materializeAnswer, type CaseRecipe } from "./recipes.js";
import { loadFuzzWorld, type FuzzWorld } from "./world.js";

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Percent of cases also run through the graph (default 10). */
  runPercent?: number;
  /** Replay one case: the `path` a failure report gives. */
  path?: string;
  /** A run or resume taking longer than this is a failure (a hang). */
  caseTimeoutMs?: number;
  /** Progress lines (every 1,000 cases). */
  log?: (line: string) => void;
}

export interface FuzzFailureReport {
  error: string;
  path: string | null;
  /** The recipe of the smallest failing case, as JSON (bounded). */
  counterexample: string;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  durationMs: number;
  /** How many cases ended how (shrinking after a failure counts too). */
  counts: Record<string, number>;
  failure: FuzzFailureReport | null;
}

/** A violation of the fuzz's contract, with what was expected. */
export class FuzzFailure extends Error {
  override readonly name = "FuzzFailure";
}

/** A user error must be one line and name what was wrong: `invalid incident: incident.sys_id: …`. */
const NAMES_THE_INPUT = /^(?:line \d+: )?invalid (?:incident|config|scenario|answer|review answer|edit)\b/;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const world = loadFuzzWorld();
  const session = await startSandboxSession(world.world, { transport: "in-process" });
  const counts: Record<string, number> = {};
  const context: CaseContext = {
    world,
    session,
    baseConfig: resolveConfig(world.config),
    timeoutMs: options.caseTimeoutMs ?? 60_000,
    count: (what) => {
      const n = (counts[what] ?? 0) + 1;
      counts[what] = n;
      if (what === "cases" && n % 1_000 === 0) {
        options.log?.(`${n} cases, ${Math.round((performance.now() - started) / 1000)} s`);
      }
    },
  };
  try {
    const arbitrary = caseArb(world.incidents.length, world.scenarios.length, options.runPercent ?? 10);
    const details = await fc.check(
      fc.asyncProperty(arbitrary, (recipe) => driveCase(recipe, context)),
      { seed: options.seed, numRuns: options.runs, ...(options.path ? { path: options.path } : {}) },
    );
    const failure: FuzzFailureReport | null = details.failed
      ? {
          error: describeError(details.errorInstance),
          path: details.counterexamplePath,
          counterexample: printable(JSON.stringify(details.counterexample?.[0] ?? null)),
        }
      : null;
    return { seed: options.seed, runs: details.numRuns, durationMs: performance.now() - started, counts, failure };
  } finally {
    await session.close();
  }
}

interface CaseContext {
  world: FuzzWorld;
  session: SandboxSession;
  baseConfig: OrchestratorConfig;
  timeoutMs: number;
  count: (what: string) => void;
}

async function driveCase(recipe: CaseRecipe, context: CaseContext): Promise<void> {
  const { world, count } = context;
  count("cases");

  // Every incident: parsed, and when valid classified, as `classify` and the graph's first node do.
  const raw =
    recipe.incident.base === "none"
      ? materialize(recipe.incident.value)
      : applyEdits(recipe.incident.base === null ? {} : world.incidents[recipe.incident.base], recipe.incident.edits);
  let incident: Incident | undefined;
  try {
    incident = parseIncident(raw);
    count("incident accepted");
  } catch (error) {
    expectUserError(error, "parseIncident");
    count("incident rejected");
  }
  if (incident) {
    const output = ClassifierOutputSchema.safeParse(classifyIncident(incident));
    if (!output.success) throw new FuzzFailure(`the classifier's output fails its schema: ${output.error.message}`);
    count("classified");
  }

  let config = context.baseConfig;
  if (recipe.config) {
    const base = recipe.config.approval ? withApproval(world.config) : world.config;
    try {
      config = resolveConfig(applyEdits(base, recipe.config.edits) as OrchestratorConfigInput);
      count("config accepted");
    } catch (error) {
      expectUserError(error, "resolveConfig");
      count("config rejected");
    }
  }

  if (recipe.scenario) {
    try {
      parseOrThrow(
        ScenarioSchema,
        applyEdits(world.scenarios[recipe.scenario.base], recipe.scenario.edits),
        "scenario",
      );
      count("scenario accepted");
    } catch (error) {
      expectUserError(error, "parse scenario");
      count("scenario rejected");
    }
  }

  if (recipe.run) await runAndResume(raw, recipe, config, context, incident !== undefined);
}

/** The raw input through run (which validates it itself), then answers while the thread is paused. */
async function runAndResume(
  raw: unknown,
  recipe: CaseRecipe,
  config: OrchestratorConfig,
  context: CaseContext,
  valid: boolean,
): Promise<void> {
  const store = memoryRunStore();
  const orchestrator = createOrchestrator({ tools: context.session.tools, config, store, sleep: async () => {} });
  let outcome: RunOutcome;
  try {
    outcome = checkOutcome(await withTimeout(orchestrator.run(raw), context.timeoutMs, "run"), "run");
    context.count(`run ${outcome.status}`);
  } catch (error) {
    if (error instanceof FuzzFailure) throw error;
    expectUserError(error, "run");
    if (valid) throw new FuzzFailure(`parseIncident accepted the incident, run rejected it: ${describeError(error)}`);
    context.count("run rejected");
    await expectNoThreadRunning(store);
    return;
  }
  if (!valid) throw new FuzzFailure("parseIncident rejected the incident, run accepted it");

  for (const answer of recipe.answers) {
    if (outcome.status !== "paused") break;
    try {
      const resumed = orchestrator.resume(outcome.thread_id, materializeAnswer(answer) as never);
      outcome = checkOutcome(await withTimeout(resumed, context.timeoutMs, "resume"), "resume");
      context.count(`resume ${outcome.status}`);
    } catch (error) {
      if (error instanceof FuzzFailure) throw error;
      expectUserError(error, "resume");
      context.count("resume rejected");
    }
  }
  await expectNoThreadRunning(store);
  const inspected = await orchestrator.inspect(outcome.thread_id);
  if (inspected?.status !== outcome.status) {
    throw new FuzzFailure(`inspect says ${inspected?.status ?? "never run"}, the last call said ${outcome.status}`);
  }
}

function checkOutcome(outcome: RunOutcome, where: string): RunOutcome {
  const checked = RunOutcomeSchema.safeParse(outcome);
  if (!checked.success)
    throw new FuzzFailure(`${where} returned an outcome that fails its schema: ${checked.error.message}`);
  JSON.stringify(outcome); // the CLI prints it: it must serialise
  return outcome;
}

/** The one acceptable error: a UserInputError, one line, naming the input. Throws a FuzzFailure otherwise. */
export function expectUserError(error: unknown, where: string): void {
  if (!(error instanceof UserInputError)) {
    throw new FuzzFailure(`${where} threw ${describeError(error)}`, { cause: error });
  }
  if (/[\r\n]/.test(error.message) || !NAMES_THE_INPUT.test(error.message)) {
    throw new FuzzFailure(
      `${where}: a user error that is not one line naming the input: ${JSON.stringify(error.message)}`,
    );
  }
}

async function expectNoThreadRunning(store: RunStore): Promise<void> {
  const running = (await store.threads.list()).filter((record) => record.status === "running");
  if (running.length > 0) throw new FuzzFailure(`thread ${running[0]?.thread_id} left running`);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FuzzFailure(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The examples' config with approval required before every remediation: runs pause for review. */
function withApproval(config: OrchestratorConfigInput): OrchestratorConfigInput {
  const remediation = { ...config.remediation, require_approval: { intents: ["glue_etl_failure", "dag_failure"] } };
  return { ...config, remediation } as OrchestratorConfigInput;
}

/** A recipe as one printable ASCII line (recipes are small and shallow; cut at 4,000 characters). */
function printable(json: string): string {
  const cut = json.length > 4_000 ? `${json.slice(0, 4_000)}…` : json;
  return cut.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : "";
    return `${error.name}: ${error.message.slice(0, 2_000)}${cause}`;
  }
  return String(error).slice(0, 2_000);
}
