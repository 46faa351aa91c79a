/**
 * How a run was made, kept on its thread so that a resume carries it on the same way: the resolved
 * config (whole: a resume needs no file), where it came from, the scenario and the tool source, and
 * whether it was a dry run. A resume that names a different config or scenario is refused, saying
 * which differs, rather than quietly running the rest of the thread on other rules.
 */
import { z } from "zod";

export const RunContextSchema = z.object({
  config: z.record(z.string(), z.unknown()),
  /** sha256 of the config in canonical JSON (keys sorted): what "the same config" means. */
  config_digest: z.string(),
  /** The config file's absolute path, or null when the caller passed a config (or none). */
  config_source: z.string().nullable(),
  /** The scenario file's absolute path when the run was on the embedded sandbox. */
  scenario: z.string().nullable(),
  /** Where the tools came from: "mcp", "in-process", or "caller" (a library caller's own tools). */
  tools: z.string(),
  dry_run: z.boolean(),
});
export type RunContext = z.infer<typeof RunContextSchema>;

/** What a caller says about where its config, scenario and tools came from. */
export const RunOriginSchema = RunContextSchema.pick({ config_source: true, scenario: true, tools: true }).partial();
export type RunOrigin = z.infer<typeof RunOriginSchema>;
