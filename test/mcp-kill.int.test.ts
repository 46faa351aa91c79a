/**
 * Our stdio MCP server killed mid-run. It is started again and its tools looked up afresh: read-only
 * calls carry on, a whole incident completes, and a mutating call that was in flight when the
 * server died is not sent again — that run ends in human review with the error. Nothing hangs.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { defaultMcpServers } from "../src/mcp/client/config.js";
import { loadMcpTools, type LoadedMcpTools } from "../src/mcp/client/load.js";
import { createOrchestrator, parseIncident } from "../src/orchestrator.js";
import { loadScenarioFile } from "../src/sandbox/session.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../src/sandbox/server.js";
import { callTool, toolRegistry } from "../src/tools/registry.js";

const EXAMPLE = "glue-timeout-rerun-succeeds";

let sandbox: Sandbox | undefined;
let loaded: LoadedMcpTools | undefined;

afterEach(async () => {
  await loaded?.close();
  await sandbox?.close();
  loaded = undefined;
  sandbox = undefined;
});

async function start(options: SandboxOptions, maxRestarts?: number): Promise<LoadedMcpTools> {
  sandbox = await startSandbox(options);
  // The server enforces the run's own remediation policy, as the CLI's does.
  const config = await loadConfigFile("examples/config.json");
  loaded = await loadMcpTools(defaultMcpServers(sandbox.env(), config), { callTimeoutMs: 20_000, maxRestarts });
  return loaded;
}

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

function killServers(): number[] {
  const pids = serverPids();
  for (const pid of pids) process.kill(pid, "SIGKILL");
  return pids;
}

const FAILED_GLUE_JOB = {
  glue: {
    jobs: [
      {
        name: "daily_sales_etl",
        runs: [{ id: "jr_00aa11bb", state: "FAILED" as const, started_on: "2026-11-23T04:00:00Z" }],
      },
    ],
  },
};

async function example(): Promise<{ incident: unknown; scenario: SandboxOptions["scenario"] }> {
  const incident = JSON.parse(await readFile(`examples/incidents/${EXAMPLE}.json`, "utf8")) as unknown;
  return { incident, scenario: await loadScenarioFile(`examples/scenarios/${EXAMPLE}.json`) };
}

describe("a stdio MCP server that dies", () => {
  it("is started again, and calls made after the kill are answered by the new server", async () => {
    const { tools } = await start({ scenario: FAILED_GLUE_JOB });
    const registry = toolRegistry(tools);
    const call = () => callTool(registry, "get_glue_logs", { job_name: "daily_sales_etl" });
    await expect(call()).resolves.toMatchObject({ job_name: "daily_sales_etl" });

    const killed = killServers();
    expect(killed).toHaveLength(1);

    const during = await Promise.all([call(), call(), call()]);
    for (const output of during) expect(output).toMatchObject({ job_name: "daily_sales_etl" });
    // Three concurrent callers shared one restart.
    expect(loaded?.restarts()).toEqual({ datalake: 1 });
    const after = serverPids();
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(killed);
  }, 90_000);

  it("gives up after its restart budget, with an error rather than a hang", async () => {
    const { tools } = await start({ scenario: FAILED_GLUE_JOB }, 1);
    const registry = toolRegistry(tools);
    const call = () => callTool(registry, "get_glue_logs", { job_name: "daily_sales_etl" });

    killServers();
    await expect(call()).resolves.toMatchObject({ job_name: "daily_sales_etl" });
    killServers();
    await expect(call()).rejects.toThrow(/restarted 1 time\(s\) already/);
  }, 90_000);

  it("killed between two verification polls, the incident still completes: auto_close, one job run", async () => {
    const { incident, scenario } = await example();
    const { tools } = await start({ scenario });
    const config = await loadConfigFile("examples/config.json");
    let killedAt = 0;
    const orchestrator = createOrchestrator({
      tools,
      config,
      // The wait between verification polls: the re-run has started and been read once.
      sleep: async () => {
        if (killedAt === 0) killedAt = killServers().length;
      },
    });

    const result = await orchestrator.orchestrate(parseIncident(incident));

    const summary = JSON.stringify(result, null, 2).slice(0, 3000);
    expect(killedAt, "the server was killed mid-verification").toBe(1);
    expect(result.errors, summary).toEqual([]);
    expect(result.decision.decision, summary).toBe("auto_close");
    expect(loaded?.restarts()).toEqual({ datalake: 1 });
    const starts = sandbox?.calls.filter((call) => call.operation === "StartJobRun") ?? [];
    expect(starts).toHaveLength(1);
  }, 90_000);

  it("killed while a re-run request is in flight, does not send it again: human review with the error", async () => {
    const { incident, scenario } = await example();
    const slowStart = {
      ...scenario,
      faults: [{ service: "glue" as const, operation: "StartJobRun", kind: "latency" as const, latency_ms: 20_000 }],
    };
    let killed = 0;
    let startRequests = 0;
    const { tools } = await start({
      scenario: slowStart,
      // The request has reached AWS (the sandbox); the server dies before it can answer.
      onRequest: ({ operation }) => {
        if (operation !== "StartJobRun") return;
        startRequests += 1;
        if (killed === 0) killed = killServers().length;
      },
    });
    const config = await loadConfigFile("examples/config.json");

    const result = await createOrchestrator({ tools, config, sleep: async () => {} }).orchestrate(
      parseIncident(incident),
    );

    const summary = JSON.stringify(result, null, 2).slice(0, 3000);
    expect(killed).toBe(1);
    expect(result.decision.decision, summary).toBe("human_review");
    expect(result.errors.map((error) => error.node)).toEqual(["take_action"]);
    expect(result.errors[0]?.message).toMatch(/stopped during retry_glue_job; the call is not repeated/);
    // The restarted server was never asked to start the job again.
    expect(startRequests).toBe(1);
  }, 90_000);
});
