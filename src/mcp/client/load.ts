/**
 * Loads the orchestrator's data-lake tools from MCP servers (ours over stdio, or an AgentCore
 * Gateway over HTTP). Each returned tool carries our tool name, whatever prefix the server put on
 * it; all twelve must be there, or start-up fails with one line naming what is missing.
 */
import type { Connection } from "@langchain/mcp-adapters";
import { MultiServerMCPClient } from "@langchain/mcp-adapters";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { parseOrThrow, UserInputError } from "../../errors.js";
import { TOOL_NAMES, type ToolName } from "../../tools/names.js";
import { sanitise } from "../../tools/tool-error.js";
import { McpServersConfigSchema, type McpServerConfig, type McpServersConfigInput } from "./config.js";
import {
  clientCredentialsTokenSource,
  describeUrl,
  tokenSourceAuthProvider,
  type TokenSourceOptions,
} from "./oauth.js";
import { wrapMcpTool } from "./wrap-tool.js";

export interface LoadMcpToolsOptions {
  /** Each tool call is abandoned (and answers a TimeoutError ToolError) after this long. */
  callTimeoutMs: number;
  /** Where `client_secret_env` is looked up; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** For the OAuth token endpoint (tests). */
  tokenSource?: TokenSourceOptions;
}

export interface LoadedMcpTools {
  /** Exactly our twelve tools, by our names. */
  tools: StructuredToolInterface[];
  /** Closes every connection (and stops stdio servers). */
  close(): Promise<void>;
}

/** A Gateway names a tool `<target>___<tool>`. */
const GATEWAY_SEPARATOR = "___";

export async function loadMcpTools(
  servers: McpServersConfigInput,
  options: LoadMcpToolsOptions,
): Promise<LoadedMcpTools> {
  const config = parseOrThrow(McpServersConfigSchema, servers, "mcp_servers");
  if (!(options.callTimeoutMs > 0)) throw new UserInputError("callTimeoutMs must be a positive number");
  const clients: MultiServerMCPClient[] = [];
  const close = async (): Promise<void> => {
    await Promise.allSettled(clients.map((client) => client.close()));
  };
  const found = new Map<ToolName, StructuredToolInterface>();
  try {
    // One client per server, so a connection failure names its server.
    for (const [name, server] of Object.entries(config)) {
      const client = new MultiServerMCPClient({
        mcpServers: { [name]: toConnection(server, options) },
        onConnectionError: "throw",
        throwOnLoadError: true,
        prefixToolNameWithServerName: false,
        useStandardContentBlocks: false,
      });
      clients.push(client);
      const tools = await connect(client, name, server);
      for (const tool of tools) {
        const ours = ourToolName(tool.name, server.tool_prefix);
        // The first server in config order wins when two offer the same tool.
        if (ours && !found.has(ours)) found.set(ours, wrapMcpTool(tool, ours, options));
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
  return { tools: TOOL_NAMES.map((name) => found.get(name) as StructuredToolInterface), close };
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

async function connect(
  client: MultiServerMCPClient,
  name: string,
  server: McpServerConfig,
): Promise<StructuredToolInterface[]> {
  try {
    return await client.getTools();
  } catch (error) {
    // The adapter's message repeats the full URL, whose query may carry a key: keep only origin and path.
    const message = error instanceof Error ? error.message : String(error);
    const reason = server.transport === "http" ? message.split(server.url).join(describeUrl(server.url)) : message;
    throw new UserInputError(
      sanitise(`MCP server "${name}" (${describeServer(server)}) is unreachable or failed to start: ${reason}`),
    );
  }
}

function describeServer(server: McpServerConfig): string {
  return server.transport === "http" ? describeUrl(server.url) : `stdio: ${server.command}`;
}

function toConnection(server: McpServerConfig, options: LoadMcpToolsOptions): Connection {
  if (server.transport === "stdio") {
    // No adapter restart: it also restarts the server when we close it, so the process never exits.
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
