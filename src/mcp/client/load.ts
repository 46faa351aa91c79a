/**
 * Loads the orchestrator's data-lake tools from MCP servers (ours over stdio, or an AgentCore
 * Gateway over HTTP). Each returned tool carries our tool name, whatever prefix the server put on
 * it; all thirteen must be there, or start-up fails with one line naming what is missing.
 */
import type { Connection } from "@langchain/mcp-adapters";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { parseOrThrow, UserInputError } from "../../errors.js";
import { TOOL_NAMES, type ToolName } from "../../tools/catalog.js";
import {
  DEFAULT_MAX_RESTARTS,
  McpServersConfigSchema,
  type McpServerConfig,
  type McpServersConfigInput,
} from "./config.js";
import {
  clientCredentialsTokenSource,
  describeUrl,
  tokenSourceAuthProvider,
  type TokenSourceOptions,
} from "./oauth.js";
import { McpServerConnection } from "./server-connection.js";
import { wrapMcpTool } from "./wrap-tool.js";
import type { Env } from "../../io/env.js";

export interface LoadMcpToolsOptions {
  /** Each tool call is abandoned (and answers a TimeoutError ToolError) after this long. */
  callTimeoutMs: number;
  /** Where `client_secret_env` is looked up; default process.env. */
  env?: Env;
  /** How many times each server may be started again after it stopped (stdio); default 3. */
  maxRestarts?: number;
  /** Told of each restart (the CLI writes a line on stderr). */
  onRestart?: (event: { server: string; restart: number }) => void;
  /** For the OAuth token endpoint (tests). */
  tokenSource?: TokenSourceOptions;
}

/** The load options a config's `mcp` section gives. */
export function mcpLoadOptions(
  settings: { call_timeout_ms: number; max_restarts: number },
  onRestart?: LoadMcpToolsOptions["onRestart"],
): LoadMcpToolsOptions {
  return { callTimeoutMs: settings.call_timeout_ms, maxRestarts: settings.max_restarts, onRestart };
}

export interface LoadedMcpTools {
  /** Exactly our thirteen tools, by our names. */
  tools: StructuredToolInterface[];
  /** Closes every connection (and stops stdio servers). */
  close(): Promise<void>;
  /** Restarts so far, per server name. */
  restarts(): Record<string, number>;
}

/** A Gateway names a tool `<target>___<tool>`. */
const GATEWAY_SEPARATOR = "___";

export async function loadMcpTools(
  servers: McpServersConfigInput,
  options: LoadMcpToolsOptions,
): Promise<LoadedMcpTools> {
  const config = parseOrThrow(McpServersConfigSchema, servers, "mcp_servers");
  if (!(options.callTimeoutMs > 0)) throw new UserInputError("callTimeoutMs must be a positive number");
  const connections: McpServerConnection[] = [];
  const close = async (): Promise<void> => {
    await Promise.allSettled(connections.map((connection) => connection.close()));
  };
  const found = new Map<ToolName, StructuredToolInterface>();
  try {
    // One connection per server, so a connection failure names its server.
    for (const [name, server] of Object.entries(config)) {
      const connection = await McpServerConnection.open({
        name,
        connection: toConnection(server, options),
        description: describeServer(server),
        toOurName: (toolName) => ourToolName(toolName, server.tool_prefix),
        maxRestarts: options.maxRestarts ?? DEFAULT_MAX_RESTARTS,
        onRestart: options.onRestart,
      });
      connections.push(connection);
      for (const [ours, tool] of connection.initialTools) {
        // The first server in config order wins when two offer the same tool.
        if (!found.has(ours)) found.set(ours, wrapMcpTool(tool, ours, connection, options));
      }
    }
    const missing = TOOL_NAMES.filter((name) => !found.has(name));
    if (missing.length > 0) {
      throw new UserInputError(
        `MCP servers ${Object.keys(config).join(", ")} do not provide the tools: ${missing.join(", ")}`,
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    tools: TOOL_NAMES.map((name) => found.get(name) as StructuredToolInterface),
    close,
    restarts: () => Object.fromEntries(connections.map((connection) => [connection.name, connection.restarts])),
  };
}

/**
 * Pure: our tool name for a server's tool name, or undefined when it is not one of ours. A
 * configured prefix is stripped; otherwise a Gateway's `<target>___` prefix.
 */
export function ourToolName(serverToolName: string, toolPrefix?: string): ToolName | undefined {
  let name = serverToolName;
  if (toolPrefix !== undefined && name.startsWith(toolPrefix)) {
    name = name.slice(toolPrefix.length);
  } else {
    const separator = name.lastIndexOf(GATEWAY_SEPARATOR);
    if (separator >= 0) name = name.slice(separator + GATEWAY_SEPARATOR.length);
  }
  return (TOOL_NAMES as readonly string[]).includes(name) ? (name as ToolName) : undefined;
}

function describeServer(server: McpServerConfig): string {
  return server.transport === "http" ? describeUrl(server.url) : `stdio: ${server.command}`;
}

function toConnection(server: McpServerConfig, options: LoadMcpToolsOptions): Connection {
  if (server.transport === "stdio") {
    // No adapter restart (it also restarts the server when we close it): McpServerConnection restarts it.
    return {
      transport: "stdio",
      command: server.command,
      args: server.args,
      env: server.env,
      stderr: "inherit",
    };
  }
  return {
    transport: "http",
    url: server.url,
    headers: server.headers,
    // A Gateway speaks Streamable HTTP; falling back to SSE would only blur a connection error.
    automaticSSEFallback: false,
    ...(server.oauth ? { authProvider: oauthProvider(server.oauth, options) } : {}),
  };
}

function oauthProvider(
  oauth: NonNullable<Extract<McpServerConfig, { transport: "http" }>["oauth"]>,
  options: LoadMcpToolsOptions,
): ReturnType<typeof tokenSourceAuthProvider> {
  const secret = oauth.client_secret ?? (options.env ?? process.env)[oauth.client_secret_env ?? ""];
  if (!secret)
    throw new UserInputError(`environment variable ${oauth.client_secret_env} (the OAuth client secret) is not set`);
  const source = clientCredentialsTokenSource(
    { tokenUrl: oauth.token_url, clientId: oauth.client_id, clientSecret: secret, scope: oauth.scope },
    options.tokenSource,
  );
  return tokenSourceAuthProvider(source);
}
