/**
 * Starts a side effect at most once per idempotency key. Before calling a mutating tool it asks
 * the ledger (did we start this already?) and, when the ledger says a start began but never
 * finished — the process died mid-call — the world (is there a run carrying this key?). Only then
 * does it call the tool, writing the ledger before and after.
 */
import type { SideEffectLedger } from "../store/types.js";
import type { MutatingToolName } from "../tools/catalog.js";
import { callTool, type ToolRegistry } from "../tools/registry.js";
import { REMEDIATIONS } from "../remediations/catalog.js";

export interface StartOnceInput {
  ledger: SideEffectLedger;
  thread_id: string;
  key: string;
  action: MutatingToolName;
  args: Record<string, unknown>;
  tools: ToolRegistry;
}

/** Where the execution id came from: a new start, the ledger, or the world (a start whose answer was lost). */
export type StartSource = "started" | "ledger" | "world";

export type StartOutcome = { execution_id: string; source: StartSource } | { error: string };

export async function startOnce(input: StartOnceInput): Promise<StartOutcome> {
  const { ledger, key, action, args, tools } = input;
  const prior = await ledger.get(key);
  if (prior?.state === "completed" && prior.execution_id) return { execution_id: prior.execution_id, source: "ledger" };
  if (prior?.state === "started") {
    const found = await findInWorld(input);
    if (found) {
      await ledger.complete(key, found);
      return { execution_id: found, source: "world" };
    }
  }

  await ledger.begin({ idempotency_key: key, thread_id: input.thread_id, action, args });
  // If this call dies with the process, the entry stays `started` and the next run asks the world.
  const output = asRecord(await callTool(tools, action, { ...args, idempotency_key: key }));
  const executionId = output.error ? null : REMEDIATIONS[action].verification.executionId(output);
  if (!executionId) {
    const message = errorText(output);
    await ledger.fail(key, message);
    return { error: message };
  }
  await ledger.complete(key, executionId);
  // The tool itself found a run with this key (Glue, Airflow and EMR check before starting).
  return { execution_id: executionId, source: output.reused === true ? "world" : "started" };
}

/**
 * The execution an earlier start with this key made, read with a read-only tool; null when there is
 * none, when the service dedupes by key itself (no lookup), or when the lookup fails — then the
 * mutating tool is called with the same key, and it checks again before starting anything.
 */
async function findInWorld(input: StartOnceInput): Promise<string | null> {
  const lookup = REMEDIATIONS[input.action].keyLookup;
  if (!lookup) return null;
  try {
    const output = asRecord(await callTool(input.tools, lookup.tool, lookup.args(input.args, input.key)));
    return output.error ? null : lookup.executionId(output, input.key);
  } catch {
    return null;
  }
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function errorText(output: Record<string, unknown>): string {
  const error = asRecord(output.error);
  const text =
    typeof error.message === "string"
      ? `${String(error.code ?? "Error")}: ${error.message}`
      : "no execution id returned";
  return `the remediation tool failed: ${text}`.slice(0, 500);
}
