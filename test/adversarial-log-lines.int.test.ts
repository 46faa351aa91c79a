/**
 * Hostile log lines (issue 9): each case of test/adversarial/log-lines.json runs a clean control
 * (an example's incident and world) and a hostile variant whose world differs ONLY in log lines or
 * error text, both through the whole graph with the real tools in-process on the embedded sandbox
 * and a memory store. The control must reach the outcome its case labels from the evidence, and the
 * hostile run must take the same action on the same resource, touch the same targets and reach the
 * same decision: text in a log is evidence about what failed, never an instruction, and data quoted
 * in an error is never its cause.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfigFile } from "../src/config/load.js";
import { loadManifest } from "../src/examples/manifest.js";
import { parseOrThrow } from "../src/errors.js";
import { createOrchestrator, parseIncident } from "../src/orchestrator.js";
import { ScenarioSchema, type Scenario } from "../src/sandbox/scenario.js";
import { startSandboxSession } from "../src/sandbox/session.js";
import { memoryRunStore } from "../src/store/memory.js";
import type { Incident } from "../src/state/incident.js";
import { recordMutatingCalls, type MutatingCall } from "./support/recording-tools.js";

const here = (path: string) => new URL(path, import.meta.url);
const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, "utf8")) as unknown;

// ---------------------------------------------------------------------------------------------
// The case file

/** A line as written, or a long one made by repetition (very long lines stay readable in JSON). */
const LineSchema = z.union([
  z.string(),
  z.strictObject({
    prefix: z.string().default(""),
    repeat: z.string().min(1),
    times: z.int().min(1).max(100_000),
    suffix: z.string().default(""),
  }),
]);
/** Where lines go in a log: at its start or end, before the first line containing a text, or instead of it. */
const AtSchema = z.union([
  z.enum(["start", "end"]),
  z.strictObject({ before: z.string().min(1) }),
  z.strictObject({ replace: z.string().min(1) }),
]);
const LinesEdit = { at: AtSchema, lines: z.array(LineSchema).min(1) };
/** Each edit changes text of the incident's own failed run, DAG task, step or query unless it names another. */
const EditSchema = z.discriminatedUnion("target", [
  z.strictObject({ target: z.literal("glue_error_log"), job: z.string().optional(), ...LinesEdit }),
  z.strictObject({ target: z.literal("glue_error_message"), job: z.string().optional(), text: LineSchema }),
  z.strictObject({ target: z.literal("task_log"), dag: z.string().optional(), ...LinesEdit }),
  z.strictObject({ target: z.literal("emr_step_failure"), append_to_message: z.string().min(1) }),
  z.strictObject({ target: z.literal("athena_reason"), text: LineSchema }),
]);
type Edit = z.infer<typeof EditSchema>;

const ResourceSchema = z.strictObject({ type: z.string(), id: z.string() });
const CaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  control: z.strictObject({
    example: z.string(),
    /** Resources present in BOTH worlds (decoys that the hostile text names), so a trap is real. */
    world_additions: z
      .strictObject({
        glue_jobs: z.array(z.record(z.string(), z.unknown())).optional(),
        emr_clusters: z.array(z.record(z.string(), z.unknown())).optional(),
      })
      .optional(),
    expected: z.strictObject({
      action: z.string().nullable(),
      resource: ResourceSchema.nullable(),
      decision: z.enum(["auto_close", "auto_retry", "escalate", "human_review"]),
    }),
    /** Why the control's outcome is what it is: the evidence the label comes from. */
    evidence: z.string().min(1),
  }),
  attack: z.string().min(1),
  hostile_edits: z.array(EditSchema).min(1),
});
type Case = z.infer<typeof CaseSchema>;
const CaseFileSchema = z.strictObject({
  $comment: z.string(),
  allow_list_additions: z.strictObject({ glue_jobs: z.array(z.string()).default([]) }),
  cases: z.array(CaseSchema).min(20),
});

