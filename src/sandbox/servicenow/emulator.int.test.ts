import { afterEach, describe, expect, it } from "vitest";
import { startServiceNowEmulator, type ServiceNowEmulator } from "./server.js";

const GROUP_ID = "a".repeat(32);
const TICKET_ID = "b".repeat(32);
const AUTH = { Authorization: `Basic ${Buffer.from("agent:pw").toString("base64")}` };

let emulator: ServiceNowEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(): Promise<ServiceNowEmulator> {
  emulator = await startServiceNowEmulator({
    now: () => new Date("2025-03-10T12:00:00Z"),
    seed: {
      users: [{ user_name: "agent", name: "Agent", password: "pw" }],
      groups: [{ sys_id: GROUP_ID, name: "Data Lake Ops", members: ["agent"] }],
      incidents: [
        {
          sys_id: TICKET_ID,
          number: "INC0000001",
          fields: { short_description: "a", assignment_group: "Data Lake Ops" },
        },
        { number: "INC0000002", fields: { short_description: "b", state: "2" } },
      ],
    },
  });
  return emulator;
}

async function get(
  target: ServiceNowEmulator,
  path: string,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${target.url}${path}`, { headers: AUTH });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("ServiceNow emulator (raw Table API)", () => {
  it("ignores a query term on an unknown field, as an instance does, and returns every row", async () => {
    const target = await start();
    const narrowed = await get(target, "/api/now/table/incident?sysparm_query=state=2&sysparm_fields=number");
    expect(narrowed.body).toEqual({ result: [{ number: "INC0000002" }] });
    const widened = await get(target, "/api/now/table/incident?sysparm_query=stat=2&sysparm_fields=number,nope");
    expect(widened.body).toEqual({ result: [{ number: "INC0000001" }, { number: "INC0000002" }] });
    expect(widened.headers.get("x-total-count")).toBe("2");
  });

  it("renders references per sysparm_display_value and sysparm_exclude_reference_link", async () => {
    const target = await start();
    const path = `/api/now/table/incident/${TICKET_ID}?sysparm_fields=assignment_group,state`;
    const link = `${target.url}/api/now/table/sys_user_group/${GROUP_ID}`;
    expect((await get(target, path)).body).toEqual({
      result: { assignment_group: { link, value: GROUP_ID }, state: "1" },
    });
    expect((await get(target, `${path}&sysparm_display_value=true`)).body).toEqual({
      result: { assignment_group: { link, display_value: "Data Lake Ops" }, state: "New" },
    });
    expect((await get(target, `${path}&sysparm_display_value=true&sysparm_exclude_reference_link=true`)).body).toEqual({
      result: { assignment_group: "Data Lake Ops", state: "New" },
    });
    expect((await get(target, `${path}&sysparm_display_value=all`)).body).toEqual({
      result: {
        assignment_group: { display_value: "Data Lake Ops", link, value: GROUP_ID },
        state: { display_value: "New", value: "1" },
      },
    });
  });

  it("sends Link and X-Total-Count headers for a page", async () => {
    const target = await start();
    const page = await get(target, "/api/now/table/incident?sysparm_limit=1&sysparm_offset=0");
    expect(page.headers.get("x-total-count")).toBe("2");
    expect(page.headers.get("link")).toMatch(/<[^>]*sysparm_offset=1[^>]*>;rel="next"/);
    expect(page.headers.get("link")).not.toMatch(/rel="prev"/);
  });

  it("answers in the Table API's error shape", async () => {
    const target = await start();
    const anonymous = await fetch(`${target.url}/api/now/table/incident`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { message: "User Not Authenticated", detail: "Required to provide Auth information" },
      status: "failure",
    });
    expect(await get(target, "/api/now/table/nope")).toMatchObject({
      status: 400,
      body: { error: { message: "Invalid table nope" } },
    });
    expect(await get(target, `/api/now/table/incident/${"c".repeat(32)}`)).toMatchObject({
      status: 404,
      body: { error: { message: "No Record found" }, status: "failure" },
    });
    expect(await get(target, "/api/now/table/incident?sysparm_query=stateBETWEEN1@2")).toMatchObject({ status: 400 });
  });

  it("serves injected 429s with rate-limit headers, then 5xx, then real answers", async () => {
    const target = await start();
    target.faults.next429(1, 7);
    target.faults.next5xx(1, 503);
    const limited = await fetch(`${target.url}/api/now/table/incident`, { headers: AUTH });
    expect(limited.status).toBe(429);
    expect(
      Object.fromEntries(
        ["retry-after", "x-ratelimit-remaining", "x-ratelimit-reset"].map((h) => [h, limited.headers.get(h)]),
      ),
    ).toEqual({
      "retry-after": "7",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Date.parse("2025-03-10T12:00:07Z") / 1000),
    });
    expect((await fetch(`${target.url}/api/now/table/incident`, { headers: AUTH })).status).toBe(503);
    expect((await fetch(`${target.url}/api/now/table/incident`, { headers: AUTH })).status).toBe(200);
    expect(target.requests.map((r) => r.fault)).toEqual(["rate_limited", "server_error", null]);
  });

  it("skips a write that changes nothing: sys_mod_count stays", async () => {
    const target = await start();
    const patch = (body: unknown) =>
      fetch(`${target.url}/api/now/table/incident/${TICKET_ID}?sysparm_fields=sys_mod_count`, {
        method: "PATCH",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).then((response) => response.json());
    expect(await patch({ short_description: "a" })).toEqual({ result: { sys_mod_count: "0" } });
    expect(await patch({ short_description: "changed", unknown_field: "x" })).toEqual({
      result: { sys_mod_count: "1" },
    });
  });
});
