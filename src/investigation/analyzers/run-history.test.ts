import { describe, expect, it } from "vitest";
import { STRENGTH, analysis } from "./common.js";
import { analyzeRunHistory, type FailureReading, type RunHistorySpec } from "./run-history.js";

interface Run {
  id: string;
  state: string;
  at?: string | null;
  name?: string;
}

const run = (id: string, state: string, fields: Partial<Run> = {}): Run => ({ id, state, at: `t-${id}`, ...fields });

const reading = (kind: "transient" | "non_transient" | "undetermined", label: string): FailureReading => ({
  detail: ": it broke",
  classification: { kind, label },
  strength: kind === "undetermined" ? STRENGTH.unclassified : STRENGTH.conclusive,
});

function spec(runs: Run[], overrides: Partial<RunHistorySpec<Run>> = {}): RunHistorySpec<Run> {
  return {
    tool: "get_job_logs",
    subject: "Job j",
    runs,
    id: (entry) => entry.id,
    state: (entry) => entry.state,
    finishedAt: (entry) => entry.at ?? null,
    failedStates: new Set(["FAILED", "BROKEN"]),
    succeededState: "OK",
    activeStates: new Set(["RUNNING"]),
    retryOf: (failed) => ({
      action: "retry_glue_job",
      args: { run: failed.id },
      resource: { type: "glue_job", id: "j" },
    }),
    readFailure: () => reading("transient", "throttling"),
    ...overrides,
  };
}

