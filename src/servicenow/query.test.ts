import { describe, expect, it } from "vitest";
import { relativeDate, tableQuery } from "./query.js";
import { UnknownFieldError } from "./tables.js";

describe("tableQuery", () => {
  it("builds the seed's intake query: group, New or In Progress, created within a window, oldest first", () => {
    const query = tableQuery("incident")
      .where("assignment_group.name", "=", "Data Lake Ops")
      .where("state", "IN", [1, 2])
      .where("sys_created_on", ">=", relativeDate.hoursAgoStart(24))
      .orderBy("sys_created_on")
      .build();
    expect(query).toEqual({
      table: "incident",
      encoded:
        "assignment_group.name=Data Lake Ops^stateIN1,2^sys_created_on>=javascript:gs.hoursAgoStart(24)^ORDERBYsys_created_on",
    });
  });

  it("joins ^OR to the condition before it and starts ^NQ queries", () => {
    const encoded = tableQuery("incident")
      .where("state", "=", 1)
      .or("state", "=", 2)
      .where("assigned_to", "ISEMPTY")
      .newQuery()
      .where("number", "STARTSWITH", "INC")
      .orderByDesc("number")
      .build().encoded;
    expect(encoded).toBe("state=1^ORstate=2^assigned_toISEMPTY^NQnumberSTARTSWITHINC^ORDERBYDESCnumber");
  });

  it("writes dates in the Table API's format and relative dates as gs calls", () => {
    const encoded = tableQuery("incident")
      .where("sys_created_on", "<", new Date("2025-03-01T10:00:00Z"))
      .where("sys_created_on", ">=", relativeDate.daysAgoStart(1))
      .or("sys_created_on", ">=", relativeDate.minutesAgoStart(5))
      .or("sys_created_on", ">=", relativeDate.beginningOfToday())
      .build().encoded;
    expect(encoded).toBe(
      "sys_created_on<2025-03-01 10:00:00^sys_created_on>=javascript:gs.daysAgoStart(1)" +
        "^ORsys_created_on>=javascript:gs.minutesAgoStart(5)^ORsys_created_on>=javascript:gs.beginningOfToday()",
    );
  });

  it("refuses a field the table does not have, naming it", () => {
    const builder = tableQuery("incident");
    // A field name from config is a string: the types cannot catch it, the check must.
    const fromConfig = "asignment_group" as "assignment_group";
    expect(() => builder.where(fromConfig, "=", "x")).toThrow(UnknownFieldError);
    expect(() => builder.where(fromConfig, "=", "x")).toThrow(/incident has no field "asignment_group"/);
    expect(() => builder.orderBy("nope" as "number")).toThrow(/no field "nope"/);
    expect(() => builder.where("assignment_group.nam" as "assignment_group", "=", "x")).toThrow(
      /sys_user_group has no field "nam" \(in "assignment_group.nam"\)/,
    );
    expect(() => builder.where("number.x" as "number", "=", "x")).toThrow(/not a reference field/);
    expect(() => builder.where("work_notes", "LIKE", "x")).toThrow(/journal field/);
  });

  it("refuses values that would add terms of their own", () => {
    const builder = tableQuery("incident");
    expect(() => builder.where("short_description", "=", "x^ORstate=6")).toThrow(/may not contain "\^"/);
    expect(() => builder.where("state", "IN", ["1,6"])).toThrow(/may not contain ","/);
    expect(() => builder.where("short_description", "=", "a\nb")).toThrow(/may not contain/);
    expect(() => builder.where("sys_created_on", ">=", "javascript:gs.daysAgoStart(1)")).toThrow(/relativeDate/);
    expect(() => builder.where("state", "IN", [])).toThrow(/non-empty list/);
    expect(() => relativeDate.daysAgoStart(-1)).toThrow(RangeError);
  });

  it("refuses an OR or NQ with nothing before it", () => {
    expect(() => tableQuery("incident").or("state", "=", 1)).toThrow(/no condition/);
    expect(() => tableQuery("incident").newQuery()).toThrow(/empty/);
    expect(() => tableQuery("incident").where("state", "=", 1).newQuery().build()).toThrow(/newQuery/);
  });

  it("is immutable: a builder can be extended twice", () => {
    const base = tableQuery("sys_choice").where("name", "=", "incident");
    expect(base.where("element", "=", "close_code").build().encoded).toBe("name=incident^element=close_code");
    expect(base.build().encoded).toBe("name=incident");
  });
});
