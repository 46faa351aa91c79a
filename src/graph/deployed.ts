/**
 * The graph the LangGraph server and Studio load (see langgraph.json). The server supplies its own
 * checkpointer (and handles one run per thread at a time); the side-effect ledger is ours, in the
 * same store the CLI uses (Postgres with DATABASE_URL, else SQLite in the data directory), so a
 * remediation started from the server is never started twice either. Dependencies come from the
 * environment:
 * - INCIDENT_ORCHESTRATOR_CONFIG: a config file (default: ./incident-orchestrator.config.json if present);
 * - INCIDENT_ORCHESTRATOR_SCENARIO: a scenario file; the tools then run against an embedded sandbox
 *   seeded from it (for Studio on a laptop). Without it the tools use AWS through the standard
 *   credential chain and endpoint resolution (AWS_ENDPOINT_URL included).
 */
import { setTimeout as delay } from "node:timers/promises";
import { deterministicClassifier } from "../classifier/index.js";
import { startSandboxSession, loadScenarioFile } from "../sandbox/session.js";
import { loadConfigFile } from "../config/load.js";
import { openRunStoreFromEnv } from "../store/from-env.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { createDataLakeTools } from "../tools/index.js";
import { toolRegistry } from "../tools/registry.js";
import { compileOrchestratorGraph, type OrchestratorGraph } from "./graph.js";

async function createDeployedGraph(): Promise<OrchestratorGraph> {
  const config = await loadConfigFile(process.env.INCIDENT_ORCHESTRATOR_CONFIG);
  const scenarioFile = process.env.INCIDENT_ORCHESTRATOR_SCENARIO;
  const tools = scenarioFile
    ? (await startSandboxSession(await loadScenarioFile(scenarioFile))).tools
    : createDataLakeTools(createAwsClients());
  const store = await openRunStoreFromEnv();
  return compileOrchestratorGraph({
    config,
    classifier: deterministicClassifier,
    tools: toolRegistry(tools),
    ledger: store.ledger,
    now: () => new Date(),
    sleep: (ms) => delay(ms),
  });
}

/** A promise of the compiled graph: the server awaits it once at start-up. */
export const graph: Promise<OrchestratorGraph> = createDeployedGraph();
