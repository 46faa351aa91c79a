import { executeRemediation } from "../actions/execute.js";
import { attemptsUsed } from "../progress/attempts.js";
import type { OrchestratorDeps } from "../graph/dependencies.js";
import { nextAttempt } from "../progress/next-attempt.js";
import { NODES } from "../state/node-names.js";
import { remediationToolTrouble } from "../investigation/tool-health.js";
import { branchAfterAction } from "../graph/branches.js";
import { pendingDecision } from "../review/request.js";
import { routed } from "./routed.js";
import { guarded, threadIdOf, type GraphNode } from "./guarded.js";

/** Action Agent: one guarded, verified remediation attempt. The only node that changes the world. */
export function createTakeActionNode(deps: OrchestratorDeps): GraphNode {
  const body = guarded(NODES.takeAction, async (state, config) => {
    if (!state.classification || !state.investigation)
      throw new Error("action needs a classification and an investigation");
    const next = nextAttempt(state, deps.config, deps.tools);
    if (!next.check) throw new Error("action needs an investigation");
    const attempt = await executeRemediation({
      incident: state.incident,
      proposal: next.proposal,
      check: next.check,
      awaiting_approval: next.awaiting_approval,
      attempts_used: attemptsUsed(state.attempts),
      attempt: next.attempt,
      config: deps.config,
      tools: deps.tools,
      sleep: deps.sleep,
      ledger: deps.ledger,
      thread_id: threadIdOf(config),
    });
    const trouble = attempt.outcome === "error" ? remediationToolTrouble(attempt.message) : null;
    return { attempts: [attempt], ...(trouble ? { errors: [{ node: NODES.takeAction, message: trouble }] } : {}) };
  });
  return routed(
    NODES.takeAction,
    body,
    (after) => branchAfterAction(after),
    (after) => pendingDecision(after, deps.config, deps.tools),
  );
}
