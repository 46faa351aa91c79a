/**
 * Inputs bounded before the graph, state kept small (issue 9): an incident over the hard input
 * limits is one clear error and leaves no thread; one under them, however large, leaves a small
 * run store, because state keeps a capped copy (src/safety/state-cap.ts) and every checkpoint
 * holds a copy of state. Tool output is input too: nested 100,000 deep, it is bounded before it
 * becomes a finding.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tool } from "@langchain/core/tools";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfigFile } from "../src/config/load.js";
import { UserInputError } from "../src/errors.js";
import { createOrchestrator } from "../src/orchestrator.js";
import { loadScenarioFile, startSandboxSession, type SandboxSession } from "../src/sandbox/session.js";
import { OrchestrationResultSchema } from "../src/state/result.js";
import { memoryRunStore } from "../src/store/memory.js";
import { openSqliteRunStore } from "../src/store/sqlite.js";
import { DEEP_MARKER } from "../src/tools/bound.js";

const EXAMPLE = "glue-timeout-rerun-succeeds";
const incident = JSON.parse(readFileSync(`examples/incidents/${EXAMPLE}.json`, "utf8")) as Record<string, unknown>;
let session: SandboxSession;

beforeAll(async () => {
  session = await startSandboxSession(await loadScenarioFile(`examples/scenarios/${EXAMPLE}.json`), {
    transport: "in-process",
  });
});
afterAll(async () => {
  await session.close();
});

/** Bytes of the store's files (the database, and its WAL while one is open). */
function storeBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

describe("a large incident on a SQLite run store", () => {
  it("under the hard limits (about 900 KB) runs and leaves runs.sqlite well under 5 MB", async () => {
    const large = {
      ...incident,
      sys_id: "large-incident",
      description: `${String(incident.description)}\n${"pasted log line 0123456789\n".repeat(9_000)}`,
      additional_info: {
        ...(incident.additional_info as Record<string, unknown>),
        driver_log: "d".repeat(250_000),
        executor_log: "e".repeat(250_000),
      },
      u_work_notes: "w".repeat(150_000),
    };
    expect(JSON.stringify(large).length).toBeGreaterThan(880_000);

    const dir = mkdtempSync(join(tmpdir(), "io-state-size-"));
    const store = await openSqliteRunStore({ file: join(dir, "runs.sqlite") });
    try {
      const config = await loadConfigFile("examples/config.json");
      const orchestrator = createOrchestrator({ config, tools: session.tools, store, sleep: async () => {} });
      const outcome = await orchestrator.run(large);
      expect(["completed", "paused"]).toContain(outcome.status);
      expect(OrchestrationResultSchema.safeParse(outcome.result).success).toBe(true);
      // The same decision as the example itself: the cap keeps what the classifier and investigation read.
      expect(outcome.result.decision.decision).toBe("auto_close");
      const kept = (await orchestrator.graph.getState({ configurable: { thread_id: outcome.thread_id } })).values;
      expect(String(kept.incident.description)).toMatch(/… \[truncated \d+ chars\]$/);
    } finally {
      await store.close();
    }
    console.log(`runs.sqlite after a ${JSON.stringify(large).length}-character incident: ${storeBytes(dir)} bytes`);
    expect(storeBytes(dir)).toBeLessThan(5 * 1024 * 1024);
  });

  it("over them (10 MB) is one line naming the field, before any thread exists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "io-state-size-"));
    const store = await openSqliteRunStore({ file: join(dir, "runs.sqlite") });
    try {
      const orchestrator = createOrchestrator({ tools: session.tools, store });
      const huge = { ...incident, sys_id: "huge-incident", description: "y".repeat(10 * 1024 * 1024) };
      const error = await orchestrator.run(huge).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(UserInputError);
      expect((error as Error).message).toBe(
        "invalid incident: incident.description: string of 10485760 characters, longer than the limit of 262144",
      );
      expect(await store.threads.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe("a tool that answers with 100,000 nested arrays (an MCP server is input too)", () => {
  it("is bounded before it enters state: the run ends, the finding keeps 32 levels and a marker", async () => {
    const levels = 100_000;
    const deep = `{"job_name":"SPENDING_POTS","runs":${"[".repeat(levels)}${"]".repeat(levels)},"note":"\\ud800\\u0000"}`;
    const tools = session.tools.map((real) =>
      real.name === "get_glue_logs"
        ? tool(async () => deep, { name: real.name, description: real.description, schema: z.looseObject({}) })
        : real,
    );
    const store = memoryRunStore();
    const config = await loadConfigFile("examples/config.json");
    const orchestrator = createOrchestrator({ config, tools, store, sleep: async () => {} });
    const outcome = await orchestrator.run({ ...incident, sys_id: "deep-tool-output" });
    expect(["completed", "paused"]).toContain(outcome.status);
    const finding = outcome.result.investigation.findings.find((f) => f.tool === "get_glue_logs");
    const text = JSON.stringify(finding?.result);
    expect(text).toContain(DEEP_MARKER);
    expect(text).toContain('"note":"\ufffd\ufffd"');
    expect((await store.threads.list()).map((record) => record.status)).not.toContain("running");
  });
});
