import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { ClassifierOutputSchema } from "../state/classification.js";
import { anchorToSubject, focusOnSubject, resolveSubject } from "../subject/index.js";
import { branchAfterClassify } from "../graph/branches.js";
import { guarded, type GraphNode } from "./guarded.js";
import { pendingDecision } from "../review/request.js";
import { routed } from "./routed.js";

/**
 * Intent Classifier Agent: intent, confidence, reasoning and the entities the tools need. Which
 * resource the incident is about is decided by our own code (src/subject), never by the classifier,
 * and the classification is kept about that resource.
 */
export function createClassifyIntentNode(deps: OrchestratorDeps): GraphNode {
  const body = guarded(NODES.classifyIntent, async (state) => {
    const started_at = state.started_at ?? deps.now().toISOString();
    const subject = resolveSubject(state.incident);
    // A classifier's output is data: validated like any other boundary.
    // It reads the ticket without the lines about other resources (src/subject/focus.ts).
    const output = ClassifierOutputSchema.parse(
      await deps.classifier.classify(focusOnSubject(state.incident, subject)),
    );
    return { started_at, subject, classification: anchorToSubject(output, subject) };
  });
  return routed(
    NODES.classifyIntent,
    body,
    (after) => branchAfterClassify(after, deps.config),
    (after) => pendingDecision(after, deps.config, deps.tools),
  );
}
