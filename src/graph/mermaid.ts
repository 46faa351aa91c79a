import { deterministicClassifier } from "../classifier/index.js";
import { resolveConfig } from "../config/load.js";
import { memoryLedger } from "../store/memory.js";
import { compileOrchestratorGraph } from "./graph.js";

/** The Mermaid drawing of the graph's own structure (no tools are needed to draw it). */
export async function drawGraphMermaid(): Promise<string> {
  const graph = compileOrchestratorGraph({
    config: resolveConfig({}),
    classifier: deterministicClassifier,
    tools: new Map(),
    ledger: memoryLedger(),
    now: () => new Date(),
    sleep: async () => {},
  });
  return (await graph.getGraphAsync()).drawMermaid();
}
