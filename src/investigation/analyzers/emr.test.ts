import { describe, expect, it } from "vitest";
import { emrOutput, emrStep } from "../../../test/fixtures/tool-outputs.js";
import { analyzeEmrLogs } from "./emr.js";

describe("analyzeEmrLogs", () => {
  it("recommends re-running a step that ran out of memory", () => {
    const result = analyzeEmrLogs(
      emrOutput([
        emrStep({
          id: "s-2",
          state: "FAILED",
          failure_reason: "Container killed by YARN for exceeding memory limits",
          log_file: "s3://logs/j-ABC123/steps/s-2/stderr.gz",
        }),
      ]),
    );
    expect(result).toMatchObject({
      cause_kind: "transient",
      cause_label: "memory",
      remediation: {
        action: "retry_emr",
        args: { cluster_id: "j-ABC123", step_id: "s-2" },
        resource: { type: "emr_cluster", id: "j-ABC123" },
      },
    });
    expect(result.root_cause).toContain("(log: s3://logs/j-ABC123/steps/s-2/stderr.gz)");
  });

  it("never re-runs on a terminated cluster", () => {
    const result = analyzeEmrLogs(
      emrOutput([emrStep({ id: "s-2", state: "FAILED", failure_reason: "Rate exceeded" })], {
        state: "TERMINATED_WITH_ERRORS",
        state_change_code: "BOOTSTRAP_FAILURE",
        state_change_message: "bootstrap action 1 returned a non-zero return code",
      }),
    );
    expect(result).toMatchObject({ cause_kind: "non_transient", cause_label: "cluster terminated", remediation: null });
    expect(result.root_cause).toContain("BOOTSTRAP_FAILURE: bootstrap action 1");
  });

  it("is non-transient for a code error and recovered when the same step later completed", () => {
    expect(
      analyzeEmrLogs(
        emrOutput([emrStep({ id: "s-2", state: "FAILED", failure_message: "java.lang.NullPointerException" })]),
      ),
    ).toMatchObject({ cause_kind: "non_transient", remediation: null });
    const recovered = analyzeEmrLogs(
      emrOutput([
        emrStep({ id: "s-3", state: "COMPLETED", ended: "2024-01-15T06:00:00Z" }),
        emrStep({ id: "s-2", state: "FAILED", failure_reason: "OutOfMemoryError" }),
      ]),
    );
    expect(recovered).toMatchObject({ cause_kind: "recovered", recovered: true, succeeded_at: "2024-01-15T06:00:00Z" });
    const otherStep = analyzeEmrLogs(
      emrOutput([
        emrStep({ id: "s-3", name: "another-job", state: "COMPLETED" }),
        emrStep({ id: "s-2", state: "FAILED", failure_reason: "OutOfMemoryError" }),
      ]),
    );
    expect(otherStep.cause_kind).toBe("transient");
  });

  it("handles no steps and no failures", () => {
    expect(analyzeEmrLogs(emrOutput([]))).toMatchObject({ strength: 0.1, root_cause: null });
    expect(analyzeEmrLogs(emrOutput([emrStep({ id: "s-1", state: "COMPLETED" })]))).toMatchObject({ root_cause: null });
  });
});
