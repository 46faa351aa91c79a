import { resolve } from "node:path";
import { configFileFor } from "../config/load.js";
import type { RunOrigin } from "../state/run-context.js";

/** Where a CLI run's config, scenario and tools come from, as its thread records them (absolute paths). */
export function cliRunOrigin(options: {
  config?: string;
  scenario?: string;
  inProcess?: boolean;
}): Required<RunOrigin> {
  const config = configFileFor(options.config);
  return {
    config_source: config === undefined ? null : resolve(config),
    scenario: options.scenario === undefined ? null : resolve(options.scenario),
    tools: options.inProcess ? "in-process" : "mcp",
  };
}
