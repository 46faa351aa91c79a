/**
 * The deployed graph's dependencies, from the environment (see deployed-graph.ts, the entry point
 * langgraph.json names, for the variables). Apart from the entry point so it can be tested: that
 * module builds its graph as it is imported.
 */
import { loadConfigFile } from "../config/load.js";
import { UserInputError } from "../errors.js";
import { compileOrchestratorGraph, type OrchestratorGraph } from "../graph/graph.js";
import { openRunStoreFromEnv } from "../store/from-env.js";
import type { RunStore } from "../store/types.js";
import { createDependencies } from "./dependencies.js";
import { logMcpRestart, openTools, type ToolSource } from "./tools.js";
import type { Env } from "../io/env.js";

export interface DeployedGraph {
  graph: OrchestratorGraph;
  /** Where the tools are (MCP unless INCIDENT_ORCHESTRATOR_TOOLS=in-process). */
  tools: ToolSource;
  store: RunStore;
  /** For tests: the server itself runs until it is stopped, and its stdio servers stop with it. */
  close(): Promise<void>;
}

export async function composeDeployedGraph(env: Env = process.env): Promise<DeployedGraph> {
  const transport = deployedTransport(env);
  const config = await loadConfigFile(env.INCIDENT_ORCHESTRATOR_CONFIG || undefined);
  const scenario = env.INCIDENT_ORCHESTRATOR_SCENARIO || undefined;
  const tools = await openTools(
    { ...(scenario ? { scenario } : {}), transport, onRestart: logMcpRestart, env },
    config,
  );
  try {
    const store = await openRunStoreFromEnv(env);
    const graph = compileOrchestratorGraph(createDependencies({ config, tools: tools.tools, ledger: store.ledger }));
    return {
      graph,
      tools,
      store,
      close: async () => {
        await tools.close();
        await store.close();
      },
    };
  } catch (error) {
    await tools.close();
    throw error;
  }
}

/** Pure: the tool transport the environment asks for. */
export function deployedTransport(env: Env): "mcp" | "in-process" {
  const value = env.INCIDENT_ORCHESTRATOR_TOOLS;
  if (value === undefined || value === "" || value === "mcp") return "mcp";
  if (value === "in-process") return "in-process";
  throw new UserInputError(`INCIDENT_ORCHESTRATOR_TOOLS must be "mcp" or "in-process", not "${value}"`);
}
