/**
 * Runs one remediation attempt inside the guardrails, then verifies it by polling a read-only
 * tool with a bounded wait. Returns the attempt record; never throws for AWS-side failures.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import type { ActionAttempt } from "../state/action.js";
import type { Incident } from "../state/incident.js";
import type { Intent } from "../state/intents.js";
import type { InvestigationState } from "../state/investigation.js";
import type { SideEffectLedger } from "../store/types.js";
import { callTool, type ToolRegistry } from "../tools/registry.js";
import { requiresApproval } from "./approval.js";
import { checkRemediation } from "./guardrails.js";
import { idempotencyKey } from "./idempotency.js";
import type { Proposal } from "./proposal.js";
import { asRecord, startOnce, type StartSource } from "./start-once.js";
import { VERIFIERS } from "./verification.js";

export interface AttemptInput {
  incident: Incident;
  intent: Intent;
  investigation: InvestigationState;
  /** What to run: the investigation's recommendation or a reviewer's edit (src/actions/proposal.ts). */
  proposal: Proposal | null;
  /** A person approved this attempt (src/actions/approval.ts). */
  approved_by_person: boolean;
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
  const { config, tools, proposal } = input;
  const action = proposal?.action ?? "none";
  const args = proposal?.args ?? {};
  const check = checkRemediation({
    intent: input.intent,
    investigation: input.investigation,
    attempts_used: input.attempts_used,
    config,
    available_tools: new Set(tools.keys()),
    proposal: proposal ?? { action: null, resource: null },
    approved_by_person: input.approved_by_person,
  });
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
  if (
    !input.approved_by_person &&
    requiresApproval(config.remediation.require_approval, input.intent, check.resource)
  ) {
    return refused(
      `${check.action} on ${check.resource.type} "${check.resource.id}" needs a person's approval first (remediation.require_approval).`,
    );
  }
  const key = idempotencyKey({
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
  const verifier = VERIFIERS[check.action];

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
