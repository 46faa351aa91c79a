import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { IncidentSchema } from "../../state/incident.js";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";
import { ticketSeedFor } from "./ticket-seed.js";

const NOW = "2026-11-23T05:36:10Z";
const incident = IncidentSchema.parse(
  JSON.parse(
    readFileSync(new URL("../../../examples/incidents/glue-timeout-rerun-succeeds.json", import.meta.url), "utf8"),
  ),
);
const AGENT = { Authorization: `Basic ${Buffer.from("svc.orchestrator:agent-password").toString("base64")}` };

const scenario: ScenarioInput = {
  now: NOW,
  servicenow: {
    users: [
      { user_name: "svc.orchestrator", name: "Incident Orchestrator", password: "agent-password" },
      { user_name: "jane.doe", name: "Jane Doe" },
    ],
    oauth_clients: [
      { client_id: "orchestrator-client", client_secret: "client-secret", user_name: "svc.orchestrator" },
    ],
    groups: [
      { name: "Data Platform On-Call", members: ["svc.orchestrator", "jane.doe"] },
      { name: "Data Platform Approvers", members: ["jane.doe"] },
    ],
    incidents: [ticketSeedFor(incident)],
  },
};

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("the scenario's servicenow section", () => {
  it("starts the ServiceNow emulator beside the AWS sandbox, on its clock", async () => {
    sandbox = await startSandbox({ scenario });
    const servicenow = sandbox.servicenow;
    if (!servicenow) throw new Error("the sandbox has no ServiceNow emulator");
    expect(servicenow.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(servicenow.url).not.toBe(sandbox.endpoint);
    expect(sandbox.env()).toMatchObject({
      SERVICENOW_INSTANCE_URL: servicenow.url,
      AWS_ENDPOINT_URL: sandbox.endpoint,
    });

    const query = new URLSearchParams({ sysparm_query: `number=${incident.number}`, sysparm_display_value: "true" });
    const response = await fetch(`${servicenow.url}/api/now/table/incident?${query}`, { headers: AGENT });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: Record<string, unknown>[] };
    expect(body.result).toHaveLength(1);
    expect(body.result[0]).toMatchObject({
      sys_id: incident.sys_id,
      number: incident.number,
      short_description: incident.short_description,
      priority: "2 - High",
      state: "New",
      opened_at: "2026-11-23 05:31:09",
      assignment_group: { display_value: "Data Platform On-Call" },
    });
    expect(servicenow.requests.at(-1)).toMatchObject({ status: 200, user: "svc.orchestrator", fault: null });

    // Rows seeded without a creation time are created at the scenario's now, not the real one.
    const groups = await fetch(`${servicenow.url}/api/now/table/sys_user_group?sysparm_fields=sys_created_on`, {
      headers: AGENT,
    });
    const created = ((await groups.json()) as { result: { sys_created_on: string }[] }).result[0]?.sys_created_on;
    expect(Math.abs(Date.parse(`${created?.replace(" ", "T")}Z`) - Date.parse(NOW))).toBeLessThan(60_000);

    servicenow.faults.next5xx(1, 503);
    expect((await fetch(`${servicenow.url}/api/now/table/incident`, { headers: AGENT })).status).toBe(503);
  });

  it("leaves ServiceNow out when the scenario has no section", async () => {
    sandbox = await startSandbox({ scenario: { now: NOW } });
    expect(sandbox.servicenow).toBeUndefined();
    expect(sandbox.env()).not.toHaveProperty("SERVICENOW_INSTANCE_URL");
  });

  it("closes both servers in close()", async () => {
    const started = await startSandbox({ scenario });
    const url = started.servicenow?.url ?? "";
    expect((await fetch(`${url}/api/now/table/incident`, { headers: AGENT })).status).toBe(200);
    await started.close();
    await expect(fetch(`${url}/api/now/table/incident`, { headers: AGENT })).rejects.toThrow();
    await expect(fetch(`${started.endpoint}/`)).rejects.toThrow();
  });

  it("refuses a seed whose incident names a group it does not have", async () => {
    const broken: ScenarioInput = { now: NOW, servicenow: { incidents: [ticketSeedFor(incident)] } };
    await expect(startSandbox({ scenario: broken })).rejects.toThrow(/no sys_user_group named Data Platform On-Call/);
  });
});
