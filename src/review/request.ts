/**
 * What a paused run asks a person: why it paused, what it proposes, and which answers it takes.
 * Built from state alone, so the human-review node, `show` and Studio all see the same request. Pure.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { nextAttempt } from "../progress/next-attempt.js";
import { policyInputFrom } from "../progress/policy-input.js";
import { hasUnresolvedErrors, lastReview } from "../progress/review-progress.js";
import { decide } from "../policy/index.js";
import type { Decision } from "../state/decision.js";
import type { GraphState } from "../state/graph-state.js";
import type { ReviewReason, ReviewRequest } from "../state/review.js";
import { isMutatingTool } from "../tools/catalog.js";
import type { ToolRegistry } from "../tools/registry.js";
import { describeReview } from "./describe.js";

export const CLOSE_TICKET_ACTION = "close_ticket";
/**
 * What a review of an errored run proposes when no remediation can be proposed: nothing to accept.
 * Closing a ticket the run never got to the bottom of (tools without credentials, a node that
 * failed) would resolve an incident nobody investigated, so accept is not offered; a person
 * responds (escalate with a note) or takes the ticket over.
 */
export const LOOK_INTO_ERRORS_ACTION = "look_into_errors";

export function reviewRequestFor(state: GraphState, config: OrchestratorConfig, tools: ToolRegistry): ReviewRequest {
  const reason = reviewReason(state);
  // What a reviewer could run: the same guardrails, except that their judgement replaces the cause check.
  const asPerson = nextAttempt(state, config, tools, { assumeApproved: true });
  const recovered = state.investigation?.cause_kind === "recovered";
  const proposes_remediation = asPerson.check?.permitted === true && asPerson.proposal !== null && !recovered;
  const closable = reason !== "error";
  const action_request =
    proposes_remediation && asPerson.proposal
      ? { action: asPerson.proposal.action, args: asPerson.proposal.args }
      : { action: closable ? CLOSE_TICKET_ACTION : LOOK_INTO_ERRORS_ACTION, args: {} };
  // Agent Inbox edits the proposed action's arguments, so an edit is offered only with a remediation to edit.
  const editable_actions = proposes_remediation ? editableActions(state, config, tools) : [];
  const decision = pendingDecision(state, config, tools);
  return {
    reason,
    attempt: asPerson.attempt,
    proposes_remediation,
    editable_actions,
    interrupt: {
      action_request,
      config: {
        allow_accept: proposes_remediation || closable,
        allow_edit: editable_actions.length > 0,
        allow_respond: true,
        allow_ignore: true,
      },
      description: describeReview({
        state,
        config,
        reason,
        decision,
        proposal: action_request,
        proposes_remediation,
        refusal: asPerson.check && !asPerson.check.permitted ? asPerson.check.message : null,
        editable_actions,
        awaiting_approval_of: reason === "approval" ? asPerson.check : null,
      }),
    },
  };
}

/**
 * Why the run is at human review, from the three ways in: a failure nobody has answered yet; a
 * human_review decision taken since the last review; otherwise the approval gate before the action.
 */
export function reviewReason(state: GraphState): ReviewReason {
  if (hasUnresolvedErrors(state)) return "error";
  const decidedSinceReview = state.decisions.length > (lastReview(state)?.decisions_seen ?? 0);
  return decidedSinceReview && state.decisions.at(-1)?.decision === "human_review" ? "policy" : "approval";
}

/**
 * The human_review decision to record when a run reaches review without one (a node failed): the
 * policy engine's verdict with the error, which is always human_review. null when the policy
 * already decided it.
 */
export function pendingDecision(state: GraphState, config: OrchestratorConfig, tools: ToolRegistry): Decision | null {
  if (!hasUnresolvedErrors(state)) return null;
  return decide(policyInputFrom(state, config, tools), config.policy);
}

/** The remediations an edit may name: the intent's playbook's mutating tools that are connected. */
export function editableActions(state: GraphState, config: OrchestratorConfig, tools: ToolRegistry): string[] {
  if (!state.classification || !state.investigation) return [];
  return config.intent_tools[state.classification.intent].filter((tool) => isMutatingTool(tool) && tools.has(tool));
}
