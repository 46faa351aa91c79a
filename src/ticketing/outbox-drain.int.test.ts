/**
 * The outbox against the ServiceNow emulator over HTTP: a write that fails while the instance is
 * down stays queued and goes out on a later pass, once; a sender that died after its PATCH (so
 * never marked the entry sent) is replayed without a second note; entries of one ticket go in order.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startServiceNowEmulator, type ServiceNowEmulator } from "../sandbox/servicenow/server.js";
import { createServiceNowClient } from "../servicenow/client.js";
import { tableQuery } from "../servicenow/query.js";
import { fieldValue, type TicketSystemClient } from "../servicenow/ticket-system.js";
import { memoryOutbox } from "../store/memory-outbox.js";
import type { TicketOutbox } from "../store/types.js";
import { ServeConfigSchema, type ServeConfig } from "./config.js";
import type { Directory } from "./directory.js";
import { markerFor } from "./marker.js";
import { drainOutbox, type DrainContext } from "./outbox-drain.js";

const SYS_ID = "0123456789abcdef0123456789abcdef";
const T0 = new Date("2026-11-23T05:00:00Z");

let emulator: ServiceNowEmulator;
let client: TicketSystemClient;
let clock: Date;
let config: ServeConfig;
const directory: Directory = { agent: { sys_id: "agent", user_name: "incident.orchestrator" }, groups: new Map() };

beforeEach(async () => {
  clock = T0;
  emulator = await startServiceNowEmulator({
    seed: {
      users: [{ user_name: "incident.orchestrator", password: "pw-for-tests-only" }],
      groups: [{ name: "Data Platform On-Call", members: ["incident.orchestrator"] }],
      incidents: [
        {
          sys_id: SYS_ID,
          number: "INC0010001",
          fields: { short_description: "Glue job x failed", state: "2", assignment_group: "Data Platform On-Call" },
        },
      ],
    },
  });
  config = ServeConfigSchema.parse({
    // No client retries: each drain's attempt is one request, so the test counts what it injects.
    servicenow: { instance_url: emulator.url, auth: { kind: "basic" }, retry: { max_retries: 0 } },
    outbox: { base_delay_ms: 1_000, max_delay_ms: 60_000, lease_ms: 30_000 },
  });
  client = createServiceNowClient({
    config: config.servicenow,
    credentials: { kind: "basic", username: "incident.orchestrator", password: "pw-for-tests-only" },
    now: () => clock,
  });
});

afterEach(async () => {
  await emulator.close();
});

const contextFor = (outbox: TicketOutbox): DrainContext => ({
  client,
  outbox,
  config,
  directory,
  followUp: async () => null,
  now: () => clock,
  random: () => 0.5,
});

const note = (key: string, text: string) => ({
  key,
  thread_id: "thread-1",
  sys_id: SYS_ID,
  kind: "outcome",
  payload: { type: "patch", fields: { work_notes: `${text}\n\n${markerFor(key)}` } },
});

async function notes(): Promise<string[]> {
  const { records } = await client.list("sys_journal_field", {
    query: tableQuery("sys_journal_field").where("element_id", "=", SYS_ID).orderBy("sys_created_on").build(),
  });
  return records.map((record) => fieldValue(record, "value") ?? "");
}

describe("drainOutbox", () => {
  it("keeps a write queued while the instance is down and sends it, once, on a later pass", async () => {
    const outbox = memoryOutbox(() => clock);
    await outbox.enqueue([note("thread-1:done", "Escalated.")]);
    emulator.faults.next5xx(1, 503);
    expect(await drainOutbox(contextFor(outbox))).toEqual({ sent: 0, failed: 1, waiting: 0 });
    const queued = await outbox.get("thread-1:done");
    expect(queued).toMatchObject({ state: "pending", attempts: 1 });
    expect(queued?.last_error).toMatch(/HTTP 503/);
    expect(await notes()).toEqual([]);

    // Not due before its backoff (0.5 s to 1 s after the failure), due after.
    expect(await drainOutbox(contextFor(outbox))).toEqual({ sent: 0, failed: 0, waiting: 0 });
    clock = new Date(T0.getTime() + 1_000);
    expect(await drainOutbox(contextFor(outbox))).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(await notes()).toHaveLength(1);
    expect((await outbox.get("thread-1:done"))?.state).toBe("sent");
  });

  it("honours a 429's Retry-After before trying again", async () => {
    const outbox = memoryOutbox(() => clock);
    await outbox.enqueue([note("thread-1:done", "Escalated.")]);
    emulator.faults.next429(1, 120);
    await drainOutbox(contextFor(outbox));
    const queued = await outbox.get("thread-1:done");
    expect(Date.parse(queued?.next_attempt_at ?? "")).toBe(T0.getTime() + 120_000);
  });

  it("replays a sender that died after its PATCH without a second note", async () => {
    const real = memoryOutbox(() => clock);
    await real.enqueue([note("thread-1:done", "Escalated.")]);
    // The sender dies between the PATCH and marking the entry sent.
    const dying: TicketOutbox = {
      ...real,
      markSent: async () => {
        throw new Error("process killed");
      },
      markFailed: async () => {
        throw new Error("process killed");
      },
    };
    await expect(drainOutbox(contextFor(dying))).rejects.toThrow("process killed");
    expect(await notes()).toHaveLength(1);
    expect((await real.get("thread-1:done"))?.lease_until).not.toBeNull();

    // Another sender, once the lease has passed: it finds the marker and writes nothing.
    clock = new Date(T0.getTime() + 30_000);
    const before = emulator.requests.filter((request) => request.method === "PATCH").length;
    expect(await drainOutbox(contextFor(real))).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(emulator.requests.filter((request) => request.method === "PATCH").length).toBe(before);
    expect(await notes()).toHaveLength(1);
  });

  it("sends a ticket's writes in order, a later one never before an earlier one that fails", async () => {
    const outbox = memoryOutbox(() => clock);
    await outbox.enqueue([note("thread-1:claim", "Claimed."), note("thread-1:done", "Escalated.")]);
    emulator.faults.next5xx(1, 502);
    expect(await drainOutbox(contextFor(outbox))).toMatchObject({ sent: 0, failed: 1 });
    expect((await outbox.get("thread-1:done"))?.attempts).toBe(0);
    clock = new Date(T0.getTime() + 1_000);
    expect(await drainOutbox(contextFor(outbox))).toMatchObject({ sent: 2, failed: 0 });
    const written = await notes();
    expect(written.map((text) => text.split("\n")[0])).toEqual(["Claimed.", "Escalated."]);
  });
});
