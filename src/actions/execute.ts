/**
 * Runs one remediation attempt inside the guardrails, then verifies it by polling a read-only
 * tool with a bounded wait. Returns the attempt record; never throws for AWS-side failures.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import type { ActionAttempt } from "../state/action.js";
import type { Incident } from "../state/incident.js";
import type { Intent } from "../state/intents.js";
import type { InvestigationState } from "../state/investigation.js";
import { callTool, type ToolRegistry } from "../tools/registry.js";
import { checkRemediation } from "./guardrails.js";
import { idempotencyKey } from "./idempotency.js";
import { VERIFIERS } from "./verification.js";

export interface AttemptInput {
  incident: Incident;
  intent: Intent;
  investigation: InvestigationState;
  /** Attempts already counted against the budget. */
  attempts_used: number;
  /** 1-based number of this attempt (counting every attempt of the run). */
  attempt: number;
  config: OrchestratorConfig;
  tools: ToolRegistry;
  sleep: (ms: number) => Promise<void>;
}

export async function executeRemediation(input: AttemptInput): Promise<ActionAttempt> {
  const { investigation, config, tools } = input;
  const action = investigation.recommended_action ?? "none";
  const args = investigation.action_args ?? {};
  const check = checkRemediation({
    intent: input.intent,
    investigation,
    attempts_used: input.attempts_used,
    config,
    available_tools: new Set(tools.keys()),
  });
  const base = { attempt: input.attempt, action, args };
  if (!check.permitted) {
    return {
      ...base,
      outcome: "refused",
      idempotency_key: "",
      execution_id: null,
      status: null,
      message: check.message,
    };
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

  const started = asRecord(await callTool(tools, check.action, { ...args, idempotency_key: key }));
  const verifier = VERIFIERS[check.action];
  const executionId = started.error ? null : verifier.executionId(started);
  if (!executionId) {
    return {
      ...base,
      outcome: "error",
      idempotency_key: key,
      execution_id: null,
      status: null,
      message: errorText(started),
    };
  }

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
        message: `${check.action} started ${executionId}; verified ${status} after ${poll} status read(s)`,
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
    message: `${check.action} started ${executionId}; still ${status ?? "unknown"} after ${max_polls} status read(s)`,
  };
}

function asRecord(value: unknown): Record<string, unknown> {
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
