/**
 * Where a run's tools come from, decided in one place: over MCP by default (our own server over
 * stdio, given the run's remediation policy, or the servers `mcp.servers` names), in-process on
 * request; on the embedded sandbox when a scenario is given (then our server runs against it).
 * The CLI, the deployed graph and the evals all open their tools here.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { OrchestratorConfig } from "../config/schema.js";
import { defaultMcpServers } from "../mcp/client/config.js";
import { loadMcpTools, mcpLoadOptions, type LoadMcpToolsOptions } from "../mcp/client/load.js";
import type { Scenario } from "../sandbox/scenario.js";
import { loadScenarioFile, startSandboxSession, type ToolTransport } from "../sandbox/session.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { createDataLakeTools } from "../tools/index.js";
import type { Env } from "../io/env.js";

export interface ToolRequest {
  /** A scenario (a file, or one already parsed) to run the tools against on the embedded sandbox. */
  scenario?: string | { name: string; scenario: Scenario };
  /** Default "mcp". */
  transport?: ToolTransport;
  /** Told of each MCP server restart (the CLI writes a line on stderr). */
  onRestart?: LoadMcpToolsOptions["onRestart"];
  /** Where our MCP server's environment and OAuth secrets come from; default process.env. */
  env?: Env;
}

export interface ToolSource {
  tools: StructuredToolInterface[];
  /** One line naming where the tools are, for the CLI's header. */
  where: string;
  /** Stops MCP servers and the sandbox this source started. */
  close(): Promise<void>;
}

export async function openTools(request: ToolRequest, config: OrchestratorConfig): Promise<ToolSource> {
  const transport = request.transport ?? "mcp";
  const mcp = mcpLoadOptions(config.mcp, request.onRestart);
  if (request.scenario !== undefined) {
    const { name, scenario } =
      typeof request.scenario === "string"
        ? { name: request.scenario, scenario: await loadScenarioFile(request.scenario) }
        : request.scenario;
    const session = await startSandboxSession(scenario, { transport, mcp, config });
    return {
      tools: session.tools,
      where: `sandbox ${session.sandbox.endpoint} (${name}), ${transport}`,
      close: session.close,
    };
  }
  if (transport === "in-process") {
    return { tools: createDataLakeTools(createAwsClients()), where: "AWS, in-process", close: async () => {} };
  }
  // Our own server enforces this run's remediation policy; servers the config names enforce their own.
  const servers = config.mcp.servers ?? defaultMcpServers(request.env ?? process.env, config);
  const loaded = await loadMcpTools(servers, { ...mcp, ...(request.env ? { env: request.env } : {}) });
  return { tools: loaded.tools, where: `MCP (${Object.keys(servers).join(", ")})`, close: loaded.close };
}

/** Says on stderr that an MCP server stopped and was started again (the CLI and the deployed graph). */
export function logMcpRestart({ server, restart }: { server: string; restart: number }): void {
  console.error(`incident-orchestrator: MCP server "${server}" stopped; started it again (restart ${restart})`);
}
