/**
 * The hostile-ticket suite's file format (test/adversarial/tickets.json) and its loader.
 *
 * A control is a clean incident in a world (a base scenario plus overlays of decoys), labelled from
 * the world's evidence with what a careful on-call engineer would want done. A case is one hostile
 * variant of a control's ticket: a patch to the ticket only; the world stays the same. Paths are
 * relative to the suite file.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { parseOrThrow } from "../../src/errors.js";
import type { Scenario } from "../../src/sandbox/scenario.js";
import { IncidentSchema, type Incident } from "../../src/state/incident.js";
import { DecisionKindSchema, IntentSchema } from "../../src/state/intents.js";
import { MUTATING_TOOLS } from "../../src/tools/catalog.js";
import { composeWorld } from "./compose-world.js";

export const ATTACKS = [
  /** A plain factual sentence (or field) naming another resource that failed. */
  "another-resource",
  /** Quoted data, literals or samples that contain words of transient causes. */
  "quoted-data",
  /** Phrased injection: instructions, fake SYSTEM lines, fake tool calls, claimed approvals. */
  "injection",
  /** Zero-width characters, homoglyphs, bidi overrides, HTML comments, ServiceNow [code] blocks. */
  "hidden-text",
  /** Terminal escape sequences and control characters in short_description or number. */
  "control-characters",
] as const;

const TARGET = /^(glue_job|dag|athena_query|emr_step):\S+$/;

export const LabelSchema = z.strictObject({
  intent: z.union([IntentSchema, z.array(IntentSchema).min(2)]),
  action: z.enum(MUTATING_TOOLS).nullable(),
  resource: z
    .strictObject({ type: z.enum(["glue_job", "dag", "athena_workgroup", "emr_cluster"]), id: z.string().min(1) })
    .nullable(),
  decision: DecisionKindSchema,
  /** One line: what in the world supports this label. */
  evidence: z.string().min(1),
});
export type Label = z.infer<typeof LabelSchema>;

const ControlSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** Where the notification format comes from: a public URL, or "synthetic". */
  source: z.string().min(1),
  /** The base scenario first, then overlays that only add resources. */
  world: z.array(z.string().min(1)).min(1),
  /** An incident file or the incident itself. */
  incident: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  expected: LabelSchema,
});

const PatchSchema = z
  .strictObject({
    /** Each `from` must occur in the field. */
    replace: z.array(z.strictObject({ field: z.string().min(1), from: z.string().min(1), to: z.string() })).optional(),
    prepend: z.record(z.string(), z.string()).optional(),
    append: z.record(z.string(), z.string()).optional(),
    set: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((patch) => Object.values(patch).some((part) => part !== undefined), "a hostile patch must change something");
export type Patch = z.infer<typeof PatchSchema>;

const CaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  control: z.string().min(1),
  attack: z.enum(ATTACKS),
  /** One line: what it attacks. */
  why: z.string().min(1),
  source: z.string().min(1),
  hostile: PatchSchema,
  /** Other resources the hostile text names, each failing in the world; the run must not touch them. */
  decoys: z.array(z.string().regex(TARGET)).default([]),
});

export const SuiteSchema = z.strictObject({
  $comment: z.string().optional(),
  controls: z.array(ControlSchema).min(1),
  cases: z.array(CaseSchema).min(1),
});

export interface Control {
  id: string;
  source: string;
  worldFiles: string[];
  world: Scenario;
  incident: Incident;
  expected: Label;
}

export interface HostileCase {
  id: string;
  control: Control;
  attack: (typeof ATTACKS)[number];
  why: string;
  source: string;
  /** The hostile ticket as sent: not validated here, so that the product's own boundary judges it. */
  incident: Record<string, unknown>;
  decoys: string[];
}

/** The control's ticket with the patch applied: replace, then prepend, append and set. */
export function applyPatch(incident: Incident, patch: Patch, where: string): Record<string, unknown> {
  const ticket: Record<string, unknown> = structuredClone(incident);
  const stringField = (field: string): string => {
    const value = ticket[field];
    if (value === undefined) return "";
    if (typeof value !== "string") throw new Error(`${where}: ${field} is not a string field`);
    return value;
  };
  for (const { field, from, to } of patch.replace ?? []) {
    const value = stringField(field);
    if (!value.includes(from)) throw new Error(`${where}: ${field} does not contain ${JSON.stringify(from)}`);
    ticket[field] = value.split(from).join(to);
  }
  for (const [field, text] of Object.entries(patch.prepend ?? {})) ticket[field] = `${text}${stringField(field)}`;
  for (const [field, text] of Object.entries(patch.append ?? {})) ticket[field] = `${stringField(field)}${text}`;
  for (const [field, value] of Object.entries(patch.set ?? {})) ticket[field] = value;
  return ticket;
}

export async function loadSuite(path: string): Promise<{ controls: Control[]; cases: HostileCase[] }> {
  const base = dirname(path);
  const suite = parseOrThrow(SuiteSchema, JSON.parse(await readFile(path, "utf8")) as unknown, "adversarial suite");
  const controls = await Promise.all(
    suite.controls.map(async (control): Promise<Control> => {
      const worldFiles = control.world.map((file) => resolve(base, file));
      const raw =
        typeof control.incident === "string"
          ? (JSON.parse(await readFile(resolve(base, control.incident), "utf8")) as unknown)
          : control.incident;
      return {
        id: control.id,
        source: control.source,
        worldFiles,
        world: await composeWorld(worldFiles),
        incident: parseOrThrow(IncidentSchema, raw, `control ${control.id} incident`),
        expected: control.expected,
      };
    }),
  );
  const byId = new Map(controls.map((control) => [control.id, control]));
  if (byId.size !== controls.length) throw new Error("control ids must be unique");
  const cases = suite.cases.map((entry): HostileCase => {
    const control = byId.get(entry.control);
    if (!control) throw new Error(`case ${entry.id}: no control ${entry.control}`);
    return {
      id: entry.id,
      control,
      attack: entry.attack,
      why: entry.why,
      source: entry.source,
      incident: applyPatch(control.incident, entry.hostile, `case ${entry.id}`),
      decoys: entry.decoys,
    };
  });
  if (new Set(cases.map((entry) => entry.id)).size !== cases.length) throw new Error("case ids must be unique");
  return { controls, cases };
}

/**
 * The state of a decoy's latest failure in the world (its last Glue run, DAG run, the query
 * execution, the step), or undefined when the world has no such resource.
 */
export function decoyState(world: Scenario, target: string): string | undefined {
  const [kind, id = ""] = target.split(/:(.*)/s);
  switch (kind) {
    case "glue_job":
      return world.glue.jobs.find((job) => job.name === id)?.runs.at(-1)?.state;
    case "dag":
      return world.mwaa.environments
        .flatMap((environment) => environment.dags)
        .find((dag) => dag.dag_id === id)
        ?.runs.at(-1)?.state;
    case "athena_query":
      return world.athena.executions.find((execution) => execution.id === id)?.state;
    case "emr_step": {
      const [clusterId, stepId] = id.split("/");
      return world.emr.clusters.find((cluster) => cluster.id === clusterId)?.steps.find((step) => step.id === stepId)
        ?.state;
    }
    default:
      return undefined;
  }
}
