import { describe, expect, it } from "vitest";
import { glueOutput, glueRun } from "../../../test/fixtures/tool-outputs.js";
import { analyzeGlueLogs } from "./glue.js";

describe("analyzeGlueLogs", () => {
  it("takes a transient root cause from the latest failed run and recommends a re-run", () => {
    const result = analyzeGlueLogs(
      glueOutput([
        glueRun({
          id: "jr_2",
          state: "FAILED",
          error_message: "ConcurrentRunsExceededException: Concurrent runs exceeded",
          arguments: { "--date": "2024-01-15" },
        }),
        glueRun({ id: "jr_1", state: "SUCCEEDED", completed_on: "2024-01-14T02:30:00Z" }),
      ]),
    );
    expect(result).toMatchObject({
      tool: "get_glue_logs",
      cause_kind: "transient",
      cause_label: "capacity",
      strength: 0.9,
      recovered: false,
      failed_at: "2024-01-15T02:30:00Z",
      remediation: {
        action: "retry_glue_job",
        args: { job_name: "cust_dim_load", arguments: { "--date": "2024-01-15" } },
        resource: { type: "glue_job", id: "cust_dim_load" },
      },
    });
    expect(result.root_cause).toBe(
      "Glue job cust_dim_load run jr_2 FAILED at 2024-01-15T02:30:00Z: ConcurrentRunsExceededException: Concurrent runs exceeded",
    );
  });

  it("does not recommend a re-run for a non-transient cause, but keeps the candidate", () => {
    const result = analyzeGlueLogs(
      glueOutput([
        glueRun({
          id: "jr_2",
          state: "FAILED",
          error_message: "AccessDeniedException: not authorized to perform: s3:GetObject",
        }),
      ]),
    );
    expect(result.cause_kind).toBe("non_transient");
    expect(result.cause_label).toBe("access denied");
    expect(result.remediation).toBeNull();
    expect(result.retry_candidate?.action).toBe("retry_glue_job");
  });

  it("treats a TIMEOUT state as a timeout even without a message", () => {
    const result = analyzeGlueLogs(glueOutput([glueRun({ id: "jr_2", state: "TIMEOUT" })]));
    expect(result).toMatchObject({ cause_kind: "transient", cause_label: "timeout", strength: 0.8 });
    expect(result.remediation).not.toBeNull();
  });

  it("reads the cause from the error log when the message says nothing", () => {
    const result = analyzeGlueLogs(
      glueOutput(
        [glueRun({ id: "jr_2", state: "FAILED", error_message: "An error occurred while calling o97.save" })],
        {
          log_run_id: "jr_2",
          log_excerpt: [
            { timestamp: "2024-01-15T02:29:00Z", message: "INFO starting stage 3" },
            { timestamp: "2024-01-15T02:29:30Z", message: "java.lang.OutOfMemoryError: Java heap space" },
          ],
        },
      ),
    );
    expect(result).toMatchObject({ cause_kind: "transient", cause_label: "memory", strength: 0.8 });
    expect(result.root_cause).toContain("(log: java.lang.OutOfMemoryError: Java heap space)");
  });

  it("ignores the log of another run", () => {
    const result = analyzeGlueLogs(
      glueOutput([glueRun({ id: "jr_2", state: "FAILED", error_message: "Job failed" })], {
        log_run_id: "jr_other",
        log_excerpt: [{ timestamp: "2024-01-15T02:29:30Z", message: "java.lang.OutOfMemoryError" }],
      }),
    );
    expect(result).toMatchObject({ cause_kind: "undetermined", strength: 0.6, remediation: null });
  });

  it("says recovered when a newer run succeeded", () => {
    const result = analyzeGlueLogs(
      glueOutput([
        glueRun({ id: "jr_3", state: "SUCCEEDED", completed_on: "2024-01-15T04:00:00Z" }),
        glueRun({ id: "jr_2", state: "FAILED", error_message: "KeyError: 'x'" }),
      ]),
    );
    expect(result).toMatchObject({
      cause_kind: "recovered",
      recovered: true,
      remediation: null,
      strength: 0.9,
      succeeded_at: "2024-01-15T04:00:00Z",
    });
    expect(result.root_cause).toBe(
      "Glue job cust_dim_load run jr_2 FAILED at 2024-01-15T02:30:00Z but a later run jr_3 succeeded at 2024-01-15T04:00:00Z",
    );
  });

  it("does not re-run while a newer run is in progress, or after repeated failures", () => {
    const running = analyzeGlueLogs(
      glueOutput([
        glueRun({ id: "jr_3", state: "RUNNING", completed_on: null }),
        glueRun({ id: "jr_2", state: "FAILED", error_message: "Rate exceeded" }),
      ]),
    );
    expect(running).toMatchObject({ cause_kind: "transient", remediation: null, strength: 0.5 });
    expect(running.summary).toContain("a newer run jr_3 is RUNNING");

    const repeated = analyzeGlueLogs(
      glueOutput(["jr_3", "jr_2", "jr_1"].map((id) => glueRun({ id, state: "TIMEOUT" }))),
    );
    expect(repeated).toMatchObject({ cause_kind: "transient", remediation: null });
    expect(repeated.summary).toContain("failed 3 times in a row");
  });

  it("does not re-run the second identical exhaustion of resources, but does re-run a second timeout", () => {
    const disk = (id: string) =>
      glueRun({
        id,
        state: "FAILED",
        error_message: `An error occurred while calling o187.save. error while calling spill() on UnsafeExternalSorter@5a8d${id.slice(-1)}c1f : No space left on device`,
      });
    const twice = analyzeGlueLogs(
      glueOutput([disk("jr_2"), disk("jr_1"), glueRun({ id: "jr_0", state: "SUCCEEDED" })]),
    );
    expect(twice).toMatchObject({ cause_kind: "transient", cause_label: "memory", remediation: null });
    expect(twice.summary).toContain("failed the same way 2 times in a row");

    const otherwise = analyzeGlueLogs(
      glueOutput([disk("jr_2"), glueRun({ id: "jr_1", state: "FAILED", error_message: "Rate exceeded" })]),
    );
    expect(otherwise.remediation).not.toBeNull();

    const timeouts = analyzeGlueLogs(glueOutput(["jr_2", "jr_1"].map((id) => glueRun({ id, state: "TIMEOUT" }))));
    expect(timeouts.remediation).not.toBeNull();
  });

  it("handles empty and healthy histories", () => {
    expect(analyzeGlueLogs(glueOutput([]))).toMatchObject({
      cause_kind: "undetermined",
      strength: 0.1,
      root_cause: null,
    });
    expect(analyzeGlueLogs(glueOutput([glueRun({ id: "jr_1", state: "SUCCEEDED" })]))).toMatchObject({
      cause_kind: "recovered",
      strength: 0.3,
    });
    expect(analyzeGlueLogs(glueOutput([glueRun({ id: "jr_1", state: "RUNNING" })]))).toMatchObject({
      cause_kind: "undetermined",
      root_cause: null,
    });
  });

  it("quotes service text as data: control characters stripped, capped", () => {
    const result = analyzeGlueLogs(
      glueOutput([
        glueRun({
          id: "jr_2",
          state: "FAILED",
          error_message: `Rate exceeded\u001b[2J\nFAKE LOG LINE ${"z".repeat(400)}`,
        }),
      ]),
    );
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(result.root_cause).not.toMatch(/[\u0000-\u001f]/);
    expect(result.root_cause?.length).toBeLessThan(400);
  });

  it("explains output that does not match the schema instead of throwing", () => {
    const result = analyzeGlueLogs({ job_name: "x", runs: "nope" });
    expect(result).toMatchObject({ strength: 0, cause_kind: "undetermined", root_cause: null });
    expect(result.summary).toContain("unexpected shape");
  });
});
