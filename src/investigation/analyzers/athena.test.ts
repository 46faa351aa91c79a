import { describe, expect, it } from "vitest";
import { athenaOutput, athenaQuery } from "../../../test/fixtures/tool-outputs.js";
import { analyzeAthenaQuery } from "./athena.js";

describe("analyzeAthenaQuery", () => {
  it("recommends re-running a query that exhausted resources", () => {
    const result = analyzeAthenaQuery(
      athenaOutput(
        athenaQuery({
          query_id: "q-1",
          state: "FAILED",
          state_change_reason: "Query exhausted resources at this scale factor",
          error_category: 1,
        }),
        [{ query_id: "q-1", state: "FAILED", submitted: "2024-01-15T06:00:00Z" }],
      ),
    );
    expect(result).toMatchObject({
      cause_kind: "transient",
      cause_label: "capacity",
      strength: 0.9,
      remediation: {
        action: "retry_athena_query",
        args: { query_id: "q-1" },
        resource: { type: "athena_workgroup", id: "reporting" },
      },
    });
    expect(result.summary).toContain("1 of 1 recent queries failed");
  });

  it("does not re-run the same SQL failing the same way a third time", () => {
    const failed = athenaQuery({
      query_id: "q-3",
      state: "FAILED",
      state_change_reason: "Query timeout",
      error_category: 1,
    });
    const night = (query_id: string, same_query: boolean) => ({
      query_id,
      state: "FAILED",
      submitted: "2024-01-14T01:00:00Z",
      same_query,
      state_change_reason: "Query timeout",
    });
    const third = analyzeAthenaQuery(athenaOutput(failed, [night("q-2", true), night("q-1", true)]));
    expect(third).toMatchObject({ cause_kind: "transient", remediation: null });
    expect(third.summary).toContain("failed the same way 3 times in a row");
    const otherSql = analyzeAthenaQuery(athenaOutput(failed, [night("q-2", true), night("q-1", false)]));
    expect(otherSql.remediation).not.toBeNull();
  });

  it("does not re-run a syntax error", () => {
    const result = analyzeAthenaQuery(
      athenaOutput(
        athenaQuery({
          query_id: "q-2",
          state: "FAILED",
          state_change_reason: "SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved",
          error_category: 2,
        }),
      ),
    );
    expect(result).toMatchObject({ cause_kind: "non_transient", cause_label: "syntax error", remediation: null });
    expect(result.root_cause).toContain("Athena query q-2 in workgroup reporting FAILED");
  });

  it("falls back to Athena's error category for unrecognised text", () => {
    const system = analyzeAthenaQuery(
      athenaOutput(
        athenaQuery({ query_id: "q-3", state: "FAILED", state_change_reason: "Internal error", error_category: 1 }),
      ),
    );
    expect(system).toMatchObject({ cause_kind: "transient", strength: 0.8 });
    const user = analyzeAthenaQuery(
      athenaOutput(
        athenaQuery({ query_id: "q-4", state: "FAILED", state_change_reason: "Bad thing", error_category: 2 }),
      ),
    );
    expect(user).toMatchObject({ cause_kind: "non_transient", remediation: null });
  });

  it("handles no query, a succeeded query and a running one", () => {
    expect(analyzeAthenaQuery(athenaOutput(null))).toMatchObject({ strength: 0.1, root_cause: null });
    expect(analyzeAthenaQuery(athenaOutput(athenaQuery({ query_id: "q", state: "SUCCEEDED" })))).toMatchObject({
      cause_kind: "recovered",
      recovered: true,
    });
    expect(analyzeAthenaQuery(athenaOutput(athenaQuery({ query_id: "q", state: "RUNNING" })))).toMatchObject({
      cause_kind: "undetermined",
      root_cause: null,
    });
  });

  it("defaults the workgroup to primary", () => {
    const result = analyzeAthenaQuery(
      athenaOutput(
        athenaQuery({ query_id: "q", state: "FAILED", workgroup: null, state_change_reason: "Query timeout" }),
      ),
    );
    expect(result.remediation?.resource).toEqual({ type: "athena_workgroup", id: "primary" });
  });
});
