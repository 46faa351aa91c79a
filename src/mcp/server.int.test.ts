import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../config/load.js";
import { startSandbox, type Sandbox } from "../sandbox/server.js";
import type { ScenarioInput } from "../sandbox/scenario.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { MUTATING_TOOLS, READ_ONLY_TOOLS, TOOL_NAMES } from "../tools/catalog.js";
import { GetGlueLogsOutput, getGlueLogsTool } from "../tools/glue/get-glue-logs.js";
import { RetryGlueJobOutput } from "../tools/glue/retry-glue-job.js";
import { ToolErrorSchema } from "../tools/schemas.js";
import { createMutationGuard } from "./guard.js";
import { createDataLakeMcpServer, MCP_SERVER_NAME, MCP_SERVER_VERSION, toCallToolResult } from "./server.js";

const scenario: ScenarioInput = {
  glue: {
    jobs: [
      {
        name: "payments_etl",
        max_retries: 1,
        runs: [
          {
            id: "jr_0001",
            state: "FAILED",
            started_on: "2026-03-02T01:00:00Z",
            completed_on: "2026-03-02T01:05:00Z",
            error_message: "An error occurred while calling o95.pyWriteDynamicFrame: Access Denied",
            error_log: ["AccessDeniedException: 403"],
          },
        ],
        on_rerun: { result: "SUCCEEDED", polls_to_complete: 1 },
      },
    ],
  },
};

let sandbox: Sandbox;
let client: Client;
let unguarded: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario });
  const clients = createAwsClients({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts: 1,
  });
  const config = resolveConfig({ remediation: { allow_list: { glue_jobs: ["payments_etl"] } } });
  client = await connect(createDataLakeMcpServer(clients, createMutationGuard(config, clients)));
  // No guard given: the defaults' policy, which allows no remediation.
  unguarded = await connect(createDataLakeMcpServer(clients));
});

afterAll(async () => {
  await client?.close();
  await unguarded?.close();
  await sandbox?.close();
});

async function connect(server: McpServer): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const connected = new Client({ name: "test", version: "0.0.0" });
  await connected.connect(clientTransport);
  return connected;
}

function textOf(result: CallToolResult): string {
  const block = result.content[0];
  return block?.type === "text" ? block.text : "";
}

function glueCalls(): number {
  return sandbox.calls.filter((call) => call.service === "glue").length;
}

describe("data-lake MCP server (in memory, on the sandbox)", () => {
  it("names itself and lists all thirteen tools with input and output schemas", async () => {
    expect(client.getServerVersion()).toEqual({ name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type, tool.name).toBe("object");
    }
    const glue = tools.find((tool) => tool.name === "retry_glue_job");
    expect(glue?.inputSchema.required).toEqual(expect.arrayContaining(["job_name", "idempotency_key"]));
    expect(glue?.outputSchema?.properties).toHaveProperty("run_id");
  });

  it("annotates read-only and mutating tools from our own lists", async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool.annotations]));
    for (const name of READ_ONLY_TOOLS) {
      expect(byName.get(name), name).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    }
    for (const name of MUTATING_TOOLS) {
      expect(byName.get(name), name).toEqual({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      });
    }
  });

  it("answers a read-only call with structuredContent matching the output schema and the same JSON as text", async () => {
    const result = (await client.callTool({
      name: "get_glue_logs",
      arguments: { job_name: "payments_etl" },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const output = GetGlueLogsOutput.parse(result.structuredContent);
    expect(output.runs.map((run) => run.id)).toEqual(["jr_0001"]);
    expect(output.log_excerpt.map((line) => line.message)).toEqual(["AccessDeniedException: 403"]);
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("runs a mutating tool through the same implementation (idempotent on its key)", async () => {
    const args = { job_name: "payments_etl", idempotency_key: `io-mcp-test-${"0".repeat(32)}` };
    const first = (await client.callTool({ name: "retry_glue_job", arguments: args })) as CallToolResult;
    const second = (await client.callTool({ name: "retry_glue_job", arguments: args })) as CallToolResult;
    const started = RetryGlueJobOutput.parse(first.structuredContent);
    expect(started).toMatchObject({ job_name: "payments_etl", reused: false });
    expect(RetryGlueJobOutput.parse(second.structuredContent)).toEqual({ ...started, reused: true });
  });

  it("refuses every mutating call when created without a policy, before any AWS call", async () => {
    const before = glueCalls();
    const args = { job_name: "payments_etl", idempotency_key: `io-mcp-test-${"1".repeat(32)}` };
    const result = (await unguarded.callTool({ name: "retry_glue_job", arguments: args })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(ToolErrorSchema.parse(JSON.parse(textOf(result))).error).toMatchObject({
      code: "PolicyRefused",
      message: expect.stringContaining("remediation.allow_list.glue_jobs"),
    });
    expect(glueCalls()).toBe(before);
  });

  it("reports an AWS failure as isError with the sanitised ToolError and no structuredContent", async () => {
    const result = (await client.callTool({
      name: "get_glue_logs",
      arguments: { job_name: "no_such_job" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    const failure = ToolErrorSchema.parse(JSON.parse(textOf(result)));
    expect(failure.error.code).toBe("EntityNotFoundException");
    expect(failure.error.http_status).toBe(400);
    expect(failure.error.message).toContain("no_such_job");
  });

  it("rejects invalid arguments before any AWS call", async () => {
    const before = glueCalls();
    const result = (await client.callTool({
      name: "retry_glue_job",
      arguments: { job_name: "payments_etl", idempotency_key: "too-short" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Input validation error.*idempotency_key/s);
    expect(glueCalls()).toBe(before);
  });
});

describe("toCallToolResult", () => {
  const full = {
    job_name: "j",
    job: { max_retries: 0, timeout_min: null, worker_type: null, number_of_workers: null },
    runs: [1, 2, 3].map((n) => ({
      id: `jr_${n}`,
      state: "FAILED",
      started_on: null,
      completed_on: null,
      execution_time_s: null,
      error_message: null,
      attempt: 0,
      arguments: {},
    })),
    log_run_id: null,
    log_excerpt: [],
  };

  it("keeps the bounded output when it still fits the output schema", () => {
    const result = toCallToolResult(getGlueLogsTool, full, full);
    expect(result.structuredContent).toEqual(full);
  });

  it("falls back to the full output when bounding added an array marker the schema does not allow", () => {
    const bounded = { ...full, runs: [full.runs[0], "… 2 more"] };
    const result = toCallToolResult(getGlueLogsTool, bounded, full);
    expect(result.structuredContent).toEqual(full);
    expect(JSON.parse(textOf(result))).toEqual(full);
  });

  it("turns a ToolError into isError without structuredContent", () => {
    const failure = { error: { code: "ThrottlingException", message: "Rate exceeded", http_status: 400 } };
    expect(toCallToolResult(getGlueLogsTool, failure, undefined)).toEqual({
      isError: true,
      content: [{ type: "text", text: JSON.stringify(failure) }],
    });
  });
});
