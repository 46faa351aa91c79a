/**
 * The remediation guardrails: plain code that decides whether the recommended action may run now.
 * A model may recommend; only this function permits. It is pure, so the action node and the
 * policy engine can both ask it and get the same answer.
 *
 * Checks run in a fixed order and the first failure is the reason, so a refusal always names the
 * most fundamental problem (no action at all before a missing tool, a missing tool before budget).
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { ALLOW_LIST_FOR_RESOURCE, checkSubjectBinding, REMEDIATIONS } from "../remediations/catalog.js";
import type { Intent } from "../state/intents.js";
import type { InvestigationState, Resource } from "../state/investigation.js";
import type { Subject } from "../subject/subject.js";
import { isMutatingTool, type MutatingToolName } from "../tools/catalog.js";
import { matchesAllowList } from "./allow-list.js";
import { checkRemediationArguments, type RunArguments } from "./argument-policy.js";

export type RemediationRefusalReason =
  | "no_remediation"
  | "not_a_mutating_tool"
  | "not_in_playbook"
  | "tool_unavailable"
  | "non_transient_cause"
  | "not_the_subject"
  | "not_allow_listed"
  | "arguments_not_allowed"
  | "budget_exhausted";

export type RemediationCheck =
  | { permitted: true; action: MutatingToolName; resource: Resource }
  | { permitted: false; reason: RemediationRefusalReason; message: string };

export interface RemediationCheckInput {
  intent: Intent;
  investigation: InvestigationState;
  /** Attempts that actually started something (succeeded, failed or in_progress). */
  attempts_used: number;
  config: OrchestratorConfig;
  /** Tool names the connected MCP servers offer right now. */
  available_tools: ReadonlySet<string>;
  /** The remediation to check, when it is not the investigation's (a reviewer edited it). */
  proposal?: { action: string | null; args?: Readonly<Record<string, unknown>>; resource: Resource | null };
  /** What the incident is about (src/subject): the only resources a remediation may target. */
  subject: Subject;
  /**
   * A person approved this attempt. Their judgement replaces the analysis's verdict on the cause
   * (the transient-cause check); the playbook, the tool, the allow-list and the budget still hold.
   */
  approved_by_person?: boolean;
}

/** The failed run's own Glue arguments, as the investigation proposed them from GetJobRuns. */
function ownRunArguments(investigation: InvestigationState): RunArguments[] {
  const own = investigation.action_args?.arguments;
  if (own === null || typeof own !== "object" || Array.isArray(own)) return [];
  const entries = Object.entries(own);
  return entries.every(([, value]) => typeof value === "string") ? [Object.fromEntries(entries) as RunArguments] : [];
}

function refuse(reason: RemediationRefusalReason, message: string): RemediationCheck {
  return { permitted: false, reason, message };
}

export function checkRemediation(input: RemediationCheckInput): RemediationCheck {
  const { intent, investigation, attempts_used, config, available_tools } = input;
  const action = input.proposal ? input.proposal.action : investigation.recommended_action;

  if (action === null) {
    return refuse("no_remediation", "The investigation recommended no remediation.");
  }
  if (!isMutatingTool(action)) {
    return refuse("not_a_mutating_tool", `${action} is not a known remediation tool.`);
  }
  const playbook: readonly string[] = config.intent_tools[intent];
  if (!playbook.includes(action)) {
    return refuse("not_in_playbook", `${action} is not in the ${intent} playbook.`);
  }
  if (!available_tools.has(action)) {
    return refuse("tool_unavailable", `${action} is not offered by any connected tool server.`);
  }
  if (investigation.cause_kind !== "transient" && !input.approved_by_person) {
    return refuse(
      "non_transient_cause",
      `The root cause is ${investigation.cause_kind}, not transient; retrying ${action} would not fix it.`,
    );
  }

  const resource = input.proposal ? input.proposal.resource : investigation.resource;
  if (resource === null) {
    return refuse("not_allow_listed", `${action} has no target resource to check against the allow-list.`);
  }
  const expectedType = REMEDIATIONS[action].resourceType;
  if (resource.type !== expectedType) {
    return refuse(
      "not_allow_listed",
      `${action} acts on a ${expectedType}, but the target is ${resource.type} "${resource.id}".`,
    );
  }
  const args = (input.proposal ? input.proposal.args : investigation.action_args) ?? {};
  const binding = checkSubjectBinding(input.subject, action, args, resource);
  if (!binding.bound) return refuse("not_the_subject", binding.message);
  const listName = ALLOW_LIST_FOR_RESOURCE[resource.type];
  if (!matchesAllowList(resource.id, config.remediation.allow_list[listName])) {
    return refuse(
      "not_allow_listed",
      `${resource.type} "${resource.id}" is not on the remediation allow-list (remediation.allow_list.${listName}).`,
    );
  }

  // The investigation's own proposal re-runs the failed run with that run's arguments (read from AWS);
  // an edit may carry those, or argument names the config allows — never code paths of its own.
  const argumentCheck = checkRemediationArguments(action, args, config, ownRunArguments(investigation));
  if (!argumentCheck.permitted) return refuse("arguments_not_allowed", argumentCheck.message);

  const budget = config.remediation.budgets[intent];
  if (attempts_used >= budget) {
    return refuse(
      "budget_exhausted",
      `The ${intent} retry budget is exhausted (${attempts_used}/${budget} attempts used) for ${resource.type} "${resource.id}".`,
    );
  }

  return { permitted: true, action, resource };
}
