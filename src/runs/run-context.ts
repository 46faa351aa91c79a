/**
 * A thread's run context (src/state/run-context.ts): made when the run starts, checked when it is
 * resumed. PURE.
 */
import { createHash } from "node:crypto";
import type { OrchestratorConfig } from "../config/schema.js";
import type { RunContext, RunOrigin } from "../state/run-context.js";

/** JSON with every object's keys sorted, so the same config always digests the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The part of a config that decides how an incident is judged and acted on: all of it but `serve`
 * (how a worker polls and writes tickets back), which may change while a run is paused.
 */
function judged(config: OrchestratorConfig): Omit<OrchestratorConfig, "serve"> {
  const { serve: _serve, ...rest } = config;
  return rest;
}

export function configDigest(config: OrchestratorConfig): string {
  return createHash("sha256")
    .update(canonicalJson(judged(config)), "utf8")
    .digest("hex");
}

export function runContextFor(config: OrchestratorConfig, origin: RunOrigin = {}): RunContext {
  return {
    config: JSON.parse(JSON.stringify(judged(config))) as Record<string, unknown>,
    config_digest: configDigest(config),
    config_source: origin.config_source ?? null,
    scenario: origin.scenario ?? null,
    tools: origin.tools ?? "caller",
    dry_run: config.remediation.dry_run,
  };
}

const where = (context: RunContext) => context.config_source ?? "a config given by the caller";

/**
 * Why resuming a thread started with `context` under `config` and `origin` would run it
 * differently; null when nothing differs. Only what the resume names is compared: an origin field
 * left out means "the run's own".
 */
export function runContextConflict(
  threadId: string,
  context: RunContext,
  config: OrchestratorConfig,
  origin: RunOrigin = {},
): string | null {
  const digest = configDigest(config);
  if (digest !== context.config_digest) {
    const given = origin.config_source ? ` (${origin.config_source})` : "";
    return (
      `thread ${threadId} was run with ${where(context)} (config digest ${context.config_digest.slice(0, 12)}), ` +
      `not this config${given} (digest ${digest.slice(0, 12)}): resume it with the run's own config` +
      (context.dry_run !== config.remediation.dry_run ? `; the run was ${context.dry_run ? "" : "not "}a dry run` : "")
    );
  }
  if (origin.scenario !== undefined && origin.scenario !== context.scenario) {
    return `thread ${threadId} was run on ${context.scenario ? `scenario ${context.scenario}` : "AWS, not a sandbox"}, not ${origin.scenario ? `scenario ${origin.scenario}` : "AWS"}`;
  }
  if (origin.tools !== undefined && context.tools !== "caller" && origin.tools !== context.tools) {
    return `thread ${threadId} ran its tools ${context.tools}, not ${origin.tools}`;
  }
  return null;
}
