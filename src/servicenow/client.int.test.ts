import { afterEach, describe, expect, it } from "vitest";
import { startServiceNowEmulator, type ServiceNowEmulator } from "../sandbox/servicenow/server.js";
import type { ServiceNowSeedInput } from "../sandbox/servicenow/seed.js";
import { createServiceNowClient } from "./client.js";
import { readServiceNowCredentials, ServiceNowConfigSchema, type ServiceNowConfigInput } from "./config.js";
import { ServiceNowError } from "./errors.js";
import { tableQuery } from "./query.js";
import { fieldValue, type TicketSystemClient } from "./ticket-system.js";

const START = Date.parse("2025-03-10T12:00:00Z");
const GROUP_ID = "a".repeat(32);
const TICKET_ID = "b".repeat(32);
const BULK = 260;

const SEED: ServiceNowSeedInput = {
  seed: 42,
  users: [
    { user_name: "orchestrator", name: "Incident Orchestrator", password: "s3cret" },
    { user_name: "jane.doe", name: "Jane Doe", password: "hunter2" },
    { user_name: "oauth.app", name: "OAuth App User" },
  ],
  oauth_clients: [{ client_id: "orchestrator-client", client_secret: "client-secret", user_name: "oauth.app" }],
  groups: [{ sys_id: GROUP_ID, name: "Data Lake Ops", members: ["orchestrator", "jane.doe"] }],
  incidents: [
    {
      sys_id: TICKET_ID,
      number: "INC0000001",
      created_on: "2025-03-10 11:00:00",
      fields: { short_description: "Glue job payments-etl failed", assignment_group: "Data Lake Ops", state: "1" },
    },
    // Zero-padded numbers sort as created, so ORDERBYnumber pages are stable.
    ...Array.from({ length: BULK }, (_, i) => ({
      number: `INC1${String(i).padStart(6, "0")}`,
      created_on: new Date(START - (i + 1) * 60_000).toISOString(),
      fields: { short_description: `bulk ticket ${i}`, category: "bulk", state: String([1, 2, 3][i % 3]) },
    })),
  ],
};

interface Harness {
  emulator: ServiceNowEmulator;
  client: TicketSystemClient;
  sleeps: number[];
  clock: { ms: number };
}

let emulator: ServiceNowEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** One emulator and one client on a shared, injected clock; the client's sleeps advance it (no real waits). */
async function harness(
  overrides: Partial<ServiceNowConfigInput> = {},
  env: Record<string, string> = { SERVICENOW_USERNAME: "orchestrator", SERVICENOW_PASSWORD: "s3cret" },
): Promise<Harness> {
  const clock = { ms: START };
  emulator = await startServiceNowEmulator({ seed: SEED, now: () => new Date(clock.ms) });
  const client = clientFor(emulator, clock, overrides, env);
  return { emulator, client: client.client, sleeps: client.sleeps, clock };
}

