/**
 * Loading the orchestrator's tools over Streamable HTTP, on the sandbox: our server with a bearer
 * token, a Gateway-like server that prefixes the names, one that lacks tools, one that is not there,
 * and OAuth client credentials against a local token endpoint.
 */
import { createServer, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../src/errors.js";
import { loadMcpTools, type LoadedMcpTools } from "../src/mcp/client/load.js";
import { clientCredentialsTokenSource } from "../src/mcp/client/oauth.js";
import { serveHttp, type HttpMcpServer } from "../src/mcp/http.js";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { createAwsClients } from "../src/tools/aws-clients.js";
import { TOOL_NAMES } from "../src/tools/catalog.js";
import { callTool, toolRegistry } from "../src/tools/registry.js";
import { GetGlueLogsOutput } from "../src/tools/glue/get-glue-logs.js";
import { ToolErrorSchema } from "../src/tools/schemas.js";

const TOKEN = "lake-token-5d1e8b";
const CALL_TIMEOUT_MS = 10_000;

let sandbox: Sandbox;
let lake: HttpMcpServer;
let loaded: LoadedMcpTools | undefined;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    scenario: {
      glue: {
        jobs: [
          { name: "orders_etl", runs: [{ id: "jr_0001", state: "SUCCEEDED", started_on: "2026-03-02T01:00:00Z" }] },
        ],
      },
    },
  });
  const clients = createAwsClients({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts: 1,
  });
  lake = await serveHttp({ port: 0, token: TOKEN, clients });
});

afterEach(async () => {
  await loaded?.close();
  loaded = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await lake?.close();
  await sandbox?.close();
});

const lakeServer = () => ({
  lake: { transport: "http" as const, url: lake.url, headers: { Authorization: `Bearer ${TOKEN}` } },
});

