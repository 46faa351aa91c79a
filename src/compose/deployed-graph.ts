/**
 * The graph the LangGraph server and Studio load (see langgraph.json). The server supplies its own
 * checkpointer (and handles one run per thread at a time); the side-effect ledger is ours, in the
 * same store the CLI uses (Postgres with DATABASE_URL, else SQLite in the data directory), so a
 * remediation started from the server is never started twice either. The tools come over MCP, as
 * the CLI's do (src/compose/tools.ts). Dependencies come from the environment (./deployed.ts):
 * - INCIDENT_ORCHESTRATOR_CONFIG: a config file (default: ./incident-orchestrator.config.json if
 *   present); its `mcp.servers` name the tool servers (default: our own over stdio, enforcing the
 *   config's remediation policy);
 * - INCIDENT_ORCHESTRATOR_SCENARIO: a scenario file; the tools then run against an embedded sandbox
 *   seeded from it (for Studio on a laptop). Without it they use AWS through the standard credential
 *   chain and endpoint resolution (AWS_ENDPOINT_URL included);
 * - INCIDENT_ORCHESTRATOR_TOOLS=in-process: call the tools in the server's own process instead.
 */
import type { OrchestratorGraph } from "../graph/graph.js";
import { composeDeployedGraph } from "./deployed.js";

/** A promise of the compiled graph: the server awaits it once at start-up. */
export const graph: Promise<OrchestratorGraph> = composeDeployedGraph().then((deployed) => deployed.graph);
