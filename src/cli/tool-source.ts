import type { StructuredToolInterface } from "@langchain/core/tools";
import type { OrchestratorConfig } from "../config/schema.js";
import { defaultMcpServers } from "../mcp/client/config.js";
import { loadMcpTools, mcpLoadOptions } from "../mcp/client/load.js";
import { loadScenarioFile, startSandboxSession } from "../sandbox/session.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { createDataLakeTools } from "../tools/index.js";

export interface ToolSourceOptions {
  scenario?: string;
  inProcess?: boolean;
}

export interface ToolSource {
  tools: StructuredToolInterface[];
  where: string;
  close(): Promise<void>;
}

/**
 * The tools of a run: over MCP by default (our own server over stdio, given the run's remediation
 * policy, or the servers the config names), in-process with --in-process; on the embedded sandbox
 * when a scenario is given.
 */
export async function openToolSource(options: ToolSourceOptions, config: OrchestratorConfig): Promise<ToolSource> {
  const transport = options.inProcess ? "in-process" : "mcp";
  if (options.scenario) {
    const session = await startSandboxSession(await loadScenarioFile(options.scenario), {
      transport,
      mcp: mcpLoadOptions(config.mcp, logRestart),
      config,
    });
    return {
      tools: session.tools,
      where: `sandbox ${session.sandbox.endpoint} (${options.scenario}), ${transport}`,
      close: session.close,
    };
  }
  if (options.inProcess) {
    return { tools: createDataLakeTools(createAwsClients()), where: "AWS, in-process", close: async () => {} };
  }
  // Our own server enforces this run's remediation policy; servers the config names enforce their own.
  const servers = config.mcp.servers ?? defaultMcpServers(process.env, config);
  const loaded = await loadMcpTools(servers, mcpLoadOptions(config.mcp, logRestart));
  return { tools: loaded.tools, where: `MCP (${Object.keys(servers).join(", ")})`, close: loaded.close };
}

function logRestart({ server, restart }: { server: string; restart: number }): void {
  console.error(`incident-orchestrator: MCP server "${server}" stopped; started it again (restart ${restart})`);
}
