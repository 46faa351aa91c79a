/**
 * One MCP server's connection, through @langchain/mcp-adapters, that survives the server dying.
 * When the connection closes (a stdio server exited or was killed), the next call opens it again —
 * for stdio that starts the server afresh — and looks its tools up anew. Restarts are bounded, and
 * concurrent callers share one restart.
 *
 * We do this ourselves because the adapter's own stdio `restart` option also restarts the server
 * when we close the client on purpose, so a CLI run never exited.
 */
import { MultiServerMCPClient, type Connection } from "@langchain/mcp-adapters";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { UserInputError } from "../../errors.js";
import { sanitise } from "../../tools/tool-error.js";
import type { ToolName } from "../../tools/catalog.js";

/** One opened connection. `alive` turns false when its transport closes, never back. */
export interface ServerSession {
  readonly generation: number;
  readonly tools: ReadonlyMap<ToolName, StructuredToolInterface>;
  readonly alive: boolean;
}

export interface ServerConnectionOptions {
  /** The server's name in config and messages. */
  name: string;
  /** How to reach it (stdio command or HTTP URL), as the adapter takes it. */
  connection: Connection;
  /** For messages: the command or the URL without its query. */
  description: string;
  /** Maps a server's tool name to ours; undefined for tools that are not ours. */
  toOurName: (serverToolName: string) => ToolName | undefined;
  /** How many times the connection may be opened again after it closed. */
  maxRestarts: number;
  /** Called after each restart (the CLI logs it on stderr). */
  onRestart?: (event: { server: string; restart: number }) => void;
}

interface MutableSession extends ServerSession {
  alive: boolean;
  readonly client: MultiServerMCPClient;
}

export class McpServerConnection {
  readonly #options: ServerConnectionOptions;
  #session: MutableSession | undefined;
  #reopening: Promise<MutableSession> | undefined;
  #restarts = 0;
  #closed = false;

  private constructor(options: ServerConnectionOptions) {
    this.#options = options;
  }

  /** Connects and lists the tools; a server that cannot be reached is a one-line UserInputError. */
  static async open(options: ServerConnectionOptions): Promise<McpServerConnection> {
    const connection = new McpServerConnection(options);
    connection.#session = await connection.#connect(0).catch((error: unknown) => {
      throw new UserInputError(
        sanitise(
          `MCP server "${options.name}" (${options.description}) is unreachable or failed to start: ${reason(error, options)}`,
        ),
      );
    });
    return connection;
  }

  get name(): string {
    return this.#options.name;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** The tools the server offered when it was first opened. */
  get initialTools(): ReadonlyMap<ToolName, StructuredToolInterface> {
    return this.#session?.tools ?? new Map();
  }

  /**
   * A live session: the current one, or a new one when the last closed (restarting a stdio
   * server). Throws when the connection was closed by us or the restart budget is spent.
   */
  async live(): Promise<ServerSession> {
    if (this.#closed) throw new Error(`MCP server "${this.name}": the connection was closed`);
    const session = this.#session;
    if (session?.alive) return session;
    this.#reopening ??= this.#reopen().finally(() => {
      this.#reopening = undefined;
    });
    return this.#reopening;
  }

  /** A caller saw `session` fail as if its connection were gone: the next live() opens a new one. */
  lost(session: ServerSession): void {
    if (this.#session === session) this.#session.alive = false;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const session = this.#session;
    this.#session = undefined;
    if (session) {
      session.alive = false;
      await session.client.close().catch(() => undefined);
    }
  }

  async #reopen(): Promise<MutableSession> {
    const { name, maxRestarts } = this.#options;
    if (this.#restarts >= maxRestarts) {
      throw new Error(`MCP server "${name}" stopped and has been restarted ${maxRestarts} time(s) already; not again`);
    }
    this.#restarts += 1;
    const old = this.#session;
    if (old) await old.client.close().catch(() => undefined);
    try {
      const session = await this.#connect(this.#restarts);
      if (this.#closed) {
        await session.client.close().catch(() => undefined);
        throw new Error(`MCP server "${name}": the connection was closed`);
      }
      this.#session = session;
      this.#options.onRestart?.({ server: name, restart: this.#restarts });
      return session;
    } catch (error) {
      throw new Error(
        sanitise(`MCP server "${name}" stopped and could not be restarted: ${reason(error, this.#options)}`),
      );
    }
  }

  async #connect(generation: number): Promise<MutableSession> {
    const { name, connection, toOurName } = this.#options;
    const client = new MultiServerMCPClient({
      mcpServers: { [name]: connection },
      onConnectionError: "throw",
      throwOnLoadError: true,
      prefixToolNameWithServerName: false,
      useStandardContentBlocks: false,
    });
    try {
      const listed = await client.getTools();
      const tools = new Map<ToolName, StructuredToolInterface>();
      for (const tool of listed) {
        const ours = toOurName(tool.name);
        if (ours && !tools.has(ours)) tools.set(ours, tool);
      }
      const session: MutableSession = { generation, tools, alive: true, client };
      const sdkClient = await client.getClient(name);
      // The SDK calls this when the transport closes for any reason: the process exited, the stream ended, or we closed it.
      if (sdkClient) sdkClient.onclose = () => void (session.alive = false);
      return session;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }
}

/** The adapter's message repeats the full URL, whose query may carry a key: keep only what `description` shows. */
function reason(error: unknown, options: ServerConnectionOptions): string {
  const message = error instanceof Error ? error.message : String(error);
  const url = "url" in options.connection ? options.connection.url : undefined;
  return url ? message.split(url).join(options.description) : message;
}

/**
 * Pure: what a failed call says about the connection. "not_sent": the SDK refused to send on a
 * closed transport, so the server never saw the call. "in_flight": the connection closed while the
 * call was out (the SDK's ConnectionClosed, -32000), so whether the server acted is unknown.
 * undefined: any other failure (a timeout, the tool's own error).
 */
export type ConnectionLoss = "not_sent" | "in_flight";

export function connectionLoss(error: unknown): ConnectionLoss | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (/\bNot connected\b/.test(message)) return "not_sent";
  if (/MCP error -32000|Connection closed/i.test(message)) return "in_flight";
  return undefined;
}