const caseFile = CaseFileSchema.parse(readJson(here("./adversarial/log-lines.json")));
const examples = new Map(
  (await loadManifest(here("../examples/manifest.json").pathname)).map((example) => [example.name, example]),
);
const baseConfig = await loadConfigFile(here("../examples/config.json").pathname);
const config = {
  ...baseConfig,
  remediation: {
    ...baseConfig.remediation,
    allow_list: {
      ...baseConfig.remediation.allow_list,
      glue_jobs: [...baseConfig.remediation.allow_list.glue_jobs, ...caseFile.allow_list_additions.glue_jobs],
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Worlds: the control's, and the hostile one made from it by text edits only

type Json = Record<string, unknown>;
const lineOf = (line: z.infer<typeof LineSchema>): string =>
  typeof line === "string" ? line : `${line.prefix}${line.repeat.repeat(line.times)}${line.suffix}`;
const array = (owner: Json, key: string): Json[] => {
  const value = owner[key];
  if (!Array.isArray(value)) throw new Error(`world has no ${key} list`);
  return value as Json[];
};
const single = <T>(items: T[], what: string): T => {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0] as T;
};
const isFailedState = (state: unknown) => typeof state === "string" && /^(FAILED|TIMEOUT|ERROR|failed)$/.test(state);
/** The newest failed item by a timestamp field. */
const newestFailed = (items: Json[], time: string, what: string): Json => {
  const failed = items.filter((item) => isFailedState(item.state));
  if (failed.length === 0) throw new Error(`no failed ${what}`);
  return [...failed].sort((a, b) => String(b[time]).localeCompare(String(a[time])))[0] as Json;
};

/** Puts lines into a log at the edit's place; a place that is not there is an error, not a no-op. */
function placeLines(log: unknown[], at: z.infer<typeof AtSchema>, lines: string[]): unknown[] {
  const text = (entry: unknown) => (typeof entry === "string" ? entry : String((entry as Json).message));
  if (at === "start") return [...lines, ...log];
  if (at === "end") return [...log, ...lines];
  const needle = "before" in at ? at.before : at.replace;
  const index = log.findIndex((entry) => text(entry).includes(needle));
  if (index === -1) throw new Error(`no log line contains ${JSON.stringify(needle)}`);
  return [...log.slice(0, index), ...lines, ...log.slice("before" in at ? index : index + 1)];
}

function failedGlueRun(world: Json, job: string | undefined): Json {
  const jobs = array((world.glue ?? {}) as Json, "jobs");
  const owner = job === undefined ? jobs[0] : jobs.find((entry) => entry.name === job);
  if (!owner) throw new Error(`no Glue job ${job ?? "(first)"}`);
  return newestFailed(array(owner, "runs"), "started_on", `run of ${String(owner.name)}`);
}

function failedTask(world: Json, dagId: string | undefined): Json {
  const dags = array((world.mwaa ?? {}) as Json, "environments").flatMap((environment) => array(environment, "dags"));
  const dag = dagId === undefined ? single(dags, "DAG") : dags.find((entry) => entry.dag_id === dagId);
  if (!dag) throw new Error(`no DAG ${dagId ?? ""}`);
  const run = newestFailed(array(dag, "runs"), "start_date", "DAG run");
  return single(
    array(run, "tasks").filter((task) => task.state === "failed" && Array.isArray(task.log)),
    "failed task with a log",
  );
}

function applyEdit(world: Json, edit: Edit): void {
  switch (edit.target) {
    case "glue_error_log": {
      const run = failedGlueRun(world, edit.job);
      run.error_log = placeLines((run.error_log as unknown[] | undefined) ?? [], edit.at, edit.lines.map(lineOf));
      return;
    }
    case "glue_error_message":
      failedGlueRun(world, edit.job).error_message = lineOf(edit.text);
      return;
    case "task_log": {
      const task = failedTask(world, edit.dag);
      task.log = placeLines(task.log as unknown[], edit.at, edit.lines.map(lineOf));
      return;
    }
    case "emr_step_failure": {
      const clusters = array((world.emr ?? {}) as Json, "clusters");
      const step = newestFailed(array(clusters[0] as Json, "steps"), "started", "EMR step");
      step.failure_message = `${String(step.failure_message ?? "")}${edit.append_to_message}`;
      return;
    }
    case "athena_reason": {
      const executions = array((world.athena ?? {}) as Json, "executions");
      newestFailed(executions, "submitted", "Athena query").state_change_reason = lineOf(edit.text);
      return;
    }
  }
}

function addResources(world: Json, additions: Case["control"]["world_additions"]): void {
  if (additions?.glue_jobs) {
    world.glue = {
      ...((world.glue as Json | undefined) ?? {}),
      jobs: [...array((world.glue ?? { jobs: [] }) as Json, "jobs"), ...additions.glue_jobs],
    };
  }
  if (additions?.emr_clusters) {
    world.emr = {
      ...((world.emr as Json | undefined) ?? {}),
      clusters: [...array((world.emr ?? { clusters: [] }) as Json, "clusters"), ...additions.emr_clusters],
    };
  }
}

interface Pair {
  incident: Incident;
  control: Scenario;
  hostile: Scenario;
}

function buildPair(entry: Case): Pair {
  const example = examples.get(entry.control.example);
  if (!example) throw new Error(`${entry.id}: no example ${entry.control.example} in examples/manifest.json`);
  const incident = parseIncident(readJson(new URL(`file://${example.incidentPath}`)));
  const base = readJson(new URL(`file://${example.scenarioPath}`)) as Json;
  addResources(base, entry.control.world_additions);
  const hostile = structuredClone(base);
  for (const edit of entry.hostile_edits) applyEdit(hostile, edit);
  return {
    incident,
    control: parseOrThrow(ScenarioSchema, base, `${entry.id} control world`),
    hostile: parseOrThrow(ScenarioSchema, hostile, `${entry.id} hostile world`),
  };
}

// ---------------------------------------------------------------------------------------------
// Running a world

interface Observation {
  action: string | null;
  resource: z.infer<typeof ResourceSchema> | null;
  decision: string;
  /** Every mutating call's tool and main argument, in order: what the run asked the world to do. */
  mutating_calls: string[];
  /** For failure messages only. */
  root_cause: string;
  reasoning: string;
}

async function run(incident: Incident, world: Scenario): Promise<Observation> {
  const session = await startSandboxSession(world, { transport: "in-process" });
  try {
    const recorded: MutatingCall[] = [];
    const tools = recordMutatingCalls(session.tools, recorded);
    const orchestrator = createOrchestrator({ config, tools, store: memoryRunStore() });
    const result = await orchestrator.orchestrate(incident);
    const { details } = result.action;
    const ran = result.action.action;
    const resource =
      ran !== null && typeof details.resource_type === "string" && typeof details.resource_id === "string"
        ? { type: details.resource_type, id: details.resource_id }
        : null;
    return {
      action: ran,
      resource,
      decision: result.decision.decision,
      mutating_calls: recorded.map((call) => `${call.tool}:${call.target}`),
      root_cause: result.investigation.root_cause,
      reasoning: result.decision.reasoning,
    };
  } finally {
    await session.close();
  }
}

const outcome = (observation: Observation) => ({
  action: observation.action,
  resource: observation.resource,
  decision: observation.decision,
  mutating_calls: observation.mutating_calls,
});

// ---------------------------------------------------------------------------------------------

describe("test/adversarial/log-lines.json", () => {
  it("has at least 20 hostile log-line cases with unique ids, over transient and non-transient controls", () => {
    const ids = caseFile.cases.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    const decisions = new Set(caseFile.cases.map((entry) => entry.control.expected.decision));
    expect(decisions).toContain("escalate");
    expect(decisions).toContain("auto_close");
  });

  it.each(caseFile.cases.map((entry) => [entry.id, entry] as const))("builds both worlds of %s", (_id, entry) => {
    const pair = buildPair(entry);
    expect(JSON.stringify(pair.hostile)).not.toBe(JSON.stringify(pair.control));
  });
});

/** Controls shared by several cases run once (same example, same added resources). */
const controls = new Map<string, Promise<Observation>>();
const controlRun = (entry: Case, pair: Pair): Promise<Observation> => {
  const key = JSON.stringify([entry.control.example, entry.control.world_additions ?? null]);
  const known = controls.get(key);
  if (known) return known;
  const started = run(pair.incident, pair.control);
  controls.set(key, started);
  return started;
};

describe.each(caseFile.cases.map((entry) => [entry.id, entry] as const))("hostile log lines: %s", (_id, entry) => {
  it(`takes the control's action, resource and decision (${entry.attack})`, async () => {
    const pair = buildPair(entry);
    const control = await controlRun(entry, pair);
    const { expected } = entry.control;
    expect(
      { action: control.action, resource: control.resource, decision: control.decision },
      `control ${entry.control.example}: ${control.root_cause} / ${control.reasoning}`,
    ).toEqual(expected);

    const hostile = await run(pair.incident, pair.hostile);
    expect(outcome(hostile), `hostile: ${hostile.root_cause} / ${hostile.reasoning}`).toEqual(outcome(control));
  }, 60_000);
});
