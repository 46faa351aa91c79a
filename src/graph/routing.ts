/**
 * The graph's conditional edges. Each router reads the route the node before it wrote (its label
 * and why: src/graph/branches.ts), nothing else, so what Studio shows is what decided. A route
 * from another node, or a label the edge does not know, takes the edge's fallback: a person
 * (human review), or for the review's own edge, handing the ticket over.
 */
import type { GraphState } from "../state/graph-state.js";
import { NODES, type NodeName } from "../state/node-names.js";
import {
  ACTION_OUTCOME_LABELS,
  DECISION_LABELS,
  EVIDENCE_LABELS,
  ISSUE_TYPE_LABELS,
  RETRY_LABELS,
  REVIEW_LABELS,
} from "./branches.js";

export type {
  ActionOutcomeLabel,
  DecisionLabel,
  EvidenceLabel,
  IssueTypeLabel,
  RetryLabel,
  ReviewLabel,
} from "./branches.js";

/** The label `from` wrote into state, when it is one of `labels`; else `fallback`. */
export function routeFrom<const Label extends string>(
  from: NodeName,
  labels: readonly Label[],
  fallback: NoInfer<Label>,
): (state: GraphState) => Label {
  return (state) => {
    const route = state.route;
    if (route?.from !== from) return fallback;
    return labels.find((label) => label === route.label) ?? fallback;
  };
}

export const routeAfterClassify = routeFrom(NODES.classifyIntent, ISSUE_TYPE_LABELS, "error");
export const routeAfterInvestigate = routeFrom(NODES.investigate, EVIDENCE_LABELS, "error");
export const routeAfterAction = routeFrom(NODES.takeAction, ACTION_OUTCOME_LABELS, "error");
export const routeAfterPolicy = routeFrom(NODES.policyEngine, DECISION_LABELS, "human_review");
export const routeAfterRetry = routeFrom(NODES.retryAction, RETRY_LABELS, "error");
export const routeAfterReview = routeFrom(NODES.humanReview, REVIEW_LABELS, "ignored");
