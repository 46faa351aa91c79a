/**
 * startOnce against the embedded sandbox and the real Glue tools: the ledger first, then the
 * world, then the tool — and never a second StartJobRun for one idempotency key.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../sandbox/server.js";
import type { ScenarioInput } from "../sandbox/scenario.js";
import { memoryLedger } from "../store/memory.js";
import type { SideEffectLedger } from "../store/types.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { createDataLakeTools } from "../tools/index.js";
import { callTool, toolRegistry, type ToolRegistry } from "../tools/registry.js";
import { startOnce, type StartOnceInput } from "./start-once.js";

const JOB = "daily_sales_etl";
const FAILED_RUN = "jr_00aa11bb";
const THREAD = "3b8f2c1e-0d4a-5e6f-9a7b-1c2d3e4f5a6b";
const KEY = "io-0123456789abcdef0123456789abcdef01234567";
const OTHER_KEY = "io-89abcdef0123456789abcdef0123456789abcdef";

const scenario: ScenarioInput = {
  seed: 7,
  now: "2026-11-23T06:10:00Z",
  glue: {
    jobs: [{ name: JOB, runs: [{ id: FAILED_RUN, state: "FAILED", started_on: "2026-11-23T04:00:00Z" }] }],
  },
};

let sandbox: Sandbox | undefined;
let tools: ToolRegistry;
let ledger: SideEffectLedger;

beforeEach(async () => {
  sandbox = await startSandbox({ scenario });
  const clients = createAwsClients({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
  });
  tools = toolRegistry(createDataLakeTools(clients));
  ledger = memoryLedger(() => new Date("2026-11-23T06:15:00.000Z"));
});

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function calls(operation: string): number {
  if (!sandbox) throw new Error("no sandbox");
  return sandbox.calls.filter((call) => call.operation === operation).length;
}

const input = (overrides: Partial<StartOnceInput> = {}): StartOnceInput => ({
  ledger,
  thread_id: THREAD,
  key: KEY,
  action: "retry_glue_job",
  args: { job_name: JOB },
  tools,
  ...overrides,
});

/** The runs of the job that carry `key` (as the sandbox holds them, through the read-only tool). */
async function runsWithKey(key: string): Promise<string[]> {
  const output = (await callTool(tools, "get_glue_logs", { job_name: JOB, max_runs: 20, log_lines: 0 })) as {
    runs: { id: string; arguments: Record<string, string> }[];
  };
  return output.runs.filter((run) => Object.values(run.arguments).includes(key)).map((run) => run.id);
}

describe("startOnce", () => {
  it("starts one run for a fresh key, and the ledger ends completed with its id", async () => {
    const outcome = await startOnce(input());
    expect(outcome).toEqual({ execution_id: expect.stringMatching(/^jr_/), source: "started" });
    expect(calls("StartJobRun")).toBe(1);
    const id = "execution_id" in outcome ? outcome.execution_id : "";
    expect(await runsWithKey(KEY)).toEqual([id]);
    expect(await ledger.get(KEY)).toMatchObject({
      idempotency_key: KEY,
      thread_id: THREAD,
      action: "retry_glue_job",
      args: { job_name: JOB },
      state: "completed",
      execution_id: id,
      error: null,
    });
  });

  it("reuses a completed ledger entry without calling AWS at all", async () => {
    await ledger.begin({ idempotency_key: KEY, thread_id: THREAD, action: "retry_glue_job", args: { job_name: JOB } });
    await ledger.complete(KEY, "jr_from_the_ledger");
    expect(await startOnce(input())).toEqual({ execution_id: "jr_from_the_ledger", source: "ledger" });
    expect(calls("StartJobRun")).toBe(0);
    expect(sandbox?.calls).toEqual([]);
  });

  it("finds the run of a start whose answer was lost (ledger `started`), without a second StartJobRun", async () => {
    const started = (await callTool(tools, "retry_glue_job", { job_name: JOB, idempotency_key: KEY })) as {
      run_id: string;
      reused: boolean;
    };
    expect(started.reused).toBe(false);
    expect(calls("StartJobRun")).toBe(1);
    await ledger.begin({ idempotency_key: KEY, thread_id: THREAD, action: "retry_glue_job", args: { job_name: JOB } });
    const before = { getJob: calls("GetJob"), getJobRuns: calls("GetJobRuns") };

    expect(await startOnce(input())).toEqual({ execution_id: started.run_id, source: "world" });
    expect(calls("StartJobRun")).toBe(1);
    // Found by the read-only lookup (get_glue_logs: GetJob + GetJobRuns), not by calling the retry tool again.
    expect(calls("GetJob")).toBe(before.getJob + 1);
    expect(calls("GetJobRuns")).toBe(before.getJobRuns + 1);
    expect(await ledger.get(KEY)).toMatchObject({ state: "completed", execution_id: started.run_id });
    expect(await runsWithKey(KEY)).toEqual([started.run_id]);
  });

  it("starts one run for a `started` entry with nothing in the world", async () => {
    await ledger.begin({ idempotency_key: KEY, thread_id: THREAD, action: "retry_glue_job", args: { job_name: JOB } });
    // Another key's run is in the world: it is not ours.
    await callTool(tools, "retry_glue_job", { job_name: JOB, idempotency_key: OTHER_KEY });
    expect(calls("StartJobRun")).toBe(1);

    const outcome = await startOnce(input());
    expect(outcome).toMatchObject({ source: "started" });
    expect(calls("StartJobRun")).toBe(2);
    const id = "execution_id" in outcome ? outcome.execution_id : "";
    expect(await runsWithKey(KEY)).toEqual([id]);
    expect(await ledger.get(KEY)).toMatchObject({ state: "completed", execution_id: id });
  });

  it("reports a run the tool itself found by key (no ledger entry, e.g. a new store) as from the world", async () => {
    const started = (await callTool(tools, "retry_glue_job", { job_name: JOB, idempotency_key: KEY })) as {
      run_id: string;
    };
    expect(await startOnce(input())).toEqual({ execution_id: started.run_id, source: "world" });
    expect(calls("StartJobRun")).toBe(1);
    expect(await ledger.get(KEY)).toMatchObject({ state: "completed", execution_id: started.run_id });
  });

  it("returns the same run when asked twice with one key", async () => {
    const first = await startOnce(input());
    const second = await startOnce(input());
    expect(second).toEqual({ execution_id: "execution_id" in first ? first.execution_id : "?", source: "ledger" });
    expect(calls("StartJobRun")).toBe(1);
  });

  it("marks the ledger failed when the tool answers an error (unknown job)", async () => {
    const outcome = await startOnce(input({ args: { job_name: "no_such_job" } }));
    expect(outcome).toEqual({ error: expect.stringContaining("EntityNotFoundException") });
    expect("error" in outcome && outcome.error).toMatch(/^the remediation tool failed: EntityNotFoundException: /);
    expect(calls("StartJobRun")).toBe(0);
    const entry = await ledger.get(KEY);
    expect(entry).toMatchObject({ state: "failed", execution_id: null, args: { job_name: "no_such_job" } });
    expect(entry?.error).toContain("EntityNotFoundException");
    expect(entry?.finished_at).toBe("2026-11-23T06:15:00.000Z");
  });
});
