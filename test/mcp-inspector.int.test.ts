/**
 * The official MCP Inspector CLI lists and calls our tools (`incident-orchestrator mcp` over stdio),
 * against the embedded sandbox. Pinned to 0.14.3: later releases need Node 22.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { MUTATING_TOOLS, TOOL_NAMES } from "../src/tools/catalog.js";

const exec = promisify(execFile);
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    scenario: {
      glue: {
        jobs: [
          {
            name: "daily_sales_etl",
            runs: [{ id: "jr_00aa11bb", state: "FAILED", started_on: "2026-11-23T04:00:00Z" }],
          },
        ],
      },
    },
  });
});

afterAll(async () => {
  await sandbox?.close();
});

async function inspector(...args: string[]): Promise<Record<string, unknown>> {
  const env = Object.entries(sandbox.env()).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
  const { stdout } = await exec(
    "node_modules/.bin/mcp-inspector",
    ["--cli", "node", "bin/incident-orchestrator.js", "mcp", ...env, ...args],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

interface ListedTool {
  name: string;
  inputSchema: unknown;
  outputSchema?: unknown;
  annotations?: { readOnlyHint?: boolean };
}

describe("the MCP Inspector CLI", () => {
  it("lists every data-lake tool with its schemas and annotations", async () => {
    const { tools } = (await inspector("--method", "tools/list")) as { tools: ListedTool[] };
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of tools) {
      expect(tool.inputSchema).toMatchObject({ type: "object" });
      expect(tool.outputSchema).toMatchObject({ type: "object" });
      expect(tool.annotations?.readOnlyHint).toBe(!(MUTATING_TOOLS as readonly string[]).includes(tool.name));
    }
  }, 90_000);

  it("calls a tool against the sandbox", async () => {
    const result = await inspector(
      "--method",
      "tools/call",
      "--tool-name",
      "get_glue_logs",
      "--tool-arg",
      "job_name=daily_sales_etl",
    );
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      job_name: "daily_sales_etl",
      runs: [{ id: "jr_00aa11bb", state: "FAILED" }],
    });
  }, 90_000);
});
