/**
 * The data-lake MCP server over Streamable HTTP, stateless: every POST /mcp gets a fresh server and
 * transport (no sessions to keep or leak), all sharing one set of AWS clients and one mutation
 * guard (so the budget counts across requests). Listens on loopback unless told otherwise; an
 * optional bearer token guards every request.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { resolveConfig } from "../config/load.js";
import { createAwsClients, type AwsClients } from "../tools/aws-clients.js";
import { createMutationGuard, type MutationGuard } from "./guard.js";
import type { ServerPolicyConfig } from "./policy.js";
import { createDataLakeMcpServer } from "./server.js";

export const MCP_HTTP_PATH = "/mcp";

export interface ServeHttpOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: only this machine can call the tools. */
  host?: string;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Default: createAwsClients() — the SDK's credential chain, region and AWS_ENDPOINT_URL. */
  clients?: AwsClients;
  /** The remediation policy of the mutating tools. Default: the config defaults, which allow nothing. */
  config?: ServerPolicyConfig;
}

export interface HttpMcpServer {
  /** e.g. http://127.0.0.1:43121/mcp */
  readonly url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

export async function serveHttp(options: ServeHttpOptions): Promise<HttpMcpServer> {
  const host = options.host ?? "127.0.0.1";
  const clients = options.clients ?? createAwsClients();
  const guard = createMutationGuard(options.config ?? resolveConfig({}), clients);
  const token = options.token === undefined || options.token === "" ? undefined : options.token;
  let allowedHosts: string[] | undefined;

  const httpServer = createServer((req, res) => {
    handle(req, res, { clients, guard, token, allowedHosts }).catch((error: unknown) => {
      console.error(`mcp http: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, "Internal server error");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const hostInUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  // On loopback, refuse other Host headers: a web page cannot reach the tools by DNS rebinding.
  if (LOOPBACK_HOSTS.has(host)) {
    allowedHosts = [`127.0.0.1:${address.port}`, `localhost:${address.port}`, `[::1]:${address.port}`];
  }
  return {
    url: `http://${hostInUrl}:${address.port}${MCP_HTTP_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        httpServer.closeAllConnections();
        httpServer.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface RequestContext {
  clients: AwsClients;
  guard: MutationGuard;
  token: string | undefined;
  allowedHosts: string[] | undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse, context: RequestContext): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (path !== MCP_HTTP_PATH) return sendJsonRpcError(res, 404, -32000, `Not found: use POST ${MCP_HTTP_PATH}`);
  if (context.token !== undefined && !hasBearerToken(req, context.token)) {
    res.setHeader("WWW-Authenticate", 'Bearer realm="incident-orchestrator-datalake"');
    return sendJsonRpcError(res, 401, -32001, "Unauthorized: missing or wrong bearer token");
  }
  // Stateless: no session to resume (GET would open a stream) or end (DELETE).
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return sendJsonRpcError(res, 405, -32000, "Method not allowed: this server is stateless, use POST");
  }

  const server = createDataLakeMcpServer(context.clients, context.guard);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    ...(context.allowedHosts ? { enableDnsRebindingProtection: true, allowedHosts: context.allowedHosts } : {}),
  });
  res.on("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

/** Constant-time comparison of the presented token with ours (hashed first, so lengths match). */
export function hasBearerToken(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) return false;
  const digest = (value: string): Buffer => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}
