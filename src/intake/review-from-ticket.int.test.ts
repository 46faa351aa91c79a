/**
 * Answering a paused review where people already work: a work note from an approver, written after
 * the pause, resumes the thread as the matching Agent Inbox answer, attributed to its author; a
 * note from anyone else, or from before the pause, never does. The instance's clock is the test's,
 * moved a minute between steps, because "after the pause" is compared in the instance's own times.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigFile, resolveConfig } from "../config/load.js";
import { loadManifest, type ResolvedExample } from "../examples/manifest.js";
import {
  EXAMPLE_APPROVER,
  EXAMPLE_ONLOOKER,
  openExampleQueue,
  type ExampleQueue,
} from "../examples/servicenow-world.js";
import { tableQuery } from "../servicenow/query.js";
import { fieldValue, type TableRecord } from "../servicenow/ticket-system.js";
import type { IntakeWorker } from "./worker.js";

const GLUE = "glue-timeout-rerun-succeeds"; // paused for approval of retry_glue_job
const KAFKA = "kafka-consumer-lag-rising"; // paused by the policy, proposing to close

let queue: ExampleQueue;
let worker: IntakeWorker;
let clock = new Date("2026-11-23T06:00:00Z");
const tick = () => void (clock = new Date(clock.getTime() + 60_000));
const sysIds = new Map<string, string>();

const sysIdOf = (name: string) => {
  const sysId = sysIds.get(name);
  if (!sysId) throw new Error(`no ticket for ${name}`);
  return sysId;
};

async function ticket(name: string): Promise<TableRecord> {
  const record = await queue.client.get("incident", sysIdOf(name), { displayValue: "all" });
  if (!record) throw new Error(`no ticket for ${name}`);
  return record;
}

const shown = (record: TableRecord, field: string) => {
  const value = record[field];
  return typeof value === "string" ? value : (value?.display_value ?? "");
};

async function notes(name: string): Promise<string[]> {
  const { records } = await queue.client.list("sys_journal_field", {
    query: tableQuery("sys_journal_field").where("element_id", "=", sysIdOf(name)).orderBy("sys_created_on").build(),
  });
  return records.map((record) => fieldValue(record, "value") ?? "");
}

async function writeNote(
  author: string,
  name: string,
  text: string,
  element: "work_notes" | "comments" = "work_notes",
) {
  tick();
  await queue.clientAs(author).update("incident", sysIdOf(name), { [element]: text });
  tick();
}

beforeAll(async () => {
  const examples: ResolvedExample[] = (await loadManifest("examples/manifest.json")).filter((example) =>
    [GLUE, KAFKA].includes(example.name),
  );
  const base = await loadConfigFile("examples/config.json");
  const config = resolveConfig({
    ...base,
    remediation: {
      ...base.remediation,
      require_approval: { ...base.remediation.require_approval, intents: ["glue_etl_failure"] },
    },
  });
  queue = await openExampleQueue(examples, { config, transport: "in-process", now: () => clock });
  for (const record of (await queue.client.list("incident", { fields: ["sys_id"] })).records) {
    const sysId = fieldValue(record, "sys_id") ?? "";
    const example = queue.exampleOf(sysId);
    if (example) sysIds.set(example.name, sysId);
  }
  worker = await queue.worker();
  // Before any pause: an approver's /approve that must never count.
  await writeNote(EXAMPLE_APPROVER, GLUE, "/approve");
  await worker.pass();
  tick();
}, 120_000);

afterAll(async () => {
  await queue?.close();
});

describe("review from the ticket", () => {
  it("both tickets are On Hold, saying how to answer", async () => {
    expect(shown(await ticket(GLUE), "state")).toBe("On Hold");
    expect(shown(await ticket(KAFKA), "state")).toBe("On Hold");
    expect((await notes(GLUE)).at(-1)).toMatch(/proposes retry_glue_job/);
  });

  it("ignores an /approve from before the pause, from someone not an approver, and in a comment", async () => {
    await writeNote(EXAMPLE_ONLOOKER, GLUE, "/approve");
    await writeNote(EXAMPLE_APPROVER, GLUE, "/approve", "comments");
    const report = await worker.pass();
    expect(report.resumed).toBe(0);
    expect(shown(await ticket(GLUE), "state")).toBe("On Hold");
  });

  it("refuses a command that does not fit the review, once, and keeps it paused", async () => {
    await writeNote(EXAMPLE_APPROVER, GLUE, "/close");
    expect((await worker.pass()).resumed).toBe(0);
    tick();
    await worker.pass();
    const refusals = (await notes(GLUE)).filter((text) => text.includes("could not take"));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/\/close is not offered: the proposal is retry_glue_job/);
    expect(shown(await ticket(GLUE), "state")).toBe("On Hold");
  });

  it("an approver's /approve carries out the proposed remediation, attributed to them", async () => {
    await writeNote(EXAMPLE_APPROVER, GLUE, "/approve");
    expect((await worker.pass()).resumed).toBe(1);
    const resolved = await ticket(GLUE);
    expect(shown(resolved, "state")).toBe("Resolved");
    const last = (await notes(GLUE)).at(-1) ?? "";
    expect(last).toMatch(/Action: retry_glue_job → succeeded/);
    expect(last).toMatch(/Review \(approval\) by ana\.approver/);
  });

  it("an approver's /reject <why> escalates with their words", async () => {
    await writeNote(EXAMPLE_APPROVER, KAFKA, "/reject the streaming team must rebalance the consumer group");
    expect((await worker.pass()).resumed).toBe(1);
    const escalated = await ticket(KAFKA);
    expect(shown(escalated, "assignment_group")).toBe("Data Platform Experts");
    expect((await notes(KAFKA)).at(-1)).toMatch(
      /Escalated by ana\.approver on review: the streaming team must rebalance/,
    );
  });
});
