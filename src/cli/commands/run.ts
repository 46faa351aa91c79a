import type { StructuredToolInterface } from "@langchain/core/tools";
import { loadConfigFile } from "../../config/load.js";
import type { OrchestratorConfig } from "../../config/schema.js";
import { readJsonFile } from "../../io/read-json.js";
import { defaultMcpServers } from "../../mcp/client/config.js";
import { loadMcpTools, mcpLoadOptions } from "../../mcp/client/load.js";
import { createOrchestrator, parseIncident } from "../../orchestrator.js";
import { loadScenarioFile, startSandboxSession } from "../../sandbox/session.js";
import { createAwsClients } from "../../tools/aws-clients.js";
import { createDataLakeTools } from "../../tools/index.js";
import { stageLine } from "../stage-line.js";

export interface RunCommandOptions {
  scenario?: string;
  config?: string;
  json?: boolean;
  dryRun?: boolean;
  inProcess?: boolean;
}

interface ToolSource {
  tools: StructuredToolInterface[];
  where: string;
  close(): Promise<void>;
}

/**
 * The tools of a run: over MCP by default (our own server over stdio, or the servers the config
 * names), in-process with --in-process; on the embedded sandbox when a scenario is given.
 */
async function toolSource(options: RunCommandOptions, config: OrchestratorConfig): Promise<ToolSource> {
  const transport = options.inProcess ? "in-process" : "mcp";
  if (options.scenario) {
    const session = await startSandboxSession(await loadScenarioFile(options.scenario), {
      transport,
      mcp: mcpLoadOptions(config.mcp, logRestart),
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
  const servers = config.mcp.servers ?? defaultMcpServers(process.env);
  const loaded = await loadMcpTools(servers, mcpLoadOptions(config.mcp, logRestart));
  return { tools: loaded.tools, where: `MCP (${Object.keys(servers).join(", ")})`, close: loaded.close };
}

function logRestart({ server, restart }: { server: string; restart: number }): void {
  console.error(`incident-orchestrator: MCP server "${server}" stopped; started it again (restart ${restart})`);
}

/** `run <incident.json>`: one incident through the graph, streaming each stage. */
export async function runCommand(incidentPath: string, options: RunCommandOptions): Promise<void> {
  // Validate every input before anything starts.
  const incident = parseIncident(await readJsonFile(incidentPath, "incident"));
  const config = await loadConfigFile(options.config);
  if (options.dryRun) config.remediation.dry_run = true;
  if (options.scenario) await loadScenarioFile(options.scenario);
  const source = await toolSource(options, config);
  try {
    const orchestrator = createOrchestrator({ config, tools: source.tools });
    if (!options.json) {
      console.log(
        `Incident ${incident.number ?? incident.sys_id}: ${incident.short_description}\nTools: ${source.where}\n`,
      );
    }
    const result = await orchestrator.orchestrate(incident, {
      onStage: options.json ? undefined : (event) => console.log(stageLine(event)),
    });
    console.log(options.json ? JSON.stringify(result, null, 2) : `\n${JSON.stringify(result, null, 2)}`);
  } finally {
    await source.close();
  }
}
