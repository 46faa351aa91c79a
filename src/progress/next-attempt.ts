/**
 * The remediation attempt a run would make next, read off the state: what it would run, whether
 * the guardrails permit it, whether a person approved it, and whether it must wait for one. The
 * action node, the policy input, the routing and the review request all ask this. Pure.
 */
import { approvalOf, requiresApproval } from "../actions/approval.js";
import { checkRemediation, type RemediationCheck } from "../actions/guardrails.js";
import { currentProposal, type Proposal } from "../actions/proposal.js";
import type { OrchestratorConfig } from "../config/schema.js";
import type { GraphState } from "../state/graph-state.js";
import { resolveSubject } from "../subject/resolve.js";
import type { ToolRegistry } from "../tools/registry.js";
import { attemptsUsed } from "./attempts.js";

export interface NextAttempt {
  /** Its 1-based number among all the run's attempts. */
  attempt: number;
  proposal: Proposal | null;
  approved_by_person: boolean;
  /** null when there is nothing to check (no investigation). */
  check: RemediationCheck | null;
  /** Permitted, but config wants a person's approval first and nobody has given it. */
  awaiting_approval: boolean;
}

export interface NextAttemptOptions {
  /** Attempts to count against the budget (default: those that started something). */
  used?: number;
  /** Check it as if a person had approved it: what a reviewer could run. */
  assumeApproved?: boolean;
}

export function nextAttempt(
  state: GraphState,
  config: OrchestratorConfig,
  tools: ToolRegistry,
  options: NextAttemptOptions = {},
): NextAttempt {
  const used = options.used ?? attemptsUsed(state.attempts);
  const attempt = state.attempts.length + 1;
  const proposal = currentProposal(state.investigation, state.reviews);
  const approved_by_person = options.assumeApproved === true || approvalOf(state.reviews, attempt) !== undefined;
  const intent = state.classification?.intent ?? "unknown";
  const check = state.investigation
    ? checkRemediation({
        intent,
        investigation: state.investigation,
        attempts_used: used,
        config,
        available_tools: new Set(tools.keys()),
        proposal: proposal ?? { action: null, resource: null },
        // A thread checkpointed before subjects were recorded has none: the same pure function gives it.
        subject: state.subject ?? resolveSubject(state.incident),
        approved_by_person,
      })
    : null;
  const awaiting_approval =
    check?.permitted === true &&
    !approved_by_person &&
    requiresApproval(config.remediation.require_approval, intent, check.resource);
  return { attempt, proposal, approved_by_person, check, awaiting_approval };
}
