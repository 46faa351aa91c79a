/**
 * auto_retry's follow-up: a re-run still running when the graph's bounded wait ran out is looked
 * at on each later pass with the remediation's own status tool, and the ticket is resolved when the
 * run succeeds, or escalated to the experts when it fails — once, whatever passes follow.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../config/load.js";
import { loadManifest, type ResolvedExample } from "../examples/manifest.js";
import { openExampleQueue } from "../examples/servicenow-world.js";
import { tableQuery } from "../servicenow/query.js";
import { fieldValue } from "../servicenow/ticket-system.js";

/** The example whose re-run is still running, with a re-run that ends `result` after the graph stopped waiting. */
async function exampleEnding(result: "SUCCEEDED" | "FAILED"): Promise<ResolvedExample> {
  const example = (await loadManifest("examples/manifest.json")).find(
    (candidate) => candidate.name === "glue-capacity-rerun-still-running",
  );
  if (!example) throw new Error("example missing");
  const scenario = JSON.parse(await readFile(example.scenarioPath, "utf8")) as {
    glue: { jobs: { on_rerun: unknown }[] };
  };
  // The graph stops waiting after 5 status reads (examples/config.json): this run is still going then.
  for (const job of scenario.glue.jobs) {
    job.on_rerun = { result, polls_to_complete: 30, ...(result === "FAILED" ? { error_message: "OOM again" } : {}) };
  }
  const path = join(await mkdtemp(join(tmpdir(), "follow-up-")), "scenario.json");
  await writeFile(path, JSON.stringify(scenario));
  return { ...example, scenarioPath: path };
}

describe.each([
  ["SUCCEEDED", "Resolved", /follow-up: retry_glue_job run jr_\w+ succeeded; resolved/],
  ["FAILED", "In Progress", /follow-up: retry_glue_job run jr_\w+ failed; reassigned to Data Platform Experts/],
] as const)("a re-run that ends %s", (result, state, note) => {
  it(`leaves the ticket ${state}, with one follow-up note`, async () => {
    const queue = await openExampleQueue([await exampleEnding(result)], {
      config: await loadConfigFile("examples/config.json"),
      transport: "in-process",
      serve: { outbox: { follow_up_interval_ms: 0 } },
    });
    try {
      const worker = await queue.worker();
      const first = await worker.pass();
      expect(first.writes.waiting).toBe(1);
      const sysId = queue.tickets[0]?.sysId ?? "";
      // Each pass reads the run's status again (one tool call may count several reads); bounded, each pass awaited.
      let passes = 0;
      while ((await queue.store.outbox.list({ state: "pending" })).length > 0 && passes < 40) {
        await worker.pass();
        passes += 1;
      }
      expect(passes).toBeGreaterThan(0);
      expect(await queue.store.outbox.list({ state: "pending" })).toEqual([]);
      const ticket = await queue.client.get("incident", sysId, { displayValue: "true" });
      expect(ticket && fieldValue(ticket, "state")).toBe(state);
      const { records } = await queue.client.list("sys_journal_field", {
        query: tableQuery("sys_journal_field").where("element_id", "=", sysId).build(),
      });
      const followUps = records.map((record) => fieldValue(record, "value") ?? "").filter((text) => note.test(text));
      expect(followUps).toHaveLength(1);
      await worker.pass();
      expect(
        (
          await queue.client.list("sys_journal_field", {
            query: tableQuery("sys_journal_field").where("element_id", "=", sysId).build(),
          })
        ).total,
      ).toBe(records.length);
    } finally {
      await queue.close();
    }
  }, 60_000);
});
