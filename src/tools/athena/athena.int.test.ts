import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { resultFolder } from "./retry-athena-query.js";
import { idempotencyKey, openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

const FAILED_SQL = "SELECT * FROM payments WHERE dt = '2026-03-02'";

const scenario: ScenarioInput = {
  athena: {
    executions: [
      {
        id: "q-old-success",
        query: "SELECT 1",
        state: "SUCCEEDED",
        submitted: "2026-03-02T08:00:00Z",
        completed: "2026-03-02T08:00:03Z",
      },
      {
        id: "q-failed",
        query: FAILED_SQL,
        state: "FAILED",
        state_change_reason:
          "HIVE_PARTITION_SCHEMA_MISMATCH: There is a mismatch between the table and partition schemas",
        error_category: 2,
        error_type: 1006,
        database: "lake",
        workgroup: "analytics",
        // As Athena reports it: the result file of this execution.
        output_location: "s3://athena-results/analytics/q-failed.csv",
        submitted: "2026-03-02T09:00:00Z",
        completed: "2026-03-02T09:00:05Z",
        engine_execution_time_ms: 4200,
        data_scanned_bytes: 1024,
      },
      {
        id: "q-new-success",
        query: "SELECT 2",
        state: "SUCCEEDED",
        workgroup: "analytics",
        submitted: "2026-03-02T10:00:00Z",
        completed: "2026-03-02T10:00:01Z",
      },
    ],
  },
};

let box: ToolSandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe("get_athena_query (sandbox)", () => {
  it("returns one execution by id with its error", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_athena_query", { query_id: "q-failed" });
    expect(out.query).toEqual({
      query_id: "q-failed",
      state: "FAILED",
      state_change_reason: expect.stringContaining("HIVE_PARTITION_SCHEMA_MISMATCH"),
      error_category: 2,
      error_type: 1006,
      query: FAILED_SQL,
      database: "lake",
      workgroup: "analytics",
      output_location: "s3://athena-results/analytics/q-failed.csv",
      submitted: "2026-03-02T09:00:00.000Z",
      completed: "2026-03-02T09:00:05.000Z",
      engine_execution_time_ms: 4200,
      data_scanned_bytes: 1024,
    });
  });

  it("without id picks the workgroup's latest failed execution and lists the others newest first", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_athena_query", { workgroup: "analytics" });
    expect(out.query?.query_id).toBe("q-failed");
    expect(out.recent.map((q) => [q.query_id, q.state])).toEqual([["q-new-success", "SUCCEEDED"]]);
  });

  it("falls back to the latest execution when none failed", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_athena_query", { workgroup: "primary" });
    expect(out).toEqual({ query: expect.objectContaining({ query_id: "q-old-success" }), recent: [] });
  });

  it("answers an unknown query id with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("get_athena_query", { query_id: "nope" });
    expect(error.error).toMatchObject({ code: "InvalidRequestException", http_status: 400 });
  });
});

describe("retry_athena_query (sandbox)", () => {
  it("re-runs the SQL in the same context once per idempotency key", async () => {
    box = await openToolSandbox(scenario);
    const key = idempotencyKey("athena");
    const first = await box.call("retry_athena_query", { query_id: "q-failed", idempotency_key: key });
    const second = await box.call("retry_athena_query", { query_id: "q-failed", idempotency_key: key });
    expect(first.original_query_id).toBe("q-failed");
    expect(second.query_id).toBe(first.query_id);
    expect(box.count("StartQueryExecution")).toBe(2);

    const rerun = await box.call("get_athena_query", { query_id: first.query_id });
    expect(rerun.query).toMatchObject({
      query: FAILED_SQL,
      database: "lake",
      workgroup: "analytics",
      // The same folder, not beneath the old result file.
      output_location: `s3://athena-results/analytics/${first.query_id}.csv`,
    });
    const workgroup = await box.call("get_athena_query", { workgroup: "analytics" });
    expect(workgroup.recent.length + 1).toBe(3);
  });
});

describe("resultFolder", () => {
  it("strips the execution's own result file, and keeps a folder as it is", () => {
    const execution = (OutputLocation: string) => ({ QueryExecutionId: "q1", ResultConfiguration: { OutputLocation } });
    expect(resultFolder(execution("s3://r/wg/q1.csv"))).toEqual({ OutputLocation: "s3://r/wg/" });
    expect(resultFolder(execution("s3://r/wg/q1.txt"))).toEqual({ OutputLocation: "s3://r/wg/" });
    expect(resultFolder(execution("s3://r/wg/"))).toEqual({ OutputLocation: "s3://r/wg/" });
    expect(resultFolder(execution("s3://r/wg/q10.csv"))).toEqual({ OutputLocation: "s3://r/wg/q10.csv" });
    expect(resultFolder({})).toEqual({});
  });
});
