import { describe, expect, it } from "vitest";
import { RcaDocumentSchema, rcaDocumentFor } from "./document.js";
import { GENERATED_AT, THREAD_ID, fixtureDocument, fixtureIncident, fixtureResult } from "./rca.fixture.js";

describe("rcaDocumentFor", () => {
  it("names the incident and the run, and carries the result as it is", () => {
    const result = fixtureResult();
    const doc = rcaDocumentFor({ incident: fixtureIncident, threadId: THREAD_ID, result, generatedAt: GENERATED_AT });
    expect(doc).toEqual({
      schema_version: 1,
      incident: {
        sys_id: "9d385017c611228701d22104cc95c371",
        number: "INC0012345",
        short_description: "Job SPENDING_POTS has failed Glue ETL failure",
      },
      thread_id: THREAD_ID,
      generated_at: "2026-11-23T06:45:01.000Z",
      result,
    });
    expect(RcaDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it("records a missing or blank number as null, and drops the ticket's other fields", () => {
    const withoutNumber = fixtureDocument({ incident: { number: undefined, description: "long text" } });
    expect(withoutNumber.incident).toEqual({
      sys_id: fixtureIncident.sys_id,
      number: null,
      short_description: fixtureIncident.short_description,
    });
    expect(fixtureDocument({ incident: { number: "  " } }).incident.number).toBeNull();
  });

  it("redacts secrets in the ticket's text", () => {
    const doc = fixtureDocument({
      incident: { short_description: "Glue job failed, password=hunter2 in the connection string" },
    });
    expect(doc.incident.short_description).toBe("Glue job failed, password=[redacted] in the connection string");
  });

  it("refuses a result of another incident", () => {
    expect(() =>
      rcaDocumentFor({
        incident: { ...fixtureIncident, sys_id: "other" },
        threadId: THREAD_ID,
        result: fixtureResult(),
        generatedAt: GENERATED_AT,
      }),
    ).toThrow(/the result is for 9d385017c611228701d22104cc95c371, not for incident other/);
  });

  it("is pure: the same input gives the same document", () => {
    expect(fixtureDocument()).toEqual(fixtureDocument());
  });
});
