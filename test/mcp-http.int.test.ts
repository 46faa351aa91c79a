/** The MCP server over stateless Streamable HTTP on loopback, on the sandbox. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serveHttp, type HttpMcpServer } from "../src/mcp/http.js";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { createAwsClients, type AwsClients } from "../src/tools/aws-clients.js";
import { TOOL_NAMES } from "../src/tools/catalog.js";
import { GetGlueLogsOutput } from "../src/tools/glue/get-glue-logs.js";

const TOKEN = "test-token-7f3a9c";
const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

let sandbox: Sandbox;
let clients: AwsClients;
let server: HttpMcpServer | undefined;
let client: Client | undefined;

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
  clients = createAwsClients({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts: 1,
  });
});

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

afterAll(async () => {
  await sandbox?.close();
});

async function connect(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {}),
  });
  const connected = new Client({ name: "http-test", version: "0.0.0" });
  await connected.connect(transport);
  return connected;
}

function post(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(INITIALIZE),
  });
}

describe("data-lake MCP server over Streamable HTTP", () => {
  it("listens on loopback on a free port, lists the tools and calls one", async () => {
    server = await serveHttp({ port: 0, clients });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    client = await connect(server.url);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    const result = (await client.callTool({
      name: "get_glue_logs",
      arguments: { job_name: "orders_etl" },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(GetGlueLogsOutput.parse(result.structuredContent).runs.map((run) => run.id)).toEqual(["jr_0001"]);
  });

  it("with a token, answers 401 (a JSON-RPC error) without it or with a wrong one, and serves with it", async () => {
    server = await serveHttp({ port: 0, token: TOKEN, clients });
    const refused: Record<string, string>[] = [{}, { Authorization: "Bearer wrong" }, { Authorization: TOKEN }];
    for (const headers of refused) {
      const response = await post(server.url, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32001 }, id: null });
    }
    expect((await post(server.url, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    client = await connect(server.url, TOKEN);
    expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
  });

  it("is stateless: GET and DELETE answer 405, other paths 404", async () => {
    server = await serveHttp({ port: 0, clients });
    for (const method of ["GET", "DELETE"]) {
      const response = await fetch(server.url, { method, headers: { Accept: "text/event-stream" } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(await response.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32000 } });
    }
    const initialized = await post(server.url);
    expect(initialized.status).toBe(200);
    expect(initialized.headers.get("mcp-session-id")).toBeNull();
    expect((await post(server.url.replace(/\/mcp$/, "/other"))).status).toBe(404);
  });

  it("refuses a foreign Host header on loopback (DNS rebinding)", async () => {
    server = await serveHttp({ port: 0, clients });
    const { request } = await import("node:http");
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(server!.url, {
        method: "POST",
        headers: {
          Host: "attacker.example",
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end(JSON.stringify(INITIALIZE));
    });
    expect(status).toBe(403);
  });
});
