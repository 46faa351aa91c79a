/**
 * Per-call overhead of a tool over MCP: the same read-only tool (get_glue_logs against the
 * sandbox) called in-process, over stdio MCP (our server as a subprocess) and over Streamable HTTP
 * MCP, in one run. The sandbox's own work is in every path, so the differences are the MCP cost.
 */
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { serveHttp } from "../src/mcp/http.js";
import { startSandbox } from "../src/sandbox/server.js";
import { createAwsClients } from "../src/tools/aws-clients.js";
import { createDataLakeTools } from "../src/tools/index.js";

const ARGS = { job_name: "daily_sales_etl", max_runs: 5, log_lines: 10 };

export interface McpOverheadResult {
  calls: number;
  in_process_ms: number;
  stdio_ms: number;
  http_ms: number;
  stdio_over_in_process: number;
  http_over_in_process: number;
}

async function perCall(calls: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i += 1) await call(); // warm-up: connections, JIT
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await call();
  return (performance.now() - started) / calls;
}

export async function measureMcpOverhead(calls: number): Promise<McpOverheadResult> {
  const sandbox = await startSandbox({
    scenario: {
      glue: {
        jobs: [
          {
            name: "daily_sales_etl",
            runs: [
              {
                id: "jr_0a1b2c3d4e5f6071",
                state: "FAILED",
                started_on: "2026-11-23T04:00:00Z",
                completed_on: "2026-11-23T04:30:00Z",
                error_message: "Job run timed out",
              },
            ],
          },
        ],
      },
    },
  });
  const clients = createAwsClients({
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "b", secretAccessKey: "b" },
  });
  const http = await serveHttp({ port: 0, clients });
  const stdioClient = new Client({ name: "bench", version: "0" });
  const httpClient = new Client({ name: "bench", version: "0" });
  try {
    const tool = createDataLakeTools(clients).find((candidate) => candidate.name === "get_glue_logs");
    if (!tool) throw new Error("get_glue_logs is missing");
    await stdioClient.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ["bin/incident-orchestrator.js", "mcp"],
        env: { ...getDefaultEnvironment(), ...sandbox.env() },
        stderr: "ignore",
      }),
    );
    await httpClient.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    const viaMcp = (client: Client) => () => client.callTool({ name: "get_glue_logs", arguments: ARGS });
    const in_process_ms = await perCall(calls, () => tool.invoke(ARGS));
    const stdio_ms = await perCall(calls, viaMcp(stdioClient));
    const http_ms = await perCall(calls, viaMcp(httpClient));
    return {
      calls,
      in_process_ms,
      stdio_ms,
      http_ms,
      stdio_over_in_process: stdio_ms / in_process_ms,
      http_over_in_process: http_ms / in_process_ms,
    };
  } finally {
    await Promise.allSettled([stdioClient.close(), httpClient.close(), http.close()]);
    await sandbox.close();
  }
}
