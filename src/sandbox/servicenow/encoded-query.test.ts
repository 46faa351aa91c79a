import { describe, expect, it } from "vitest";
import { parseEncodedQuery } from "./encoded-query.js";
import { matchesQuery, orderRows, UnsupportedQueryError, type FieldReader, type Row } from "./query-match.js";
import { evaluateRelativeDate } from "./relative-dates.js";
import type { FieldType } from "./tables.js";

const TYPES: Record<string, FieldType> = {
  number: "string",
  state: "integer",
  short_description: "string",
  assigned_to: "reference",
  sys_created_on: "glide_date_time",
};
const read: FieldReader = (row, path) => (TYPES[path] ? { type: TYPES[path], value: row[path] ?? "" } : undefined);

const NOW = new Date("2025-03-10T12:34:56Z");
const rows: Row[] = [
  {
    number: "INC1",
    state: "1",
    short_description: "Glue job failed",
    assigned_to: "",
    sys_created_on: "2025-03-10 12:00:00",
  },
  {
    number: "INC2",
    state: "2",
    short_description: "DAG stuck",
    assigned_to: "a1",
    sys_created_on: "2025-03-09 08:00:00",
  },
  {
    number: "INC3",
    state: "6",
    short_description: "glue timeout",
    assigned_to: "a2",
    sys_created_on: "2025-03-01 00:00:00",
  },
  { number: "INC10", state: "10", short_description: "Athena", assigned_to: "", sys_created_on: "2025-03-10 12:34:30" },
];
const select = (query: string): string[] =>
  rows.filter((row) => matchesQuery(parseEncodedQuery(query), row, read, NOW)).map((row) => row.number as string);

describe("parseEncodedQuery", () => {
  it("groups ^OR with the condition before it and ^ as AND", () => {
    expect(parseEncodedQuery("state=1^ORstate=2^short_descriptionLIKEglue")).toEqual({
      queries: [
        [
          [
            { field: "state", operator: "=", value: "1" },
            { field: "state", operator: "=", value: "2" },
          ],
          [{ field: "short_description", operator: "LIKE", value: "glue" }],
        ],
      ],
      orderBy: [],
      unparsed: [],
    });
  });

  it("reads every operator, the longest first", () => {
    const operators = [
      "state!=1",
      "stateIN1,2",
      "stateNOT IN1,2",
      "state>=1",
      "state<=1",
      "state>1",
      "state<1",
      "numberLIKEx",
      "numberNOT LIKEx",
      "numberSTARTSWITHx",
      "numberENDSWITHx",
      "assigned_toISEMPTY",
      "assigned_toISNOTEMPTY",
    ].map((term) => parseEncodedQuery(term).queries[0]?.[0]?.[0]?.operator);
    expect(operators).toEqual([
      "!=",
      "IN",
      "NOT IN",
      ">=",
      "<=",
      ">",
      "<",
      "LIKE",
      "NOT LIKE",
      "STARTSWITH",
      "ENDSWITH",
      "ISEMPTY",
      "ISNOTEMPTY",
    ]);
  });

  it("splits ^NQ queries, reads ORDERBY/ORDERBYDESC anywhere and reports unknown terms", () => {
    const parsed = parseEncodedQuery("ORDERBYDESCsys_created_on^state=1^NQstate=2^ORDERBYnumber^EQ^stateBETWEEN1@2");
    expect(parsed.queries).toHaveLength(2);
    expect(parsed.orderBy).toEqual([
      { field: "sys_created_on", descending: true },
      { field: "number", descending: false },
    ]);
    expect(parsed.unparsed).toEqual(["stateBETWEEN1@2"]);
  });

  it("keeps '=' inside a value", () => {
    expect(parseEncodedQuery("short_description=a=b").queries[0]?.[0]?.[0]?.value).toBe("a=b");
  });
});

