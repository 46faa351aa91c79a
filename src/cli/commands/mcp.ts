import { UserInputError } from "../../errors.js";
import { serveHttp } from "../../mcp/http.js";
import { serveStdio } from "../../mcp/stdio.js";

export const MCP_TOKEN_ENV = "INCIDENT_ORCHESTRATOR_MCP_TOKEN";

export interface McpCommandOptions {
  /** Port for Streamable HTTP; without it the server speaks stdio. */
  http?: string;
  host?: string;
  token?: string;
}

/**
 * `mcp`: serve the twelve data-lake tools over MCP, on stdio (default) or Streamable HTTP. Status
 * lines go to stderr: on stdio, stdout belongs to the protocol.
 */
export async function mcpCommand(options: McpCommandOptions): Promise<void> {
  if (options.http === undefined) {
    if (options.host !== undefined || options.token !== undefined) {
      throw new UserInputError("--host and --token apply to --http only");
    }
    await serveStdio();
    return;
  }
  const port = parsePort(options.http);
  const host = options.host ?? "127.0.0.1";
  const token = options.token ?? nonEmpty(process.env[MCP_TOKEN_ENV]);
  if (!token && !["127.0.0.1", "localhost", "::1"].includes(host)) {
    console.error(
      `incident-orchestrator mcp: warning: listening on ${host} without a bearer token; anyone who can reach it can run the tools (set ${MCP_TOKEN_ENV})`,
    );
  }
  const server = await serveHttp({ port, host, ...(token ? { token } : {}) });
  console.error(`incident-orchestrator mcp: listening on ${server.url}${token ? " (bearer token required)" : ""}`);
  const stop = (): void => void server.close().finally(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserInputError(`--http: port must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
