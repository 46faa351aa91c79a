import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { toolTrouble } from "../investigation/tool-health.js";
import { resolveSubject } from "../subject/index.js";
import { subjectAgainstAccount } from "../investigation/account-subject.js";
import { branchAfterInvestigate } from "../graph/branches.js";
import { pendingDecision } from "../review/request.js";
import { routed } from "./routed.js";
import { guarded, type GraphNode } from "./guarded.js";

/**
 * Investigator Agent: the intent's playbook of read-only tools, in parallel, then deterministic
 * analysis. Tool trouble is recorded in `errors[]`, which sends the run to a person with the cause.
 */
export function createInvestigateNode(deps: OrchestratorDeps): GraphNode {
  const body = guarded(NODES.investigate, async (state) => {
    if (!state.classification) throw new Error("investigation needs a classification");
    // Which resource the ticket means, checked against the account first (src/investigation/account-subject.ts).
    const resolved = await subjectAgainstAccount({
      intent: state.classification.intent,
      subject: state.subject ?? resolveSubject(state.incident),
      incident: state.incident,
      entities: state.classification.entities,
      tools: deps.tools,
      timeoutMs: deps.config.investigation.tool_timeout_ms,
    });
    const investigated = await deps.investigator.investigate({
      intent: state.classification.intent,
      entities: resolved.entities,
      incident: state.incident,
      tools: deps.tools,
      config: deps.config,
      subject: resolved.subject,
    });
    const investigation = { ...investigated, findings: [...resolved.findings, ...investigated.findings] };
    // Tools that could not see (no credentials, unreachable, every call failed) are an error, never evidence of health.
    const trouble = toolTrouble(investigation.findings);
    return {
      investigation,
      ...(resolved.subject !== state.subject ? { subject: resolved.subject } : {}),
      ...(trouble ? { errors: [{ node: NODES.investigate, message: trouble }] } : {}),
    };
  });
  return routed(
    NODES.investigate,
    body,
    (after) => branchAfterInvestigate(after, deps.config, deps.tools),
    (after) => pendingDecision(after, deps.config, deps.tools),
  );
}
