/**
 * What the fuzz starts from: the example incidents (so that mutated tickets still classify into
 * real intents and take real paths through the graph), the examples' config, and one sandbox world
 * that holds every example's resources at once (so one sandbox serves the whole fuzz run).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { OrchestratorConfigInput } from "../../src/config/schema.js";
import { ScenarioSchema, type Scenario, type ScenarioInput } from "../../src/sandbox/scenario.js";

interface ManifestEntry {
  incident: string;
  scenario: string;
}

export interface FuzzWorld {
  incidents: Record<string, unknown>[];
  scenarios: ScenarioInput[];
  /** Every example's resources in one world (faults left out: they would hit every incident). */
  world: Scenario;
  config: OrchestratorConfigInput;
}

export function loadFuzzWorld(manifestPath = "examples/manifest.json"): FuzzWorld {
  const base = dirname(manifestPath);
  const read = (path: string): unknown => JSON.parse(readFileSync(join(base, path), "utf8")) as unknown;
  const manifest = read("manifest.json") as { examples: ManifestEntry[] };
  const incidents = manifest.examples.map((example) => read(example.incident) as Record<string, unknown>);
  const scenarios = manifest.examples.map((example) => read(example.scenario) as ScenarioInput);
  const config = read("config.json") as OrchestratorConfigInput;
  return { incidents, scenarios, world: mergeWorlds(scenarios.map((s) => ScenarioSchema.parse(s))), config };
}

/** One world with every scenario's resources; the first of two with the same name wins, lists inside merge. */
export function mergeWorlds(worlds: readonly Scenario[]): Scenario {
  const latest = worlds.map((world) => world.now).reduce((a, b) => ((a ?? "") > (b ?? "") ? a : b));
  const all = <T>(pick: (world: Scenario) => readonly T[]) => worlds.flatMap((world) => [...pick(world)]);
  return ScenarioSchema.parse({
    now: latest,
    glue: {
      jobs: unique(
        all((w) => w.glue.jobs),
        (job) => job.name,
      ),
    },
    mwaa: {
      environments: mergeBy(
        all((w) => w.mwaa.environments),
        (env) => env.name,
        (a, b) => ({ ...a, dags: unique([...a.dags, ...b.dags], (dag) => dag.dag_id) }),
      ),
    },
    athena: {
      executions: unique(
        all((w) => w.athena.executions),
        (execution) => execution.id,
      ),
    },
    s3: {
      buckets: mergeBy(
        all((w) => w.s3.buckets),
        (bucket) => bucket.name,
        (a, b) => ({ ...a, objects: unique([...a.objects, ...b.objects], (object) => object.key) }),
      ),
    },
    cloudwatch: {
      alarms: unique(
        all((w) => w.cloudwatch.alarms),
        (alarm) => alarm.name,
      ),
      metrics: all((w) => w.cloudwatch.metrics),
    },
    logs: {
      groups: mergeBy(
        all((w) => w.logs.groups),
        (group) => group.name,
        (a, b) => ({ ...a, streams: unique([...a.streams, ...b.streams], (stream) => stream.name) }),
      ),
    },
    emr: {
      clusters: unique(
        all((w) => w.emr.clusters),
        (cluster) => cluster.id,
      ),
    },
    kafka: { consumers: all((w) => w.kafka.consumers) },
  });
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  return mergeBy(items, key, (first) => first);
}

function mergeBy<T>(items: readonly T[], key: (item: T) => string, merge: (a: T, b: T) => T): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const existing = byKey.get(key(item));
    byKey.set(key(item), existing === undefined ? item : merge(existing, item));
  }
  return [...byKey.values()];
}
