/**
 * Runs a round of planned diagnostic calls: independent calls in parallel (at most `max_parallel`
 * at once), each under its own timeout. It never throws — a missing tool, a thrown error, a timeout
 * or a ToolError answer each become a ToolRun with `error`, so one broken service cannot sink the
 * whole investigation. Results keep the planned order.
 *
 * This is where tool output enters the agent, so this is where secrets leave it: the output kept
 * for findings has every string redacted (before it is capped, so a cut cannot leave half a key),
 * and error messages are sanitised. The uncapped output stays as the tool gave it: analyzers read
 * it (a re-run needs the failed run's own arguments), and the text they quote from it is redacted
 * where they cut it (analyzers/common.ts).
 */
import pLimit from "p-limit";
import { redactJson } from "../safety/index.js";
import { boundJson } from "../tools/bound.js";
import { callTool, type ToolRegistry } from "../tools/registry.js";
import { ToolErrorSchema } from "../tools/schemas.js";
import { sanitizeMessage } from "./sanitize.js";
import type { PlannedCall, ToolRun, ToolRunError } from "./types.js";

export interface RunToolsOptions {
  timeout_ms: number;
  max_parallel: number;
  max_finding_chars: number;
}

/** Error codes of failures that happen on our side of the call (a ToolError carries the service's). */
export const RUN_ERROR_CODES = {
  timeout: "timeout",
  unavailable: "tool_unavailable",
  failed: "tool_failed",
} as const;

class ToolTimeoutError extends Error {
  constructor(tool: string, timeoutMs: number) {
    super(`${tool} did not answer within ${timeoutMs} ms`);
    this.name = "ToolTimeoutError";
  }
}

/** Calls a tool, rejecting with ToolTimeoutError after `timeoutMs` and aborting the call then. */
async function callWithTimeout(tools: ToolRegistry, call: PlannedCall, timeoutMs: number): Promise<unknown> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ToolTimeoutError(call.tool, timeoutMs));
      controller.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([callTool(tools, call.tool, call.args, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorOf(thrown: unknown): ToolRunError {
  if (thrown instanceof ToolTimeoutError) return { code: RUN_ERROR_CODES.timeout, message: thrown.message };
  const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return { code: RUN_ERROR_CODES.failed, message: sanitizeMessage(message) };
}

async function runOne(call: PlannedCall, tools: ToolRegistry, options: RunToolsOptions): Promise<ToolRun> {
  const started = performance.now();
  const finish = (output: unknown, error: ToolRunError | null): ToolRun => ({
    tool: call.tool,
    args: call.args,
    output: error ? null : boundJson(redactJson(output), options.max_finding_chars),
    full_output: error ? null : output,
    error,
    duration_ms: Math.max(0, Math.round(performance.now() - started)),
  });

  if (!tools.has(call.tool)) {
    return finish(null, { code: RUN_ERROR_CODES.unavailable, message: `tool ${call.tool} is not available` });
  }
  try {
    const output = await callWithTimeout(tools, call, options.timeout_ms);
    const toolError = ToolErrorSchema.safeParse(output);
    if (toolError.success) {
      const { code, message } = toolError.data.error;
      return finish(null, { code: sanitizeMessage(code, 80), message: sanitizeMessage(message) });
    }
    return finish(output, null);
  } catch (thrown) {
    return finish(null, errorOf(thrown));
  }
}

export async function runPlannedCalls(
  calls: readonly PlannedCall[],
  tools: ToolRegistry,
  options: RunToolsOptions,
): Promise<ToolRun[]> {
  const limit = pLimit(options.max_parallel);
  return Promise.all(calls.map((call) => limit(() => runOne(call, tools, options))));
}
