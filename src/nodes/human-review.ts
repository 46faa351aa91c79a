import { interrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { OrchestratorDeps } from "../graph/dependencies.js";
import { checkAnswer, reviewRecord } from "../review/answer.js";
import { reviewRequestFor } from "../review/request.js";
import type { HumanInterrupt, HumanResponse } from "../state/review.js";
import { branchAfterReview } from "../graph/branches.js";
import { NODES } from "../state/node-names.js";
import type { GraphNode } from "./guarded.js";
import { routed } from "./routed.js";

/**
 * Manual Review: the run pauses here for a person (a LangGraph interrupt with Agent Inbox's
 * `HumanInterrupt`), and the answer is recorded; the nodes after it carry it out. It decides
 * nothing: a failed run's policy decision was recorded by the node that met the failure. An answer that
 * does not fit the request is not taken: the node asks again with the reason, so the thread stays
 * paused. Not `guarded`: the interrupt is LangGraph's control flow, and everything here is pure.
 */
export function createHumanReviewNode(deps: OrchestratorDeps): GraphNode {
  const body: GraphNode = async (state, config) => {
    const request = reviewRequestFor(state, deps.config, deps.tools);
    let asked: HumanInterrupt = request.interrupt;
    for (;;) {
      // Agent Inbox's convention: a list of one request out, a list of one response back.
      const answer: unknown = interrupt<HumanInterrupt[], unknown>([asked]);
      const checked = checkAnswer(answer, request);
      if (checked.ok) {
        const reviewer = reviewerOf(checked.response, config);
        return { reviews: [reviewRecord(state, request, checked.response, reviewer, deps.now())] };
      }
      asked = {
        ...request.interrupt,
        description: `> **Your last answer was not taken:** ${checked.error}\n\n${request.interrupt.description}`,
      };
    }
  };
  return routed(NODES.humanReview, body, branchAfterReview);
}

/** Who answered: as the answer says, else the LangGraph server's authenticated user, else unknown. */
function reviewerOf(response: HumanResponse, config: LangGraphRunnableConfig | undefined): string {
  if (response.reviewer) return response.reviewer;
  const user: unknown = config?.configurable?.langgraph_auth_user;
  const identity = typeof user === "object" && user !== null ? (user as { identity?: unknown }).identity : undefined;
  return typeof identity === "string" && identity !== "" ? identity : "unknown";
}