describe("analyzeRunHistory", () => {
  it("has nothing to say about an empty history", () => {
    expect(analyzeRunHistory(spec([]))).toMatchObject({
      summary: "Job j has no runs",
      strength: STRENGTH.nothing,
      root_cause: null,
    });
  });

  it("without a failure, reports the newest run: a success as weak recovery, anything else as its state", () => {
    expect(analyzeRunHistory(spec([run("r2", "OK"), run("r1", "OK")]))).toMatchObject({
      summary: "Job j: no failed run among the last 2; latest run r2 succeeded at t-r2",
      cause_kind: "recovered",
      recovered: true,
      strength: STRENGTH.weak,
      succeeded_at: "t-r2",
    });
    expect(analyzeRunHistory(spec([run("r2", "RUNNING"), run("r1", "OK")]))).toMatchObject({
      summary: "Job j: no failed run among the last 2; latest run r2 is RUNNING",
      cause_kind: "undetermined",
      root_cause: null,
      strength: STRENGTH.weak,
    });
  });

  it("takes the newest failed run as the failure and recommends its re-run for a transient cause", () => {
    const result = analyzeRunHistory(spec([run("r3", "BROKEN"), run("r2", "FAILED"), run("r1", "OK")]));
    expect(result).toMatchObject({
      summary: "Job j run r3 BROKEN at t-r3: it broke [throttling]",
      root_cause: "Job j run r3 BROKEN at t-r3: it broke",
      cause_kind: "transient",
      cause_label: "throttling",
      strength: STRENGTH.conclusive,
      failed_at: "t-r3",
      recovered: false,
      remediation: { action: "retry_glue_job", args: { run: "r3" } },
      retry_candidate: { action: "retry_glue_job", args: { run: "r3" } },
    });
  });

  it("says recovered when a newer run succeeded, keeping the re-run as a candidate only", () => {
    const result = analyzeRunHistory(spec([run("r3", "OK"), run("r2", "RUNNING"), run("r1", "FAILED")]));
    expect(result).toMatchObject({
      root_cause: "Job j run r1 FAILED at t-r1 but a later run r3 succeeded at t-r3",
      cause_kind: "recovered",
      recovered: true,
      strength: STRENGTH.conclusive,
      remediation: null,
      retry_candidate: { args: { run: "r1" } },
      failed_at: "t-r1",
      succeeded_at: "t-r3",
    });
  });

  it("holds a re-run back for a newer run in progress, capping the strength", () => {
    const result = analyzeRunHistory(spec([run("r2", "RUNNING"), run("r1", "FAILED")]));
    expect(result).toMatchObject({ cause_kind: "transient", remediation: null, strength: STRENGTH.context });
    expect(result.summary).toBe("Job j run r1 FAILED at t-r1: it broke (a newer run r2 is RUNNING) [throttling]");
  });

  it("holds a re-run back after repeated failures, counting only the streak from the newest run", () => {
    const repeated = analyzeRunHistory(spec([run("r3", "FAILED"), run("r2", "BROKEN"), run("r1", "FAILED")]));
    expect(repeated).toMatchObject({ remediation: null, strength: STRENGTH.conclusive });
    expect(repeated.summary).toContain("(failed 3 times in a row)");

    const broken = analyzeRunHistory(spec([run("r4", "FAILED"), run("r3", "FAILED"), run("r2", "RUNNING")]));
    expect(broken.remediation).not.toBeNull();
    expect(broken.summary).not.toContain("times in a row");
  });

  it("recommends nothing for a non-transient or undetermined cause", () => {
    const nonTransient = analyzeRunHistory(
      spec([run("r1", "FAILED")], { readFailure: () => reading("non_transient", "code error") }),
    );
    expect(nonTransient).toMatchObject({ cause_label: "code error", remediation: null, retry_candidate: {} });
    const undetermined = analyzeRunHistory(
      spec([run("r1", "FAILED")], { readFailure: () => reading("undetermined", "unrecognised") }),
    );
    expect(undetermined).toMatchObject({ cause_label: null, remediation: null, strength: STRENGTH.unclassified });
    expect(undetermined.summary).toBe("Job j run r1 FAILED at t-r1: it broke");
  });

  it("notes each re-run blocker and holds the re-run back for it", () => {
    const result = analyzeRunHistory(spec([run("r1", "FAILED")], { rerunBlockers: ["the job is paused"] }));
    expect(result).toMatchObject({ cause_kind: "transient", remediation: null });
    expect(result.summary).toBe("Job j run r1 FAILED at t-r1: it broke (the job is paused) [throttling]");
  });

  it("with a series, only runs of the failed run's series recover it, run in progress or make a streak", () => {
    const bySeries = { series: (entry: Run) => entry.name ?? "" };
    const otherSucceeded = analyzeRunHistory(
      spec(
        [run("s3", "OK", { name: "b" }), run("s2", "RUNNING", { name: "b" }), run("s1", "FAILED", { name: "a" })],
        bySeries,
      ),
    );
    expect(otherSucceeded).toMatchObject({ cause_kind: "transient", strength: STRENGTH.conclusive });
    expect(otherSucceeded.remediation).not.toBeNull();

    const sameSucceeded = analyzeRunHistory(
      spec([run("s2", "OK", { name: "a" }), run("s1", "FAILED", { name: "a" })], bySeries),
    );
    expect(sameSucceeded.cause_kind).toBe("recovered");

    const streak = analyzeRunHistory(
      spec(
        [
          run("s5", "FAILED", { name: "a" }),
          run("s4", "OK", { name: "b" }),
          run("s3", "FAILED", { name: "a" }),
          run("s2", "FAILED", { name: "a" }),
        ],
        bySeries,
      ),
    );
    expect(streak.remediation).toBeNull();
    expect(streak.summary).toContain("failed 3 times in a row");
  });

  it("tells the history in the service's own words, and can leave the notes out of the summary", () => {
    const words = {
      empty: "cluster c has no steps",
      noFailure: (latest: Run, count: number) =>
        analysis("get_job_logs", { summary: `no failed step of ${count}; ${latest.id}`, strength: STRENGTH.weak }),
      failure: (failed: Run, at: string | null) => `step ${failed.id} ended ${failed.state} at ${at}`,
      recovery: (failed: Run, _at: string | null, success: Run, succeededAt: string | null) =>
        `step ${failed.id} then ${success.id} completed at ${succeededAt}`,
    };
    expect(analyzeRunHistory(spec([], { words })).summary).toBe("cluster c has no steps");
    expect(analyzeRunHistory(spec([run("s1", "OK")], { words }))).toMatchObject({
      summary: "no failed step of 1; s1",
      recovered: false,
    });
    expect(analyzeRunHistory(spec([run("s2", "OK"), run("s1", "FAILED")], { words })).root_cause).toBe(
      "step s1 then s2 completed at t-s2",
    );
    const quiet = analyzeRunHistory(spec([run("s2", "RUNNING"), run("s1", "FAILED")], { words, summaryNotes: false }));
    expect(quiet).toMatchObject({
      summary: "step s1 ended FAILED at t-s1: it broke [throttling]",
      root_cause: "step s1 ended FAILED at t-s1: it broke",
      remediation: null,
      strength: STRENGTH.context,
    });
  });

  it("reads the failure through the service's hook, given the failed run", () => {
    const seen: string[] = [];
    analyzeRunHistory(
      spec([run("r2", "FAILED"), run("r1", "FAILED")], {
        readFailure: (failed) => {
          seen.push(failed.id);
          return reading("transient", "timeout");
        },
      }),
    );
    expect(seen).toEqual(["r2"]);
  });

  it("reports a run without a finish time as failed at null", () => {
    expect(analyzeRunHistory(spec([run("r1", "FAILED", { at: null })]))).toMatchObject({
      root_cause: "Job j run r1 FAILED at null: it broke",
      failed_at: null,
    });
  });
});
