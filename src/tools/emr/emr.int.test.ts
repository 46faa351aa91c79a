import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { retryStepName } from "./retry-emr.js";
import { idempotencyKey, openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

const scenario: ScenarioInput = {
  emr: {
    clusters: [
      {
        id: "j-2AXXXXXXGAPLF",
        name: "nightly-spark",
        state: "WAITING",
        state_change_code: "USER_REQUEST",
        state_change_message: "Cluster ready after last step completed.",
        steps: [
          {
            id: "s-1AAAAAAAAAAAA",
            name: "load raw",
            state: "COMPLETED",
            started: "2026-03-02T01:00:00Z",
            ended: "2026-03-02T01:20:00Z",
          },
          {
            id: "s-2BBBBBBBBBBBB",
            name: "aggregate payments",
            state: "FAILED",
            jar: "command-runner.jar",
            args: ["spark-submit", "s3://code/aggregate.py", "--day", "2026-03-02"],
            started: "2026-03-02T01:30:00Z",
            ended: "2026-03-02T01:45:00Z",
            failure_reason: "Unknown Error.",
            failure_message: "java.lang.OutOfMemoryError: Java heap space",
            log_file: "s3://emr-logs/j-2AXXXXXXGAPLF/steps/s-2BBBBBBBBBBBB/stderr.gz",
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

describe("get_emr_logs (sandbox)", () => {
  it("returns the cluster and its steps newest first with failure details", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_emr_logs", { cluster_id: "j-2AXXXXXXGAPLF" });
    expect(out.cluster).toEqual({
      id: "j-2AXXXXXXGAPLF",
      name: "nightly-spark",
      state: "WAITING",
      state_change_code: "USER_REQUEST",
      state_change_message: "Cluster ready after last step completed.",
    });
    expect(out.steps.map((step) => step.id)).toEqual(["s-2BBBBBBBBBBBB", "s-1AAAAAAAAAAAA"]);
    expect(out.steps[0]).toEqual({
      id: "s-2BBBBBBBBBBBB",
      name: "aggregate payments",
      state: "FAILED",
      failure_reason: "Unknown Error.",
      failure_message: "java.lang.OutOfMemoryError: Java heap space",
      log_file: "s3://emr-logs/j-2AXXXXXXGAPLF/steps/s-2BBBBBBBBBBBB/stderr.gz",
      started: "2026-03-02T01:30:00.000Z",
      ended: "2026-03-02T01:45:00.000Z",
    });
  });

  it("returns a step by id beside the steps after it, and max_steps limits the list", async () => {
    box = await openToolSandbox(scenario);
    const one = await box.call("get_emr_logs", { cluster_id: "j-2AXXXXXXGAPLF", step_id: "s-1AAAAAAAAAAAA" });
    expect(one.steps.map((step) => step.id)).toEqual(["s-2BBBBBBBBBBBB", "s-1AAAAAAAAAAAA"]);
    const older = await box.call("get_emr_logs", {
      cluster_id: "j-2AXXXXXXGAPLF",
      step_id: "s-1AAAAAAAAAAAA",
      max_steps: 1,
    });
    expect(older.steps.map((step) => step.id)).toEqual(["s-2BBBBBBBBBBBB", "s-1AAAAAAAAAAAA"]);
    const limited = await box.call("get_emr_logs", { cluster_id: "j-2AXXXXXXGAPLF", max_steps: 1 });
    expect(limited.steps.map((step) => step.id)).toEqual(["s-2BBBBBBBBBBBB"]);
  });

  it("answers an unknown cluster with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("get_emr_logs", { cluster_id: "j-NOPE" });
    expect(error.error).toMatchObject({ code: "InvalidRequestException", http_status: 400 });
  });
});

describe("retry_emr (sandbox)", () => {
  it("adds the failed step again once per key, with the same jar and args", async () => {
    box = await openToolSandbox(scenario);
    const key = idempotencyKey("emr");
    const args = { cluster_id: "j-2AXXXXXXGAPLF", step_id: "s-2BBBBBBBBBBBB", idempotency_key: key };
    const first = await box.call("retry_emr", args);
    expect(first).toMatchObject({ original_step_id: "s-2BBBBBBBBBBBB", reused: false });
    const second = await box.call("retry_emr", args);
    expect(second).toEqual({ ...first, reused: true });
    expect(box.count("AddJobFlowSteps")).toBe(1);

    const out = await box.call("get_emr_logs", { cluster_id: "j-2AXXXXXXGAPLF" });
    expect(out.steps).toHaveLength(3);
    expect(out.steps[0]).toMatchObject({ id: first.step_id, name: `aggregate payments [${key}]` });
  });

  it("answers an unknown step with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("retry_emr", {
      cluster_id: "j-2AXXXXXXGAPLF",
      step_id: "s-NOPE",
      idempotency_key: idempotencyKey("emr"),
    });
    expect(error.error.code).toBe("InvalidRequestException");
    expect(box.count("AddJobFlowSteps")).toBe(0);
  });
});

describe("retryStepName", () => {
  it("keeps the key whole within EMR's 256 characters", () => {
    const name = retryStepName("x".repeat(300), "[key]");
    expect(name).toHaveLength(256);
    expect(name.endsWith(" [key]")).toBe(true);
  });
});
