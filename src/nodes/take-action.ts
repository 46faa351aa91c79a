import { executeRemediation } from "../actions/execute.js";
import { attemptsUsed } from "../graph/attempts.js";
import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../graph/node-names.js";
import { guarded, type GraphNode } from "./guarded.js";

/** Action Agent: one guarded, verified remediation attempt. The only node that changes the world. */
export function createTakeActionNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.takeAction, async (state) => {
    if (!state.classification || !state.investigation)
      throw new Error("action needs a classification and an investigation");
    const attempt = await executeRemediation({
      incident: state.incident,
      intent: state.classification.intent,
      investigation: state.investigation,
      attempts_used: attemptsUsed(state.attempts),
      attempt: state.attempts.length + 1,
      config: deps.config,
      tools: deps.tools,
      sleep: deps.sleep,
    });
    return { attempts: [attempt] };
  });
}
