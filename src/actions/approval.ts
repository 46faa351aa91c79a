/**
 * Which remediations need a person's approval before they start (config
 * `remediation.require_approval`), and whether a run has it. Pure.
 */
import type { ApprovalConfig } from "../config/schema.js";
import type { Intent } from "../state/intents.js";
import type { Resource } from "../state/investigation.js";
import type { ReviewRecord } from "../state/review.js";
import { matchesAllowList } from "./allow-list.js";
import { ALLOW_LIST_FOR_RESOURCE } from "../remediations/catalog.js";

export function requiresApproval(config: ApprovalConfig, intent: Intent, resource: Resource | null): boolean {
  if (config.intents.includes(intent)) return true;
  if (!resource) return false;
  return matchesAllowList(resource.id, config.resources[ALLOW_LIST_FOR_RESOURCE[resource.type]]);
}

/** The review that approved attempt `attempt` (accepted or edited it), if any. */
export function approvalOf(reviews: readonly ReviewRecord[], attempt: number): ReviewRecord | undefined {
  return reviews.findLast(
    (review) => review.attempt === attempt && (review.response === "accept" || review.response === "edit"),
  );
}