function clientFor(
  target: ServiceNowEmulator,
  clock: { ms: number },
  overrides: Partial<ServiceNowConfigInput>,
  env: Record<string, string>,
  fetchImpl?: typeof fetch,
): { client: TicketSystemClient; sleeps: number[] } {
  const config = ServiceNowConfigSchema.parse({
    instance_url: target.url,
    auth: { kind: "basic" },
    rate_limit: { requests_per_second: 1000, burst: 1000 },
    ...overrides,
  });
  const sleeps: number[] = [];
  const client = createServiceNowClient({
    config,
    credentials: readServiceNowCredentials(config, env),
    now: () => new Date(clock.ms),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    sleep: (ms) => {
      sleeps.push(ms);
      clock.ms += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { client, sleeps };
}

const tableRequests = (target: ServiceNowEmulator) =>
  target.requests.filter((r) => r.path.startsWith("/api/now/table/"));

describe("ServiceNow client against the emulator", () => {
  it("pages through 260 rows with sysparm_limit/sysparm_offset until X-Total-Count", async () => {
    const { client, emulator } = await harness();
    const query = tableQuery("incident").where("category", "=", "bulk").orderBy("number").build();
    const result = await client.list("incident", { query, fields: ["number", "state"] });
    expect(result.total).toBe(BULK);
    expect(result.truncated).toBe(false);
    expect(result.records).toHaveLength(BULK);
    expect(new Set(result.records.map((r) => fieldValue(r, "number"))).size).toBe(BULK);
    expect(fieldValue(result.records[0] ?? {}, "number")).toBe("INC1000000");
    expect(fieldValue(result.records[BULK - 1] ?? {}, "number")).toBe(`INC1${String(BULK - 1).padStart(6, "0")}`);
    expect(Object.keys(result.records[0] ?? {}).sort()).toEqual(["number", "state"]);
    const pages = tableRequests(emulator).map((r) => [r.query.sysparm_offset, r.query.sysparm_limit]);
    expect(pages).toEqual([
      ["0", "100"],
      ["100", "100"],
      ["200", "100"],
    ]);
    expect(tableRequests(emulator)[0]?.query.sysparm_query).toBe("category=bulk^ORDERBYnumber");
  });

  it("stops at the row cap and says the list was truncated", async () => {
    const { client, emulator } = await harness();
    const query = tableQuery("incident").where("category", "=", "bulk").where("state", "IN", [1, 2]).build();
    const result = await client.list("incident", { query, maxRows: 150 });
    expect(result.total).toBe(174); // i % 3 in {0, 1} for i < 260
    expect(result.records).toHaveLength(150);
    expect(result.truncated).toBe(true);
    expect(tableRequests(emulator).map((r) => r.query.sysparm_limit)).toEqual(["100", "50"]);
  });

  it("honours 429 Retry-After through the injected sleep, then succeeds", async () => {
    const { client, emulator, sleeps } = await harness();
    emulator.faults.next429(2, 3);
    const record = await client.get("incident", TICKET_ID, { fields: ["number"] });
    expect(record && fieldValue(record, "number")).toBe("INC0000001");
    expect(sleeps).toEqual([3000, 3000]);
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("fails with the 429 when Retry-After is longer than allowed", async () => {
    const { client, emulator, sleeps } = await harness({ retry: { max_retry_after_s: 2 } });
    emulator.faults.next429(1, 3);
    const error = await client.get("incident", TICKET_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceNowError);
    expect(error).toMatchObject({ status: 429, retryAfterS: 3 });
    expect(sleeps).toEqual([]);
  });

  it("retries 502/503/504 with backoff but not a 500", async () => {
    const { client, emulator, sleeps } = await harness({ retry: { base_delay_ms: 100 } });
    emulator.faults.next5xx(1, 502);
    emulator.faults.next5xx(1, 503);
    emulator.faults.next5xx(1, 504);
    await client.get("incident", TICKET_ID);
    expect(sleeps).toEqual([75, 150, 300]);
    emulator.faults.next5xx(1, 500);
    const error = await client.get("incident", TICKET_ID).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ServiceNowError", status: 500 });
    expect(emulator.requests.map((r) => r.status)).toEqual([502, 503, 504, 200, 500]);
  });

  it("gives up after max_retries", async () => {
    const { client, emulator } = await harness({ retry: { max_retries: 2 } });
    emulator.faults.next5xx(5, 503);
    await expect(client.get("incident", TICKET_ID)).rejects.toMatchObject({ status: 503 });
    expect(emulator.requests).toHaveLength(3);
  });

  it("retries a read that timed out (AbortSignal.timeout)", async () => {
    const clock = { ms: START };
    emulator = await startServiceNowEmulator({ seed: SEED, now: () => new Date(clock.ms) });
    const config = ServiceNowConfigSchema.parse({
      instance_url: emulator.url,
      auth: { kind: "basic" },
      request_timeout_ms: 50,
    });
    let calls = 0;
    // The first request never answers: only the client's timeout ends it.
    const hangingOnce: typeof fetch = (input, init) => {
      calls += 1;
      if (calls > 1) return fetch(input, init);
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    };
    const client = createServiceNowClient({
      config,
      credentials: { kind: "basic", username: "orchestrator", password: "s3cret" },
      now: () => new Date(clock.ms),
      sleep: () => Promise.resolve(),
      fetch: hangingOnce,
    });
    const record = await client.get("incident", TICKET_ID, { fields: ["number"] });
    expect(record && fieldValue(record, "number")).toBe("INC0000001");
    expect(calls).toBe(2);
  });

  it("spaces requests by the client-side rate limit", async () => {
    const { client, sleeps } = await harness({ rate_limit: { requests_per_second: 4, burst: 1 } });
    for (let i = 0; i < 3; i++) await client.get("incident", TICKET_ID, { fields: ["number"] });
    expect(sleeps).toEqual([250, 250]);
  });

  it("authenticates with basic auth, and a bad password is a 401 that is not retried", async () => {
    const { client, emulator } = await harness();
    await client.get("incident", TICKET_ID);
    expect(emulator.requests[0]).toMatchObject({ status: 200, user: "orchestrator" });
    const bad = clientFor(
      emulator,
      { ms: START },
      {},
      { SERVICENOW_USERNAME: "orchestrator", SERVICENOW_PASSWORD: "wrong" },
    );
    const error = await bad.client.get("incident", TICKET_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceNowError);
    expect((error as ServiceNowError).message).toBe(
      `ServiceNow GET /api/now/table/incident/${TICKET_ID}: HTTP 401 — User Not Authenticated: Required to provide Auth information`,
    );
    expect((error as ServiceNowError).message).not.toContain("wrong");
    expect(emulator.requests.map((r) => r.status)).toEqual([200, 401]);
  });

  it("names an unset credential variable", async () => {
    const config = ServiceNowConfigSchema.parse({ instance_url: "https://example.invalid", auth: { kind: "basic" } });
    expect(() => readServiceNowCredentials(config, { SERVICENOW_USERNAME: "x" })).toThrow(
      /SERVICENOW_PASSWORD not set/,
    );
    expect(() =>
      ServiceNowConfigSchema.parse({ instance_url: "http://example.invalid", auth: { kind: "basic" } }),
    ).toThrow(/https/);
  });

  const OAUTH = { auth: { kind: "oauth_client_credentials" as const } };
  const OAUTH_ENV = { SERVICENOW_CLIENT_ID: "orchestrator-client", SERVICENOW_CLIENT_SECRET: "client-secret" };

  it("uses OAuth client credentials: one token, cached, replaced before it expires", async () => {
    const { client, emulator, clock } = await harness(OAUTH, OAUTH_ENV);
    await client.get("incident", TICKET_ID);
    await client.get("incident", TICKET_ID);
    expect(emulator.requests.map((r) => r.path.split("/")[1])).toEqual(["oauth_token.do", "api", "api"]);
    expect(emulator.requests[1]?.user).toBe("oauth.app");
    clock.ms += (1800 - 30) * 1000; // inside the 60 s refresh margin: still valid, but due for replacement
    await client.get("incident", TICKET_ID);
    expect(emulator.requests.map((r) => `${r.path.split("/")[1]} ${r.status}`)).toEqual([
      "oauth_token.do 200",
      "api 200",
      "api 200",
      "oauth_token.do 200",
      "api 200",
    ]);
  });

  it("replaces a token the instance refuses (401) once, then retries the request", async () => {
    const { client, emulator } = await harness(OAUTH, OAUTH_ENV);
    await client.get("incident", TICKET_ID);
    emulator.faults.revokeTokens(); // the cached token is still in date, but the instance no longer knows it
    await client.get("incident", TICKET_ID);
    expect(emulator.requests.map((r) => `${r.path.split("/")[1]} ${r.status}`)).toEqual([
      "oauth_token.do 200",
      "api 200",
      "api 401",
      "oauth_token.do 200",
      "api 200",
    ]);
  });

  it("gives up when the fresh token is refused too", async () => {
    const clock = { ms: START };
    emulator = await startServiceNowEmulator({ seed: SEED, now: () => new Date(clock.ms) });
    const target = emulator;
    // Every token is revoked as soon as it is issued: the instance never accepts one.
    const revoking: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith("/oauth_token.do")) target.faults.revokeTokens();
      return response;
    };
    const { client } = clientFor(target, clock, OAUTH, OAUTH_ENV, revoking);
    await expect(client.get("incident", TICKET_ID)).rejects.toMatchObject({ status: 401 });
    expect(target.requests.map((r) => `${r.path.split("/")[1]} ${r.status}`)).toEqual([
      "oauth_token.do 200",
      "api 401",
      "oauth_token.do 200",
      "api 401",
    ]);
  });

  it("reports a refused client secret", async () => {
    const { client, emulator } = await harness(OAUTH, { ...OAUTH_ENV, SERVICENOW_CLIENT_SECRET: "nope" });
    await expect(client.get("incident", TICKET_ID)).rejects.toThrow(
      "ServiceNow POST /oauth_token.do: HTTP 401 — server_error: access_denied",
    );
    expect(emulator.requests).toHaveLength(1);
  });

  it("refuses an unknown query, fields or write field before any request", async () => {
    const { client, emulator } = await harness();
    expect(() => tableQuery("incident").where("asignment_group" as "assignment_group", "=", GROUP_ID)).toThrow(
      /incident has no field "asignment_group"/,
    );
    await expect(client.list("incident", { fields: ["nuber" as "number"] })).rejects.toThrow(/no field "nuber"/);
    await expect(
      client.update("incident", TICKET_ID, { close_note: "x" } as unknown as { close_notes: string }),
    ).rejects.toThrow(/no field "close_note"/);
    await expect(client.get("incident", "../sys_user")).rejects.toThrow(/not a sys_id/);
    expect(emulator.requests).toHaveLength(0);
  });

  it("gets the instance's data-policy message when resolving without close fields", async () => {
    const { client, emulator } = await harness();
    const error = await client.update("incident", TICKET_ID, { state: "6" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceNowError);
    expect(error).toMatchObject({ status: 403, instanceMessage: "Operation Failed" });
    expect((error as ServiceNowError).detail).toMatch(/^Data Policy Exception: \n\tThe following fields are mandatory/);
    expect((error as ServiceNowError).message).toBe(
      `ServiceNow PATCH /api/now/table/incident/${TICKET_ID}: HTTP 403 — Operation Failed: Data Policy Exception: ` +
        "The following fields are mandatory: Resolution code, Resolution notes",
    );
    expect(emulator.requests).toHaveLength(1); // not retried
    const unchanged = await client.get("incident", TICKET_ID, { fields: ["state", "sys_mod_count"] });
    expect(unchanged).toEqual({ state: "1", sys_mod_count: "0" });
    const resolved = await client.update("incident", TICKET_ID, {
      state: "6",
      close_code: "Solution provided",
      close_notes: "Glue job re-run succeeded",
    });
    expect(fieldValue(resolved, "state")).toBe("6");
    expect(fieldValue(resolved, "resolved_at")).toBe("2025-03-10 12:00:00");
  });

  it("compare-before-write: refuses to write when sys_mod_count moved", async () => {
    const { client, emulator, clock } = await harness();
    const before = await client.get("incident", TICKET_ID, { fields: ["sys_mod_count"] });
    expect(before).toEqual({ sys_mod_count: "0" });
    const other = clientFor(emulator, clock, {}, { SERVICENOW_USERNAME: "jane.doe", SERVICENOW_PASSWORD: "hunter2" });
    await other.client.update("incident", TICKET_ID, { assigned_to: "jane.doe", state: "2" });
    const patchesBefore = emulator.requests.filter((r) => r.method === "PATCH").length;
    const result = await client.updateIfUnchanged("incident", TICKET_ID, 0, { assigned_to: "orchestrator" });
    expect(result).toEqual({ outcome: "conflict", expectedModCount: 0, actualModCount: 1 });
    expect(emulator.requests.filter((r) => r.method === "PATCH")).toHaveLength(patchesBefore);
    const current = await client.get("incident", TICKET_ID, { fields: ["assigned_to.user_name"] });
    expect(current).toEqual({ "assigned_to.user_name": "jane.doe" });

    const claimed = await client.updateIfUnchanged(
      "incident",
      TICKET_ID,
      1,
      { assigned_to: "orchestrator" },
      {
        fields: ["assigned_to"],
        displayValue: "true",
      },
    );
    expect(claimed).toEqual({
      outcome: "updated",
      record: { assigned_to: "Incident Orchestrator", sys_mod_count: "2" },
      concurrentWrite: false,
    });
    expect(await client.updateIfUnchanged("incident", "c".repeat(32), 0, { state: "2" })).toEqual({
      outcome: "not_found",
    });
  });

  it("writes work notes and comments as journal entries attributed to the user, bumping sys_mod_count", async () => {
    const { client, clock } = await harness();
    clock.ms += 5 * 60_000;
    const updated = await client.update("incident", TICKET_ID, {
      work_notes: "Claimed by the incident orchestrator",
      comments: "We are looking into it",
    });
    expect(fieldValue(updated, "sys_mod_count")).toBe("1");
    expect(fieldValue(updated, "sys_updated_on")).toBe("2025-03-10 12:05:00");
    expect(fieldValue(updated, "sys_updated_by")).toBe("orchestrator");
    const query = tableQuery("sys_journal_field").where("element_id", "=", TICKET_ID).orderBy("element").build();
    const journal = await client.list("sys_journal_field", {
      query,
      fields: ["element", "value", "name", "sys_created_by", "sys_created_on"],
    });
    expect(journal.records).toEqual([
      {
        element: "comments",
        value: "We are looking into it",
        name: "incident",
        sys_created_by: "orchestrator",
        sys_created_on: "2025-03-10 12:05:00",
      },
      {
        element: "work_notes",
        value: "Claimed by the incident orchestrator",
        name: "incident",
        sys_created_by: "orchestrator",
        sys_created_on: "2025-03-10 12:05:00",
      },
    ]);
  });

  it("attributes an OAuth client's work note to its application user", async () => {
    const { client } = await harness(OAUTH, OAUTH_ENV);
    await client.update("incident", TICKET_ID, { work_notes: "note over OAuth" });
    const query = tableQuery("sys_journal_field")
      .where("element_id", "=", TICKET_ID)
      .where("element", "=", "work_notes")
      .build();
    const journal = await client.list("sys_journal_field", { query, fields: ["sys_created_by", "value"] });
    expect(journal.records).toEqual([{ sys_created_by: "oauth.app", value: "note over OAuth" }]);
  });

  it("reads display values and choices", async () => {
    const { client } = await harness();
    const record = await client.get("incident", TICKET_ID, {
      fields: ["state", "assignment_group"],
      displayValue: "all",
    });
    expect(record).toEqual({
      state: { display_value: "New", value: "1" },
      assignment_group: { display_value: "Data Lake Ops", value: GROUP_ID },
    });
    const codes = await client.list("sys_choice", {
      query: tableQuery("sys_choice").where("name", "=", "incident").where("element", "=", "close_code").build(),
      fields: ["value"],
    });
    expect(codes.records.map((r) => fieldValue(r, "value"))).toContain("Solution provided");
    expect(await client.get("incident", "c".repeat(32))).toBeUndefined();
  });

  it("creates an incident (POST)", async () => {
    const { client } = await harness();
    const created = await client.create("incident", {
      short_description: "Athena query failed",
      assignment_group: GROUP_ID,
    });
    expect(fieldValue(created, "number")).toMatch(/^INC\d{7}$/);
    expect(fieldValue(created, "state")).toBe("1");
    expect(fieldValue(created, "sys_created_by")).toBe("orchestrator");
  });
});
