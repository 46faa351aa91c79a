/**
 * Runs one remediation attempt inside the guardrails, then verifies it by polling a read-only
 * tool with a bounded wait. Returns the attempt record; never throws for AWS-side failures.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import type { ActionAttempt } from "../state/action.js";
import type { Incident } from "../state/incident.js";
import type { SideEffectLedger } from "../store/types.js";
import { callTool, type ToolRegistry } from "../tools/registry.js";
import type { RemediationCheck } from "./guardrails.js";
import { idempotencyKey } from "./idempotency.js";
import type { Proposal } from "./proposal.js";
import { asRecord, startOnce, type StartSource } from "./start-once.js";
import { REMEDIATIONS } from "../remediations/catalog.js";

/**
 * One attempt as the action node resolved it (src/progress/next-attempt.ts): what to run, the
 * guardrails' verdict on it, and whether it still waits for a person's approval.
 */
export interface AttemptInput {
  incident: Incident;
  /** What to run: the investigation's recommendation or a reviewer's edit (src/actions/proposal.ts). */
  proposal: Proposal | null;
  check: RemediationCheck;
  /** Permitted, but `remediation.require_approval` wants a person's approval nobody has given. */
  awaiting_approval: boolean;
  /** Attempts already counted against the budget. */
  attempts_used: number;
  /** 1-based number of this attempt (counting every attempt of the run). */
  attempt: number;
  config: OrchestratorConfig;
  tools: ToolRegistry;
  sleep: (ms: number) => Promise<void>;
  ledger: SideEffectLedger;
  thread_id: string;
}

const SOURCE_NOTE: Record<StartSource, string> = {
  started: "started",
  ledger: "had already started (ledger)",
  world: "had already started (found by its idempotency key)",
};

export async function executeRemediation(input: AttemptInput): Promise<ActionAttempt> {
  const { config, tools, proposal, check } = input;
  const action = proposal?.action ?? "none";
  const args = proposal?.args ?? {};
  const base = { attempt: input.attempt, action, args };
  const refused = (message: string): ActionAttempt => ({
    ...base,
    outcome: "refused",
    idempotency_key: "",
    execution_id: null,
    status: null,
    message,
  });
  if (!check.permitted) return refused(check.message);
  // Routing pauses for approval before this node; this is the same rule, enforced where the side effect is.
  if (input.awaiting_approval) {
    return refused(
      `${check.action} on ${check.resource.type} "${check.resource.id}" needs a person's approval first (remediation.require_approval).`,
    );
  }
  const key = idempotencyKey({
    thread_id: input.thread_id,
    sys_id: input.incident.sys_id,
    action: check.action,
    resource_id: check.resource.id,
    attempt: input.attempts_used + 1,
  });
  if (config.remediation.dry_run) {
    return {
      ...base,
      outcome: "dry_run",
      idempotency_key: key,
      execution_id: null,
      status: null,
      message: `dry run: would call ${check.action} on ${check.resource.type} ${check.resource.id}`,
    };
  }

  const started = await startOnce({
    ledger: input.ledger,
    thread_id: input.thread_id,
    key,
    action: check.action,
    args,
    tools,
  });
  if ("error" in started) {
    return {
      ...base,
      outcome: "error",
      idempotency_key: key,
      execution_id: null,
      status: null,
      message: started.error,
    };
  }
  const executionId = started.execution_id;
  const what = `${check.action} ${SOURCE_NOTE[started.source]} ${executionId}`;
  const verifier = REMEDIATIONS[check.action].verification;

  const { poll_interval_ms, max_polls } = config.remediation.verify;
  let status: string | null = null;
  for (let poll = 1; poll <= max_polls; poll += 1) {
    const output = asRecord(await callTool(tools, verifier.statusTool, verifier.statusArgs(args, executionId)));
    status = output.error ? status : verifier.status(output, executionId);
    const verdict = status ? verifier.verdict(status) : null;
    if (verdict) {
      return {
        ...base,
        outcome: verdict,
        idempotency_key: key,
        execution_id: executionId,
        status,
        message: `${what}; verified ${status} after ${poll} status read(s)`,
      };
    }
    if (poll < max_polls) await input.sleep(poll_interval_ms);
  }
  return {
    ...base,
    outcome: "in_progress",
    idempotency_key: key,
    execution_id: executionId,
    status,
    message: `${what}; still ${status ?? "unknown"} after ${max_polls} status read(s)`,
  };
}
