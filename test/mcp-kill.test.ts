/**
 * Our stdio MCP server killed in the middle of a batch of calls: the adapter starts it again and
 * the orchestrator's tools keep working; nothing hangs.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMcpServers } from "../src/mcp/client/config.js";
import { loadMcpTools, type LoadedMcpTools } from "../src/mcp/client/load.js";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { callTool, toolRegistry } from "../src/tools/registry.js";

let sandbox: Sandbox;
let loaded: LoadedMcpTools;

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
  loaded = await loadMcpTools(defaultMcpServers(sandbox.env()), { callTimeoutMs: 10_000 });
}, 60_000);

afterAll(async () => {
  await loaded?.close();
  await sandbox?.close();
});

/** The pids of our MCP server processes started by this test process. */
function serverPids(): number[] {
  try {
    const out = execFileSync("pgrep", ["-P", String(process.pid), "-f", "incident-orchestrator.js mcp"], {
      encoding: "utf8",
    });
    return out.split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe("a stdio MCP server that dies mid-batch", () => {
  it("is restarted and the tools keep answering", async () => {
    const tools = toolRegistry(loaded.tools);
    const call = () => callTool(tools, "get_glue_logs", { job_name: "daily_sales_etl" });
    await expect(call()).resolves.toMatchObject({ job_name: "daily_sales_etl" });

    const before = serverPids();
    expect(before.length).toBeGreaterThan(0);
    for (const pid of before) process.kill(pid, "SIGKILL");

    // Calls made right after the kill either fail cleanly or succeed; none hangs (callTimeoutMs bounds them).
    const during = await Promise.allSettled([call(), call(), call()]);
    expect(during).toHaveLength(3);

    // Once restarted, the same tool objects answer again.
    let answered: unknown;
    for (let attempt = 0; attempt < 50 && answered === undefined; attempt += 1) {
      answered = await call().then(
        (value) => ((value as { job_name?: string }).job_name ? value : undefined),
        () => undefined,
      );
    }
    expect(answered).toMatchObject({ job_name: "daily_sales_etl" });
    expect(serverPids().some((pid) => !before.includes(pid))).toBe(true);
  }, 90_000);
});
