import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../graph/node-names.js";
import { ClassifierOutputSchema } from "../state/classification.js";
import { guarded, type GraphNode } from "./guarded.js";

/** Intent Classifier Agent: intent, confidence, reasoning and the entities the tools need. */
export function createClassifyIntentNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.classifyIntent, async (state) => {
    const started_at = state.started_at ?? deps.now().toISOString();
    // A classifier's output is data: validated like any other boundary.
    const classification = ClassifierOutputSchema.parse(await deps.classifier.classify(state.incident));
    return { started_at, classification };
  });
}