describe("loadMcpTools over HTTP", () => {
  it("loads the thirteen tools with a bearer header and calls one, by our names", async () => {
    loaded = await loadMcpTools(lakeServer(), { callTimeoutMs: CALL_TIMEOUT_MS });
    expect(loaded.tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());

    const output = await callTool(toolRegistry(loaded.tools), "get_glue_logs", { job_name: "orders_etl" });
    expect(GetGlueLogsOutput.parse(output).runs[0]).toMatchObject({ id: "jr_0001", state: "SUCCEEDED" });
  });

  it("returns an MCP error result as a ToolError value, not an exception", async () => {
    loaded = await loadMcpTools(lakeServer(), { callTimeoutMs: CALL_TIMEOUT_MS });
    const output = await callTool(toolRegistry(loaded.tools), "get_glue_logs", { job_name: "no_such_job" });
    const failure = ToolErrorSchema.parse(output);
    expect(failure.error.code).toBe("EntityNotFoundException");
    expect(failure.error.message).toMatch(/no_such_job/);
  });

  it("maps a Gateway's `<target>___` names and a configured tool_prefix back to ours", async () => {
    const gateway = await startGateway({ rename: (name) => `gw___${name}` });
    loaded = await loadMcpTools({ gw: { transport: "http", url: gateway.url } }, { callTimeoutMs: CALL_TIMEOUT_MS });
    expect(loaded.tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    const output = await callTool(toolRegistry(loaded.tools), "get_glue_logs", { job_name: "orders_etl" });
    expect(GetGlueLogsOutput.parse(output).runs[0]?.id).toBe("jr_0001");
    expect(gateway.calledNames).toEqual(["gw___get_glue_logs"]);
    await loaded.close();

    const prefixed = await startGateway({ rename: (name) => `lake-${name}` });
    loaded = await loadMcpTools(
      { prefixed: { transport: "http", url: prefixed.url, tool_prefix: "lake-" } },
      { callTimeoutMs: CALL_TIMEOUT_MS },
    );
    expect(loaded.tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it("fails at start-up naming each missing tool and the servers asked", async () => {
    const partial = await startGateway({ omit: ["retry_emr", "get_s3_logs"] });
    const attempt = loadMcpTools({ partial: { transport: "http", url: partial.url } }, { callTimeoutMs: 1000 });
    await expect(attempt).rejects.toThrow(UserInputError);
    await expect(attempt).rejects.toThrow(/MCP servers partial do not provide the tools: get_s3_logs, retry_emr$/);
  });

  it("fails at start-up with one line naming an unreachable URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/mcp?api_key=secret`;
    const error = await loadMcpTools({ gone: { transport: "http", url } }, { callTimeoutMs: 1000 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserInputError);
    const message = (error as Error).message;
    expect(message).toMatch(/^MCP server "gone" \(http:\/\/127\.0\.0\.1:\d+\/mcp\) is unreachable/);
    expect(message).not.toMatch(/\n|secret/);
  });

  it("fails at start-up when the server refuses the token", async () => {
    const servers = { lake: { transport: "http" as const, url: lake.url, headers: { Authorization: "Bearer wrong" } } };
    await expect(loadMcpTools(servers, { callTimeoutMs: 1000 })).rejects.toThrow(
      /^MCP server "lake" \(http:\/\/127\.0\.0\.1:\d+\/mcp\) .*Authentication failed/,
    );
  });

  it("answers a TimeoutError ToolError when a call outlives callTimeoutMs", async () => {
    const stuck = await startGateway({ hang: ["get_glue_logs"] });
    loaded = await loadMcpTools({ stuck: { transport: "http", url: stuck.url } }, { callTimeoutMs: 300 });
    const output = await callTool(toolRegistry(loaded.tools), "get_glue_logs", { job_name: "orders_etl" });
    expect(ToolErrorSchema.parse(output).error).toEqual({
      code: "TimeoutError",
      message: "get_glue_logs timed out after 300 ms",
      http_status: null,
    });
  });
});

describe("OAuth client credentials", () => {
  it("fetches a token from token_url and sends it as the bearer token", async () => {
    const endpoint = await startTokenEndpoint({ clientId: "orchestrator", secret: "s3cr3t", issue: () => TOKEN });
    loaded = await loadMcpTools(
      {
        lake: {
          transport: "http",
          url: lake.url,
          oauth: {
            token_url: endpoint.url,
            client_id: "orchestrator",
            client_secret_env: "LAKE_SECRET",
            scope: "lake/tools",
          },
        },
      },
      { callTimeoutMs: CALL_TIMEOUT_MS, env: { LAKE_SECRET: "s3cr3t" } },
    );
    const output = await callTool(toolRegistry(loaded.tools), "get_glue_logs", { job_name: "orders_etl" });
    expect(GetGlueLogsOutput.parse(output).runs).toHaveLength(1);
    // Cached: one token for the whole session, requested with the right grant and scope.
    expect(endpoint.requests).toEqual([
      { grant_type: "client_credentials", client_id: "orchestrator", scope: "lake/tools" },
    ]);
  });

  it("fails at start-up when the token endpoint rejects the client", async () => {
    const endpoint = await startTokenEndpoint({ clientId: "orchestrator", secret: "s3cr3t", issue: () => TOKEN });
    const servers = {
      lake: {
        transport: "http" as const,
        url: lake.url,
        oauth: { token_url: endpoint.url, client_id: "orchestrator", client_secret: "wrong" },
      },
    };
    const attempt = loadMcpTools(servers, { callTimeoutMs: 1000 });
    await expect(attempt).rejects.toThrow(UserInputError);
    await expect(attempt).rejects.toThrow(/token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth2\/token answered 401/);
  });

  it("refreshes the token when it expires and shares one request between concurrent callers", async () => {
    let issued = 0;
    const endpoint = await startTokenEndpoint({
      clientId: "orchestrator",
      secret: "s3cr3t",
      issue: () => `jwt-${++issued}`,
      expiresIn: 120,
    });
    let now = 1_000_000;
    const source = clientCredentialsTokenSource(
      { tokenUrl: endpoint.url, clientId: "orchestrator", clientSecret: "s3cr3t" },
      { now: () => now, refreshMarginMs: 20_000 },
    );
    expect(await Promise.all([source.token(), source.token()])).toEqual(["jwt-1", "jwt-1"]);
    now += 99_000;
    expect(await source.token()).toBe("jwt-1");
    now += 2_000; // within 20 s of expiry
    expect(await source.token()).toBe("jwt-2");
    source.invalidate();
    expect(await source.token()).toBe("jwt-3");
    expect(endpoint.requests).toHaveLength(3);
  });
});

// ---------- helpers ----------

interface Gateway {
  url: string;
  calledNames: string[];
}

/**
 * A stand-in for an AgentCore Gateway: an MCP server over stateless HTTP that lists our server's
 * tools under other names (or fewer of them) and forwards each call to it.
 */
async function startGateway(options: {
  rename?: (name: string) => string;
  omit?: string[];
  hang?: string[];
}): Promise<Gateway> {
  const rename = options.rename ?? ((name: string) => name);
  const upstream = new Client({ name: "gateway", version: "0.0.0" });
  await upstream.connect(
    new StreamableHTTPClientTransport(new URL(lake.url), {
      requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
    }),
  );
  const { tools } = await upstream.listTools();
  const offered = tools.filter((tool) => !options.omit?.includes(tool.name));
  const upstreamName = new Map(offered.map((tool) => [rename(tool.name), tool.name]));
  const calledNames: string[] = [];
  const pendingForever = new Set<() => void>();

  const http = createServer((req, res) => {
    const server = new Server({ name: "gateway", version: "0.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: offered.map((tool) => ({ ...tool, name: rename(tool.name) })),
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
      calledNames.push(request.params.name);
      const name = upstreamName.get(request.params.name);
      if (!name) return { isError: true, content: [{ type: "text", text: `unknown tool ${request.params.name}` }] };
      if (options.hang?.includes(name)) {
        // Answers only when the test cleans up, long after the caller gave up.
        await new Promise<void>((resolve) => pendingForever.add(resolve));
        return { isError: true, content: [{ type: "text", text: "released" }] };
      }
      return (await upstream.callTool({ name, arguments: request.params.arguments ?? {} })) as CallToolResult;
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => void server.close());
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  const url = `${await listen(http)}/mcp`;
  cleanups.push(async () => {
    for (const release of pendingForever) release();
    await upstream.close();
    await closeServer(http);
  });
  return { url, calledNames };
}

interface TokenEndpoint {
  url: string;
  requests: Record<string, string>[];
}

/** A client-credentials token endpoint that checks the grant and the client's Basic credentials. */
async function startTokenEndpoint(options: {
  clientId: string;
  secret: string;
  issue: () => string;
  expiresIn?: number;
}): Promise<TokenEndpoint> {
  const requests: Record<string, string>[] = [];
  const expected = `Basic ${Buffer.from(`${options.clientId}:${options.secret}`).toString("base64")}`;
  const http = createServer((req, res) => {
    void readBody(req).then((body) => {
      const form = Object.fromEntries(new URLSearchParams(body));
      const reply = (status: number, json: unknown): void => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (req.method !== "POST" || req.url !== "/oauth2/token") return reply(404, { error: "not_found" });
      if (req.headers["content-type"] !== "application/x-www-form-urlencoded")
        return reply(400, { error: "invalid_request" });
      if (form.grant_type !== "client_credentials") return reply(400, { error: "unsupported_grant_type" });
      if (req.headers.authorization !== expected || form.client_id !== options.clientId) {
        return reply(401, { error: "invalid_client" });
      }
      requests.push(form);
      reply(200, { access_token: options.issue(), token_type: "Bearer", expires_in: options.expiresIn ?? 3600 });
    });
  });
  const url = `${await listen(http)}/oauth2/token`;
  cleanups.push(() => closeServer(http));
  return { url, requests };
}

async function listen(http: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

function closeServer(http: HttpServer): Promise<void> {
  http.closeAllConnections();
  return new Promise((resolve, reject) => http.close((error) => (error ? reject(error) : resolve())));
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const http = createServer();
  const url = await listen(http);
  await closeServer(http);
  return Number(new URL(url).port);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  return body;
}
