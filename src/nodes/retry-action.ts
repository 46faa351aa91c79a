import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { branchAfterRetry } from "../graph/branches.js";
import { safeLine } from "../safety/index.js";
import { finishRun, workNotes } from "./finish.js";
import { guarded, type GraphNode } from "./guarded.js";
import { pendingDecision } from "../review/request.js";
import { routed } from "./routed.js";

/**
 * Retry Action: the policy chose to retry. Either the loop goes back to the action (within the
 * budget), or a retry is already in flight (or a dry run said what it would do) and the run ends
 * with the ticket left in progress.
 */
export function createRetryActionNode(deps: OrchestratorDeps): GraphNode {
  const body = guarded(NODES.retryAction, async (state) => {
    if (branchAfterRetry(state, deps.config, deps.tools).label !== "retry_in_flight") return {};
    const last = state.attempts.at(-1);
    // The message and the execution id come from a tool: one safe line each.
    const headline =
      last?.outcome === "dry_run"
        ? `Dry run: incident-orchestrator would retry (${safeLine(last.message, 1_000)}).`
        : `Retry in progress: ${last?.action ?? "remediation"} started ${safeLine(last?.execution_id ?? "", 200)}; verification pending.`;
    return finishRun(state, deps, {
      state: "In Progress",
      assignment_group: state.incident.assignment_group ?? null,
      close_code: null,
      work_notes: workNotes(state, headline),
    });
  });
  // The branch is chosen on the state the node started from: ending the run changes nothing it reads.
  return routed(
    NODES.retryAction,
    body,
    (after) => branchAfterRetry(after, deps.config, deps.tools),
    (after) => pendingDecision(after, deps.config, deps.tools),
  );
}
