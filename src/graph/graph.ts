/**
 * The orchestrator graph: the seed's diagram as one typed StateGraph. Only wiring lives here;
 * each box is a node in src/nodes, each diamond a router in ./routing.ts that reads the branch the
 * node before it chose (./branches.ts) from state.
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { createClassifyIntentNode } from "../nodes/classify-intent.js";
import { createCloseTicketNode } from "../nodes/close-ticket.js";
import { createEscalateNode } from "../nodes/escalate.js";
import { createHandOverNode } from "../nodes/hand-over.js";
import { createHumanReviewNode } from "../nodes/human-review.js";
import { createInvestigateNode } from "../nodes/investigate.js";
import { createPolicyEngineNode } from "../nodes/policy-engine.js";
import { createRetryActionNode } from "../nodes/retry-action.js";
import { createTakeActionNode } from "../nodes/take-action.js";
import { GraphInputSchema, GraphStateSchema } from "../state/graph-state.js";
import type { OrchestratorDeps } from "./dependencies.js";
import { NODES } from "../state/node-names.js";
import {
  routeAfterRetry,
  routeAfterReview,
  routeAfterAction,
  routeAfterPolicy,
  routeAfterInvestigate,
  routeAfterClassify,
} from "./routing.js";

export function buildOrchestratorGraph(deps: OrchestratorDeps) {
  return new StateGraph(GraphStateSchema, { input: GraphInputSchema })
    .addNode(NODES.classifyIntent, createClassifyIntentNode(deps))
    .addNode(NODES.investigate, createInvestigateNode(deps))
    .addNode(NODES.takeAction, createTakeActionNode(deps))
    .addNode(NODES.policyEngine, createPolicyEngineNode(deps))
    .addNode(NODES.closeTicket, createCloseTicketNode(deps))
    .addNode(NODES.retryAction, createRetryActionNode(deps))
    .addNode(NODES.escalate, createEscalateNode(deps))
    .addNode(NODES.humanReview, createHumanReviewNode(deps))
    .addNode(NODES.handOver, createHandOverNode(deps))
    .addEdge(START, NODES.classifyIntent)
    .addConditionalEdges(NODES.classifyIntent, routeAfterClassify, {
      mwaa_dag_failure: NODES.investigate,
      glue_job_failure: NODES.investigate,
      athena_failure: NODES.investigate,
      data_missing: NODES.investigate,
      others: NODES.investigate,
      fast_track: NODES.policyEngine,
      error: NODES.humanReview,
    })
    .addConditionalEdges(NODES.investigate, routeAfterInvestigate, {
      high_confidence: NODES.takeAction,
      needs_approval: NODES.humanReview,
      low_confidence: NODES.policyEngine,
      error: NODES.humanReview,
    })
    .addConditionalEdges(NODES.takeAction, routeAfterAction, {
      success: NODES.policyEngine,
      failure: NODES.policyEngine,
      error: NODES.humanReview,
    })
    .addConditionalEdges(NODES.policyEngine, routeAfterPolicy, {
      auto_close: NODES.closeTicket,
      auto_retry: NODES.retryAction,
      escalate: NODES.escalate,
      human_review: NODES.humanReview,
    })
    .addConditionalEdges(NODES.retryAction, routeAfterRetry, {
      next_attempt: NODES.takeAction,
      needs_approval: NODES.humanReview,
      budget_exhausted: NODES.policyEngine,
      retry_in_flight: END,
      error: NODES.humanReview,
    })
    .addConditionalEdges(NODES.humanReview, routeAfterReview, {
      approved: NODES.takeAction,
      closed: NODES.closeTicket,
      responded: NODES.escalate,
      ignored: NODES.handOver,
    })
    .addEdge(NODES.closeTicket, END)
    .addEdge(NODES.escalate, END)
    .addEdge(NODES.handOver, END);
}

export function compileOrchestratorGraph(deps: OrchestratorDeps, checkpointer?: BaseCheckpointSaver) {
  return buildOrchestratorGraph(deps).compile({ checkpointer, name: "incident_orchestrator" });
}

export type OrchestratorGraph = ReturnType<typeof compileOrchestratorGraph>;
