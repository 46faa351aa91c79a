import { describe, expect, it } from "vitest";
import { ticketFromRecord } from "./ticket.js";

const both = (value: string, display_value = value) => ({ value, display_value });

describe("ticketFromRecord", () => {
  it("reads raw values for codes and display values for what a person reads", () => {
    const ticket = ticketFromRecord({
      sys_id: both("0123456789abcdef0123456789abcdef"),
      number: both("INC0010001"),
      short_description: both("Glue job X failed"),
      description: both(""),
      state: both("2", "In Progress"),
      sys_mod_count: both("3"),
      priority: both("2", "2 - High"),
      assignment_group: both("f".repeat(32), "Data Platform On-Call"),
      assigned_to: both(""),
      additional_info: both('{"job_name":"X"}'),
      opened_at: both("2026-11-23 05:31:09", "2026-11-23 05:31:09"),
    });
    expect(ticket).toEqual({
      sys_id: "0123456789abcdef0123456789abcdef",
      number: "INC0010001",
      state: "2",
      mod_count: 3,
      assigned_to: "",
      incident: {
        sys_id: "0123456789abcdef0123456789abcdef",
        number: "INC0010001",
        short_description: "Glue job X failed",
        priority: "2 - High",
        assignment_group: "Data Platform On-Call",
        opened_at: "2026-11-23 05:31:09",
        additional_info: { job_name: "X" },
      },
    });
  });

  it("keeps additional_info that is not a JSON object as text", () => {
    const ticket = ticketFromRecord({ sys_id: "s", short_description: "x", additional_info: "{not json" });
    expect(ticket.incident.additional_info).toBe("{not json");
    expect(ticket.mod_count).toBe(0);
  });
});