describe("matchesQuery", () => {
  it("applies AND, OR and NQ as an instance does", () => {
    expect(select("state=1^ORstate=2")).toEqual(["INC1", "INC2"]);
    expect(select("state=1^ORstate=2^short_descriptionLIKEglue")).toEqual(["INC1"]);
    expect(select("state=6^NQstate=2")).toEqual(["INC2", "INC3"]);
  });

  it("compares integers as numbers, strings case-insensitively", () => {
    expect(select("state>2")).toEqual(["INC3", "INC10"]);
    expect(select("state<=2")).toEqual(["INC1", "INC2"]);
    expect(select("stateIN1,10")).toEqual(["INC1", "INC10"]);
    expect(select("stateNOT IN1,10")).toEqual(["INC2", "INC3"]);
    expect(select("short_descriptionSTARTSWITHGLUE")).toEqual(["INC1", "INC3"]);
    expect(select("short_description=dag STUCK")).toEqual(["INC2"]);
    expect(select("state!=6")).toEqual(["INC1", "INC2", "INC10"]);
  });

  it("tells empty from non-empty", () => {
    expect(select("assigned_toISEMPTY")).toEqual(["INC1", "INC10"]);
    expect(select("assigned_toISNOTEMPTY")).toEqual(["INC2", "INC3"]);
  });

  it("ignores a condition on a field the table lacks, returning more rows (as an instance does)", () => {
    expect(select("stat=1")).toEqual(["INC1", "INC2", "INC3", "INC10"]);
    expect(select("stat=1^state=2")).toEqual(["INC2"]);
  });

  it("evaluates relative dates against the clock", () => {
    expect(select("sys_created_on>=javascript:gs.beginningOfToday()")).toEqual(["INC1", "INC10"]);
    expect(select("sys_created_on>=javascript:gs.daysAgoStart(1)")).toEqual(["INC1", "INC2", "INC10"]);
    expect(select("sys_created_on>=javascript:gs.hoursAgoStart(0)")).toEqual(["INC1", "INC10"]);
    expect(select("sys_created_on>=javascript:gs.minutesAgoStart(0)")).toEqual(["INC10"]);
    expect(select("sys_created_on<2025-03-09 08:00:01")).toEqual(["INC2", "INC3"]);
  });

  it("refuses a script it cannot evaluate instead of guessing", () => {
    expect(() => select("sys_created_on>=javascript:gs.getUserID()")).toThrow(UnsupportedQueryError);
    expect(() => select("sys_created_on>=javascript:new GlideDateTime()")).toThrow(UnsupportedQueryError);
  });
});

describe("orderRows", () => {
  it("sorts by each term in turn and ignores unknown fields", () => {
    const order = (query: string): string[] =>
      orderRows(rows, parseEncodedQuery(query).orderBy, read).map((row) => row.number as string);
    expect(order("ORDERBYstate")).toEqual(["INC1", "INC2", "INC3", "INC10"]);
    expect(order("ORDERBYDESCstate")).toEqual(["INC10", "INC3", "INC2", "INC1"]);
    expect(order("ORDERBYDESCsys_created_on")).toEqual(["INC10", "INC1", "INC2", "INC3"]);
    expect(order("ORDERBYnope")).toEqual(["INC1", "INC2", "INC3", "INC10"]);
  });
});

describe("evaluateRelativeDate", () => {
  const at = (value: string): string | undefined => {
    const result = evaluateRelativeDate(value, NOW);
    return result.kind === "date" ? result.date.toISOString() : result.kind;
  };
  it("gives the start of the day, hour and minute", () => {
    expect(at("javascript:gs.daysAgoStart(2)")).toBe("2025-03-08T00:00:00.000Z");
    expect(at("javascript:gs.hoursAgoStart(3)")).toBe("2025-03-10T09:00:00.000Z");
    expect(at("javascript:gs.minutesAgoStart(30)")).toBe("2025-03-10T12:04:00.000Z");
    expect(at("javascript:gs.beginningOfToday()")).toBe("2025-03-10T00:00:00.000Z");
    expect(at("javascript:gs.endOfToday()")).toBe("2025-03-10T23:59:59.000Z");
    expect(at("2025-03-10 00:00:00")).toBe("not_script");
    expect(at("javascript:gs.daysAgoStart(1); gs.print(1)")).toBe("unsupported");
  });
});
