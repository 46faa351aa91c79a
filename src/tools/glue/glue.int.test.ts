import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { GLUE_IDEMPOTENCY_ARGUMENT } from "./retry-glue-job.js";
import { idempotencyKey, openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

const scenario: ScenarioInput = {
  glue: {
    jobs: [
      {
        name: "payments_etl",
        max_retries: 1,
        timeout_min: 120,
        worker_type: "G.2X",
        number_of_workers: 4,
        runs: [
          {
            id: "jr_0001",
            state: "SUCCEEDED",
            started_on: "2026-03-01T01:00:00Z",
            completed_on: "2026-03-01T01:10:00Z",
          },
          {
            id: "jr_0002",
            state: "FAILED",
            started_on: "2026-03-02T01:00:00Z",
            completed_on: "2026-03-02T01:05:00Z",
            error_message: "An error occurred while calling o95.pyWriteDynamicFrame: Access Denied",
            error_log: ["Traceback (most recent call last):", "  File job.py, line 3", "AccessDeniedException: 403"],
          },
          {
            id: "jr_0003",
            state: "SUCCEEDED",
            started_on: "2026-03-03T01:00:00Z",
            completed_on: "2026-03-03T01:10:00Z",
          },
        ],
      },
    ],
  },
};

let box: ToolSandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe("get_glue_logs (sandbox)", () => {
  it("returns the job, its runs newest first and the error log of the latest failed run", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_glue_logs", { job_name: "payments_etl", log_lines: 2 });
    expect(out.job).toEqual({ max_retries: 1, timeout_min: 120, worker_type: "G.2X", number_of_workers: 4 });
    expect(out.runs.map((run) => run.id)).toEqual(["jr_0003", "jr_0002", "jr_0001"]);
    expect(out.runs[1]).toMatchObject({ state: "FAILED", error_message: expect.stringContaining("Access Denied") });
    expect(out.log_run_id).toBe("jr_0002");
    expect(out.log_excerpt.map((line) => line.message)).toEqual([
      "  File job.py, line 3",
      "AccessDeniedException: 403",
    ]);
  });

  it("reads a run by run_id beside the runs after it; a run without an error log gives an empty excerpt", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_glue_logs", { job_name: "payments_etl", run_id: "jr_0001" });
    expect(out.runs.map((run) => run.id)).toEqual(["jr_0003", "jr_0002", "jr_0001"]);
    expect(out.log_run_id).toBe("jr_0001");
    expect(out.log_excerpt).toEqual([]);
  });

  it("adds a requested run older than the recent ones", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_glue_logs", { job_name: "payments_etl", run_id: "jr_0001", max_runs: 1 });
    expect(out.runs.map((run) => run.id)).toEqual(["jr_0003", "jr_0001"]);
  });

  it("answers an unknown job with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("get_glue_logs", { job_name: "nope" });
    expect(error.error).toMatchObject({ code: "EntityNotFoundException", http_status: 400 });
  });

  it("answers a persistent server error with a ToolError after the SDK's retries", async () => {
    box = await openToolSandbox({ ...scenario, faults: [{ service: "glue", kind: "server_error" }] }, 2);
    const error = await box.callFailing("get_glue_logs", { job_name: "payments_etl" });
    expect(error.error).toMatchObject({ code: "ServiceUnavailable", http_status: 503 });
  });

  it("retries a server error the SDK's way before giving up (maxAttempts 2), and starts nothing", async () => {
    box = await openToolSandbox({ ...scenario, faults: [{ service: "glue", kind: "server_error" }] }, 2);
    const error = await box.callFailing("retry_glue_job", {
      job_name: "payments_etl",
      idempotency_key: idempotencyKey("fault"),
    });
    expect(error.error).toMatchObject({ code: "ServiceUnavailable", http_status: 503 });
    expect(box.count("GetJobRuns")).toBe(2);
    expect(box.count("StartJobRun")).toBe(0);
  });

  it("recovers from a transient server error within the SDK's retries", async () => {
    box = await openToolSandbox(
      { ...scenario, faults: [{ service: "glue", operation: "GetJob", kind: "server_error", times: 1 }] },
      2,
    );
    const out = await box.call("get_glue_logs", { job_name: "payments_etl" });
    expect(out.job.max_retries).toBe(1);
    expect(box.count("GetJob")).toBe(2);
  });
});

describe("retry_glue_job (sandbox)", () => {
  it("starts one run carrying the key, and returns it again on a second call", async () => {
    box = await openToolSandbox(scenario);
    const key = idempotencyKey("glue");
    const first = await box.call("retry_glue_job", {
      job_name: "payments_etl",
      arguments: { "--day": "2026-03-02" },
      idempotency_key: key,
    });
    expect(first.reused).toBe(false);
    const second = await box.call("retry_glue_job", { job_name: "payments_etl", idempotency_key: key });
    expect(second).toEqual({ job_name: "payments_etl", run_id: first.run_id, reused: true });
    expect(box.count("StartJobRun")).toBe(1);

    const runs = await box.call("get_glue_logs", { job_name: "payments_etl", max_runs: 20 });
    expect(runs.runs).toHaveLength(4);
    expect(runs.runs[0]).toMatchObject({
      id: first.run_id,
      arguments: { "--day": "2026-03-02", [GLUE_IDEMPOTENCY_ARGUMENT]: key },
    });
  });

  it("starts another run for another key", async () => {
    box = await openToolSandbox(scenario);
    const first = await box.call("retry_glue_job", { job_name: "payments_etl", idempotency_key: idempotencyKey("a") });
    const second = await box.call("retry_glue_job", { job_name: "payments_etl", idempotency_key: idempotencyKey("b") });
    expect(second.run_id).not.toBe(first.run_id);
    expect(box.count("StartJobRun")).toBe(2);
  });

  it("adds a requested run older than the recent ones", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_glue_logs", { job_name: "payments_etl", run_id: "jr_0001", max_runs: 1 });
    expect(out.runs.map((run) => run.id)).toEqual(["jr_0003", "jr_0001"]);
  });

  it("answers an unknown job with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("retry_glue_job", { job_name: "nope", idempotency_key: idempotencyKey("x") });
    expect(error.error.code).toBe("EntityNotFoundException");
  });
});
