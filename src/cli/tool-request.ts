import { logMcpRestart, type ToolRequest } from "../compose/tools.js";

/** The tools the CLI's flags ask for (src/compose/tools.ts opens them); MCP restarts are told on stderr. */
export function cliToolRequest(flags: { scenario?: string; inProcess?: boolean }): ToolRequest {
  return {
    ...(flags.scenario !== undefined ? { scenario: flags.scenario } : {}),
    transport: flags.inProcess ? "in-process" : "mcp",
    onRestart: logMcpRestart,
  };
}
