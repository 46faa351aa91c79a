/**
 * A world made of scenario files: a base (an example's scenario) and overlays that only ADD
 * resources to it (decoys: other jobs, DAGs, queries and steps failing on their own in the same
 * account). Arrays of resources are merged by their identifying field, so an overlay can add a DAG
 * to the base's MWAA environment or a step to the base's EMR cluster. An overlay that would change
 * a value the base already has is an error: a decoy must never alter the incident's own evidence.
 */
import { readFile } from "node:fs/promises";
import { parseOrThrow } from "../../src/errors.js";
import { ScenarioSchema, type Scenario } from "../../src/sandbox/scenario.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The field that identifies an item of a resource list (Glue jobs and runs, DAGs, steps ...). */
const IDENTITY_FIELDS = ["id", "name", "dag_id", "dag_run_id", "task_id", "key"] as const;

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function identityOf(item: Json): string | undefined {
  if (!isObject(item)) return undefined;
  for (const field of IDENTITY_FIELDS) {
    const value = item[field];
    if (typeof value === "string") return `${field}=${value}`;
  }
  return undefined;
}

function mergeArrays(base: Json[], overlay: Json[], path: string): Json[] {
  const merged = [...base];
  for (const item of overlay) {
    const identity = identityOf(item);
    const index = identity === undefined ? -1 : merged.findIndex((existing) => identityOf(existing) === identity);
    const existing = merged[index];
    if (index === -1 || existing === undefined) merged.push(item);
    else merged[index] = mergeValues(existing, item, `${path}[${identity}]`);
  }
  return merged;
}

function mergeValues(base: Json, overlay: Json, path: string): Json {
  if (Array.isArray(base) && Array.isArray(overlay)) return mergeArrays(base, overlay, path);
  if (isObject(base) && isObject(overlay)) {
    const merged: JsonObject = { ...base };
    for (const [key, value] of Object.entries(overlay)) {
      const existing = merged[key];
      merged[key] = existing === undefined ? value : mergeValues(existing, value, `${path}.${key}`);
    }
    return merged;
  }
  if (JSON.stringify(base) !== JSON.stringify(overlay)) {
    throw new Error(`world overlay would change ${path} (${JSON.stringify(base)} -> ${JSON.stringify(overlay)})`);
  }
  return base;
}

/** Merges `overlay` into `base`; descriptions are joined, `$schema` and `now` come from the base. */
export function mergeWorlds(base: JsonObject, overlay: JsonObject): JsonObject {
  const { $schema: _ignored, description, now, ...resources } = overlay;
  if (now !== undefined && now !== base.now) throw new Error("a world overlay must not move the clock (now)");
  const merged = mergeValues(base, resources, "scenario") as JsonObject;
  if (typeof description === "string") {
    merged.description = `${typeof base.description === "string" ? `${base.description} ` : ""}Also in this account: ${description}`;
  }
  return merged;
}

/** Reads and merges the files (the first is the base) and validates the result as a scenario. */
export async function composeWorld(paths: readonly string[]): Promise<Scenario> {
  const [first, ...rest] = await Promise.all(
    paths.map(async (path) => JSON.parse(await readFile(path, "utf8")) as JsonObject),
  );
  if (!first) throw new Error("a world needs at least one scenario file");
  const world = rest.reduce((merged, overlay) => mergeWorlds(merged, overlay), first);
  return parseOrThrow(ScenarioSchema, world, `world ${paths.join(" + ")}`);
}
