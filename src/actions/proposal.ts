/**
 * The remediation in play for a run: the investigation's recommendation, or the action a reviewer
 * edited in (which replaces it for the rest of the run). Pure.
 */
import { REMEDIATIONS } from "../remediations/catalog.js";
import type { InvestigationState, Resource } from "../state/investigation.js";
import type { ReviewRecord } from "../state/review.js";
import { isMutatingTool } from "../tools/catalog.js";

export interface Proposal {
  action: string;
  /** Without the idempotency key, which the action node adds. */
  args: Record<string, unknown>;
  resource: Resource | null;
}

export function currentProposal(
  investigation: InvestigationState | null,
  reviews: readonly ReviewRecord[],
): Proposal | null {
  const edited = reviews.findLast((review) => review.response === "edit" && review.action !== null)?.action;
  if (edited)
    return {
      action: edited.action,
      args: edited.args,
      resource: resourceOf(edited.action, edited.args, investigation),
    };
  if (!investigation?.recommended_action) return null;
  return {
    action: investigation.recommended_action,
    args: investigation.action_args ?? {},
    resource: investigation.resource,
  };
}

/**
 * The resource an action's arguments aim at, for the allow-list, as its remediation reads it (an
 * Athena query names no workgroup, so it keeps the investigation's only for the same query). An
 * unknown action has no resource, and the guardrails refuse it.
 */
export function resourceOf(
  action: string,
  args: Record<string, unknown>,
  investigation: InvestigationState | null,
): Resource | null {
  if (!isMutatingTool(action)) return null;
  const remediation = REMEDIATIONS[action];
  return remediation.proposalResource
    ? remediation.proposalResource(args, investigation)
    : remediation.namedResource(args);
}
