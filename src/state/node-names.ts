/**
 * One node per box of the seed's diagram (the orchestrator itself is the graph), plus Hand Over:
 * where a reviewer's "ignore" leaves the ticket to people.
 */
export const NODES = {
  classifyIntent: "classify_intent",
  investigate: "investigate",
  takeAction: "take_action",
  policyEngine: "policy_engine",
  closeTicket: "close_ticket",
  retryAction: "retry_action",
  escalate: "escalate",
  humanReview: "human_review",
  handOver: "hand_over",
} as const;

export type NodeName = (typeof NODES)[keyof typeof NODES];
