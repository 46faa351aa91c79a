import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IncidentSchema, type Incident } from "../../state/incident.js";
import { InstanceRecords } from "./records.js";
import { ServiceNowSeedSchema } from "./seed.js";
import { fieldOf } from "./tables.js";
import { ticketSeedFor } from "./ticket-seed.js";

const EXAMPLES = new URL("../../../examples/incidents/", import.meta.url);
const examples: [string, Incident][] = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => [file, IncidentSchema.parse(JSON.parse(readFileSync(new URL(file, EXAMPLES), "utf8")))]);

const incident = (fields: Record<string, unknown>): Incident =>
  IncidentSchema.parse({ sys_id: "e35329f574f3d7860377a8bddfd2d35e", short_description: "a ticket", ...fields });

describe("ticketSeedFor", () => {
  it("finds the example incidents", () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples)("maps %s to a seed the emulator accepts", (_file, example) => {
    const entry = ticketSeedFor(example);
    const groups = example.assignment_group ? [{ name: example.assignment_group }] : [];
    const seed = ServiceNowSeedSchema.parse({ groups, incidents: [entry] });
    // The schema checks shapes only; loading the seed checks every field exists and the group resolves.
    expect(() => new InstanceRecords(seed, () => new Date("2026-11-23T12:00:00Z"))).not.toThrow();
    for (const name of Object.keys(entry.fields ?? {})) expect(fieldOf("incident", name), name).toBeDefined();
    expect(entry).toMatchObject({ sys_id: example.sys_id, number: example.number });
    expect(entry.fields).toMatchObject({ short_description: example.short_description, state: "1" });
  });

  it("is deterministic", () => {
    for (const [, example] of examples) expect(ticketSeedFor(example)).toEqual(ticketSeedFor(example));
    const odd = incident({ sys_id: "CASE-42", number: undefined });
    expect(ticketSeedFor(odd)).toEqual(ticketSeedFor(odd));
  });

  it("maps the fields of a ticket the instance would hold", () => {
    const entry = ticketSeedFor(
      incident({
        number: "INC0012345",
        description: "Job name: SPENDING_POTS",
        category: "Data Platform",
        subcategory: "AWS Glue",
        priority: "2 - High",
        cmdb_ci: "Glue Job - SPENDING_POTS",
        additional_info: { source: "aws.glue", detail: { state: "TIMEOUT" } },
        assignment_group: "Data Platform",
        opened_at: "2026-11-23T06:31:09+01:00",
      }),
      { state: "2" },
    );
    expect(entry).toEqual({
      sys_id: "e35329f574f3d7860377a8bddfd2d35e",
      number: "INC0012345",
      created_on: "2026-11-23 05:31:09",
      fields: {
        short_description: "a ticket",
        description: "Job name: SPENDING_POTS",
        category: "Data Platform",
        subcategory: "AWS Glue",
        priority: "2",
        cmdb_ci: "Glue Job - SPENDING_POTS",
        additional_info: '{"source":"aws.glue","detail":{"state":"TIMEOUT"}}',
        assignment_group: "Data Platform",
        state: "2",
        opened_at: "2026-11-23 05:31:09",
      },
    });
  });

  it("derives a hex sys_id and a number when the incident has none usable, keeping the original id", () => {
    const entry = ticketSeedFor(incident({ sys_id: "CASE-42" }));
    expect(entry.sys_id).toMatch(/^[0-9a-f]{32}$/);
    expect(entry.number).toMatch(/^INC\d{7}$/);
    expect(entry.fields).toMatchObject({ correlation_id: "CASE-42" });
    expect(ticketSeedFor(incident({ sys_id: "CASE-43" })).sys_id).not.toBe(entry.sys_id);
    // Upper-case hex is not a sys_id an instance issues: derived too.
    expect(ticketSeedFor(incident({ sys_id: "E35329F574F3D7860377A8BDDFD2D35E" })).sys_id).not.toMatch(/[A-F]/);
    // A number the instance would not accept gets the derived one.
    expect(ticketSeedFor(incident({ number: "case 7" })).number).toMatch(/^INC\d{7}$/);
    expect(ServiceNowSeedSchema.safeParse({ incidents: [entry] }).success).toBe(true);
  });

  it("leaves out what the instance's fields cannot hold, and honours createdOn", () => {
    const entry = ticketSeedFor(incident({ priority: "urgent", opened_at: "yesterday" }), {
      createdOn: "2026-11-23 05:00:00",
    });
    expect(entry.fields).not.toHaveProperty("priority");
    expect(entry.fields).not.toHaveProperty("opened_at");
    expect(entry.fields).not.toHaveProperty("correlation_id");
    expect(entry.created_on).toBe("2026-11-23 05:00:00");
    expect(ticketSeedFor(incident({ priority: 3 })).fields).toMatchObject({ priority: "3" });
    expect(ticketSeedFor(incident({})).created_on).toBeUndefined();
  });
});
