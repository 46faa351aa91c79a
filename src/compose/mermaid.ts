import { createDependencies } from "./dependencies.js";
import { resolveConfig } from "../config/load.js";
import { compileOrchestratorGraph } from "../graph/graph.js";

/** The Mermaid drawing of the graph's own structure (no tools are needed to draw it). */
export async function drawGraphMermaid(): Promise<string> {
  const graph = compileOrchestratorGraph(createDependencies({ config: resolveConfig({}), tools: [] }));
  return (await graph.getGraphAsync()).drawMermaid();
}
