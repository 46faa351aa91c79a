import { existsSync } from "node:fs";
import { readJsonFile } from "../io/read-json.js";
import { parseOrThrow } from "../errors.js";
import { assertWithinBounds } from "../safety/bounds.js";
import { ConfigSchema, type OrchestratorConfig, type OrchestratorConfigInput } from "./schema.js";

/** Looked for in the working directory when no config file is named. */
export const DEFAULT_CONFIG_FILE = "incident-orchestrator.config.json";

/**
 * A validated config, as a fresh object: zod 4 hands out `.default()` values by reference, so
 * without the copy a caller changing its config (`--dry-run`, an eval case's overrides) would change
 * the defaults every later config gets. The input limits (src/safety/bounds.ts) are checked first:
 * structuredClone recurses, and a config is input like any other.
 */
export function resolveConfig(input: OrchestratorConfigInput | undefined): OrchestratorConfig {
  assertWithinBounds(input ?? {}, "config");
  return structuredClone(parseOrThrow(ConfigSchema, input ?? {}, "config"));
}

/** The config file a command reads: the one named, else the default file if present, else none. */
export function configFileFor(path?: string): string | undefined {
  return path ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
}

/** Reads and validates a config file; with no path, the default file if present, else the defaults. */
export async function loadConfigFile(path?: string): Promise<OrchestratorConfig> {
  const file = configFileFor(path);
  if (!file) return resolveConfig({});
  return resolveConfig((await readJsonFile(file, "config")) as OrchestratorConfigInput);
}
