import { tool } from "@langchain/core/tools";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { toolRegistry } from "../tools/registry.js";
import { runPlannedCalls } from "./run-tools.js";
import type { PlannedCall } from "./types.js";

const options = { timeout_ms: 5_000, max_parallel: 6, max_finding_chars: 4_000 };
const anyArgs = z.object({ n: z.number().optional() });

function call(name: PlannedCall["tool"], args: Record<string, unknown> = {}): PlannedCall {
  return { tool: name, args, why: "test" };
}

/** A promise that resolves once `count` parties have arrived. */
function latch(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    async arrive() {
      arrived += 1;
      if (arrived === count) open();
      await opened;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("runPlannedCalls", () => {
  it("runs independent calls concurrently: three tools waiting on one latch all finish", async () => {
    const gate = latch(3);
    const names = ["get_glue_logs", "get_mwaa_logs", "verify_source_data"] as const;
    const tools = toolRegistry(
      names.map((name) =>
        tool(
          async () => {
            await gate.arrive();
            return JSON.stringify({ from: name });
          },
          { name, description: name, schema: anyArgs },
        ),
      ),
    );
    const runs = await runPlannedCalls(
      names.map((name) => call(name)),
      tools,
      options,
    );
    expect(runs.map((run) => run.error)).toEqual([null, null, null]);
    expect(runs.map((run) => run.output)).toEqual(names.map((name) => ({ from: name })));
  });

  it("never runs more than max_parallel at once, and keeps the planned order", async () => {
    let active = 0;
    let peak = 0;
    const tools = toolRegistry([
      tool(
        async ({ n }) => {
          active += 1;
          peak = Math.max(peak, active);
          for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
          active -= 1;
          return JSON.stringify({ n });
        },
        { name: "get_glue_logs", description: "d", schema: anyArgs },
      ),
    ]);
    const calls = [1, 2, 3, 4, 5].map((n) => call("get_glue_logs", { n }));
    const runs = await runPlannedCalls(calls, tools, { ...options, max_parallel: 2 });
    expect(peak).toBeLessThanOrEqual(2);
    expect(runs.map((run) => run.output)).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
  });

  it("times out a tool that never answers, with code timeout, and aborts it", async () => {
    vi.useFakeTimers();
    let aborted = false;
    const tools = toolRegistry([
      tool(
        (_input, config) =>
          new Promise<string>(() => {
            config?.signal?.addEventListener("abort", () => (aborted = true));
          }),
        { name: "get_emr_logs", description: "hangs", schema: anyArgs },
      ),
      tool(async () => JSON.stringify({ ok: true }), { name: "get_glue_logs", description: "d", schema: anyArgs }),
    ]);
    const pending = runPlannedCalls([call("get_emr_logs"), call("get_glue_logs")], tools, {
      ...options,
      timeout_ms: 1_000,
    });
    await vi.advanceTimersByTimeAsync(1_000);
    const runs = await pending;
    expect(runs[0]).toMatchObject({
      tool: "get_emr_logs",
      output: null,
      error: { code: "timeout", message: "get_emr_logs did not answer within 1000 ms" },
    });
    expect(runs[1]).toMatchObject({ error: null, output: { ok: true } });
    expect(aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("turns a thrown error, a ToolError answer and a missing tool into errors, sanitised", async () => {
    const tools = toolRegistry([
      tool(
        async () => {
          throw new Error("boom\u001b[31m\nfake log line " + "x".repeat(500));
        },
        { name: "get_glue_logs", description: "d", schema: anyArgs },
      ),
      tool(
        async () =>
          JSON.stringify({ error: { code: "ThrottlingException", message: "Rate exceeded", http_status: 400 } }),
        { name: "get_athena_query", description: "d", schema: anyArgs },
      ),
    ]);
    const runs = await runPlannedCalls(
      [call("get_glue_logs"), call("get_athena_query"), call("get_emr_logs", { cluster_id: "j-1" })],
      tools,
      options,
    );
    expect(runs[0]?.error?.code).toBe("tool_failed");
    // The whole escape sequence goes, not just its ESC byte.
    expect(runs[0]?.error?.message).toMatch(/^Error: boom fake log line x+…$/);
    expect(runs[0]?.error?.message.length).toBeLessThanOrEqual(300);
    expect(runs[1]).toMatchObject({ output: null, error: { code: "ThrottlingException", message: "Rate exceeded" } });
    expect(runs[2]).toMatchObject({
      tool: "get_emr_logs",
      args: { cluster_id: "j-1" },
      output: null,
      error: { code: "tool_unavailable", message: "tool get_emr_logs is not available" },
    });
    for (const run of runs) expect(run.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it("bounds the output kept for findings but keeps the full output for analysis", async () => {
    const big = { lines: Array.from({ length: 500 }, (_, i) => `line ${i} ${"y".repeat(40)}`) };
    const tools = toolRegistry([
      tool(async () => JSON.stringify(big), { name: "get_s3_logs", description: "d", schema: anyArgs }),
    ]);
    const [run] = await runPlannedCalls([call("get_s3_logs")], tools, { ...options, max_finding_chars: 500 });
    expect(JSON.stringify(run?.output).length).toBeLessThanOrEqual(500);
    expect(run?.full_output).toEqual(big);
  });

  it("returns nothing for no calls", async () => {
    expect(await runPlannedCalls([], toolRegistry([]), options)).toEqual([]);
  });
});
