/**
 * One intake pass over the examples' tickets on the ServiceNow emulator, through the whole graph
 * with the tools in-process (the demo runs the same over MCP): every decision's write-back lands on
 * its ticket as the instance stores it, read back over the Table API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../config/load.js";
import { loadManifest, type ResolvedExample } from "../examples/manifest.js";
import { openExampleQueue, type ExampleQueue } from "../examples/servicenow-world.js";
import { tableQuery } from "../servicenow/query.js";
import { fieldValue, type TableRecord } from "../servicenow/ticket-system.js";
import type { PassReport } from "./worker.js";

const NAMES = [
  "glue-timeout-rerun-succeeds", // auto_close
  "glue-s3-access-denied", // escalate
  "glue-capacity-rerun-still-running", // auto_retry
  "kafka-consumer-lag-rising", // human_review
];

let queue: ExampleQueue;
let examples: ResolvedExample[];
let report: PassReport;

async function ticketOf(name: string): Promise<TableRecord> {
  const example = examples.find((candidate) => candidate.name === name);
  const sysId = [...(await queue.client.list("incident", { fields: ["sys_id"] })).records]
    .map((record) => fieldValue(record, "sys_id") ?? "")
    .find((id) => queue.exampleOf(id)?.name === example?.name);
  const record = sysId ? await queue.client.get("incident", sysId, { displayValue: "all" }) : undefined;
  if (!record) throw new Error(`no ticket for ${name}`);
  return record;
}

async function notesOf(record: TableRecord): Promise<string[]> {
  const { records } = await queue.client.list("sys_journal_field", {
    query: tableQuery("sys_journal_field")
      .where("element_id", "=", fieldValue(record, "sys_id") ?? "")
      .where("element", "=", "work_notes")
      .orderBy("sys_created_on")
      .build(),
  });
  return records.map((entry) => fieldValue(entry, "value") ?? "");
}

const shown = (record: TableRecord, field: string) => {
  const value = record[field];
  return typeof value === "string" ? value : (value?.display_value ?? "");
};

beforeAll(async () => {
  examples = (await loadManifest("examples/manifest.json")).filter((example) => NAMES.includes(example.name));
  const config = await loadConfigFile("examples/config.json");
  queue = await openExampleQueue(examples, { config, transport: "in-process" });
  report = await (await queue.worker()).pass();
}, 120_000);

afterAll(async () => {
  await queue?.close();
});

describe("one intake pass over the example tickets", () => {
  it("claims and runs every ticket, and sends every write", () => {
    expect(report).toMatchObject({ listed: 4, claimed: 4, ran: 4, failed: 0 });
    expect(report.writes.failed).toBe(0);
  });

  it("auto_close: Resolved with a close code and close notes", async () => {
    const ticket = await ticketOf("glue-timeout-rerun-succeeds");
    expect(shown(ticket, "state")).toBe("Resolved");
    expect(fieldValue(ticket, "close_code")).toBe("Solution provided");
    expect(fieldValue(ticket, "close_notes")).toMatch(/Root cause:/);
    const notes = await notesOf(ticket);
    expect(notes[0]).toMatch(/^Claimed by incident-orchestrator/);
    expect(notes.at(-1)).toMatch(/Resolved automatically/);
  });

  it("escalate: reassigned to the expert group and unassigned", async () => {
    const ticket = await ticketOf("glue-s3-access-denied");
    expect(shown(ticket, "assignment_group")).toBe("Data Platform Experts");
    expect(fieldValue(ticket, "assigned_to")).toBe("");
    expect(shown(ticket, "state")).toBe("In Progress");
    expect((await notesOf(ticket)).at(-1)).toMatch(/Reassigned to Data Platform Experts/);
  });

  it("auto_retry: In Progress with the started run, its follow-up queued", async () => {
    const ticket = await ticketOf("glue-capacity-rerun-still-running");
    expect(shown(ticket, "state")).toBe("In Progress");
    expect((await notesOf(ticket)).at(-1)).toMatch(/Retry in progress: retry_glue_job started jr_/);
    const followUps = await queue.store.outbox.list({ sysId: fieldValue(ticket, "sys_id") ?? "", state: "pending" });
    expect(followUps.map((entry) => entry.kind)).toEqual(["follow_up"]);
  });

  it("human_review: On Hold with the hold reason and how to answer", async () => {
    const ticket = await ticketOf("kafka-consumer-lag-rising");
    expect(shown(ticket, "state")).toBe("On Hold");
    expect(fieldValue(ticket, "hold_reason")).toBe("1");
    expect((await notesOf(ticket)).at(-1)).toMatch(/\/approve .*\/reject <why>.*\/close.*\/ignore/s);
  });

  it("a second pass runs nothing again and writes nothing twice", async () => {
    const before = queue.emulator.requests.filter((request) => request.method === "PATCH").length;
    const again = await (await queue.worker()).pass();
    expect(again).toMatchObject({ claimed: 0, ran: 0, failed: 0 });
    const patches = queue.emulator.requests.filter((request) => request.method === "PATCH").length;
    // Only the follow-up of the still-running re-run may be looked at; no ticket is written again.
    expect(patches).toBe(before);
  });
});
