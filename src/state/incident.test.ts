import { describe, expect, it } from "vitest";
import { describeZodError } from "../errors.js";
import { STATE_FIELD_CHARS, STATE_RECORD_CHARS } from "../safety/state-cap.js";
import { IncidentSchema } from "./incident.js";

const base = { sys_id: "abc", short_description: "Glue job SPENDING_POTS failed" };

function errorOf(input: unknown): string {
  const parsed = IncidentSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the incident to be rejected");
  return describeZodError("incident", parsed.error);
}

describe("IncidentSchema bounds", () => {
  it("rejects deep additional_info with the field's path", () => {
    let deep: unknown = "x";
    for (let level = 0; level < 2_000; level += 1) deep = [deep];
    expect(errorOf({ ...base, additional_info: { x: deep } })).toMatch(
      /^incident\.additional_info\.x\[0\]\[0\].*: nested deeper than 32 levels$/,
    );
  });

  it("rejects a lone surrogate in sys_id, a NUL in a loose field and a 10 MB description", () => {
    expect(errorOf({ ...base, sys_id: "\ud800abc" })).toBe(
      "incident.sys_id: string is not well-formed Unicode (a lone surrogate at character 0)",
    );
    expect(errorOf({ ...base, u_notes: "a\u0000" })).toMatch(/^incident\.u_notes: string contains a NUL/);
    expect(errorOf({ ...base, description: "y".repeat(10_000_000) })).toMatch(
      /^incident\.description: string of 10000000/,
    );
    expect(errorOf({ ...base, sys_id: "s".repeat(300) })).toBe(
      "incident.sys_id: sys_id must be at most 256 characters",
    );
  });

  it("keeps what state holds small: long fields cut with a marker, the whole bounded", () => {
    const big = {
      ...base,
      description: "d".repeat(250_000),
      additional_info: { log: "l".repeat(250_000), more: "m".repeat(250_000) },
      u_work_notes: "w".repeat(150_000),
    };
    const incident = IncidentSchema.parse(big);
    expect(incident.sys_id).toBe("abc");
    expect(incident.short_description).toBe(base.short_description);
    expect(incident.description?.length).toBeLessThanOrEqual(STATE_FIELD_CHARS);
    expect(incident.description).toMatch(/… \[truncated \d+ chars\]$/);
    expect(JSON.stringify(incident).length).toBeLessThanOrEqual(STATE_RECORD_CHARS);
    // Parsing what state holds again (the graph validates its input) changes nothing.
    expect(IncidentSchema.parse(incident)).toEqual(incident);
  });

  it("leaves an ordinary incident exactly as it is", () => {
    const incident = { ...base, additional_info: { dag_id: "daily_sales" }, priority: 2, u_extra: ["a"] };
    expect(IncidentSchema.parse(incident)).toEqual(incident);
  });
});
