/** The MCP server as an MCP client starts it: a subprocess speaking JSON-RPC on stdio, on the sandbox. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { TOOL_NAMES } from "../src/tools/catalog.js";
import { GetGlueLogsOutput } from "../src/tools/glue/get-glue-logs.js";

let sandbox: Sandbox;
let client: Client;
let stderr = "";
/** Anything on stdout that is not protocol would surface here as a parse error. */
const clientErrors: Error[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    scenario: {
      glue: {
        jobs: [
          {
            name: "orders_etl",
            runs: [
              {
                id: "jr_0001",
                state: "FAILED",
                started_on: "2026-03-02T01:00:00Z",
                error_message: "OutOfMemoryError",
                error_log: ["OOM"],
              },
            ],
          },
        ],
      },
    },
  });
  const transport = new StdioClientTransport({
    command: process.execPath,
    // The CLI as users start it: `incident-orchestrator mcp` (stdio by default).
    args: ["bin/incident-orchestrator.js", "mcp"],
    cwd: process.cwd(),
    env: { ...getDefaultEnvironment(), ...sandbox.env() },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: "stdio-test", version: "0.0.0" });
  client.onerror = (error) => clientErrors.push(error);
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  await sandbox?.close();
});

describe("data-lake MCP server over stdio", () => {
  it("lists the thirteen tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort(), stderr).toEqual([...TOOL_NAMES].sort());
  });

  it("calls a tool against the endpoint from AWS_ENDPOINT_URL, with nothing but protocol on stdout", async () => {
    const result = (await client.callTool({
      name: "get_glue_logs",
      arguments: { job_name: "orders_etl" },
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content) + stderr).toBeFalsy();
    const output = GetGlueLogsOutput.parse(result.structuredContent);
    expect(output.runs[0]).toMatchObject({ id: "jr_0001", state: "FAILED", error_message: "OutOfMemoryError" });
    expect(sandbox.calls.some((call) => call.service === "glue")).toBe(true);
    expect(clientErrors).toEqual([]);
  });
});
