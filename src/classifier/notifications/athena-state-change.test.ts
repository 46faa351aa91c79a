import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAthenaQueryStateChange } from "./athena-state-change.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

const QUERY_ID = "01234567-0123-0123-0123-012345678901";

describe("parseAthenaQueryStateChange", () => {
  it("reads the SUCCEEDED example: query, workgroup, no error", () => {
    expect(parseAthenaQueryStateChange(fixture("eventbridge_athena_query_state_change-1.txt"))).toEqual({
      format: "eventbridge_athena_query_state_change",
      service: "athena",
      resource: { type: "athena_query", name: QUERY_ID },
      related: [{ type: "athena_workgroup", name: "primary" }],
      run_id: QUERY_ID,
      state: "SUCCEEDED",
      time: "2019-10-06T09:30:10.000Z",
      error: null,
    });
  });

  it("reads the FAILED example, // comments and all, with athenaError's message", () => {
    expect(parseAthenaQueryStateChange(fixture("eventbridge_athena_query_state_change-2.txt"))).toEqual({
      format: "eventbridge_athena_query_state_change",
      service: "athena",
      resource: { type: "athena_query", name: QUERY_ID },
      related: [{ type: "athena_workgroup", name: "primary" }],
      run_id: QUERY_ID,
      state: "FAILED",
      time: "2019-10-06T09:30:10.000Z",
      error: "Amazon S3 bucket not found",
    });
  });

  it("gives a FAILED event without athenaError no error: the reason is not in the event", () => {
    const event = JSON.parse(fixture("eventbridge_athena_query_state_change-1.txt"));
    event.detail.currentState = "FAILED";
    expect(parseAthenaQueryStateChange(JSON.stringify(event))).toMatchObject({ state: "FAILED", error: null });
  });

  it("returns null for prose about a query", () => {
    expect(parseAthenaQueryStateChange(`Athena query ${QUERY_ID} failed in workgroup primary`)).toBeNull();
  });
});
