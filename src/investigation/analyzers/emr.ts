/**
 * get_emr_logs → analysis. A terminated cluster cannot take a re-run step: that is non-transient
 * whatever the step said. Otherwise the newest failed step is "the failure", a newer COMPLETED
 * step of the same name means it recovered, and the step's failure reason and message say why.
 * The history itself: run-history.ts.
 */
import type { z } from "zod";
import { GetEmrLogsOutput, type EmrStepSchema } from "../../tools/emr/get-emr-logs.js";
import { EMR_COMPLETED_STATE, EMR_FAILED_STEP_STATES } from "../../tools/emr/step-states.js";
import type { Analysis } from "../types.js";
import { STRENGTH, analysis, clip, explainFailure, failureStrength, labelled, parseOutput } from "./common.js";
import { analyzeRunHistory, type FailureReading } from "./run-history.js";

type EmrStep = z.infer<typeof EmrStepSchema>;
type EmrCluster = z.infer<typeof GetEmrLogsOutput>["cluster"];

const TOOL = "get_emr_logs";
const ACTIVE_STATES: ReadonlySet<string> = new Set(["PENDING", "RUNNING", "CANCEL_PENDING"]);

function terminatedCluster(cluster: EmrCluster): Analysis {
  const detail = [cluster.state_change_code, cluster.state_change_message].filter(Boolean).join(": ");
  const text = `EMR cluster ${cluster.id} (${cluster.name}) is ${cluster.state}${detail ? `: ${clip(detail)}` : ""}`;
  return analysis(TOOL, {
    summary: labelled(text, "cluster terminated"),
    root_cause: text,
    cause_kind: "non_transient",
    cause_label: "cluster terminated",
    strength: STRENGTH.strong,
  });
}

/** The step's failure reason and message (EMR keeps no error log excerpt; the log file is pointed to). */
function readFailure(failed: EmrStep): FailureReading {
  const message = [failed.failure_reason, failed.failure_message].filter(Boolean).join(": ") || null;
  const explained = explainFailure(message, []);
  const reason = explained.text ? clip(explained.text) : "no failure details";
  const log = failed.log_file ? ` (log: ${failed.log_file})` : "";
  return {
    detail: `: ${reason}${log}`,
    classification: explained.classification,
    strength: failureStrength(explained),
  };
}

export function analyzeEmrLogs(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetEmrLogsOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const { cluster, steps } = parsed.data;
  if (cluster.state.startsWith("TERMINATED")) return terminatedCluster(cluster);

  const finishedAt = (step: EmrStep) => step.ended ?? step.started;
  return analyzeRunHistory({
    tool: TOOL,
    subject: `EMR cluster ${cluster.id}`,
    runs: steps,
    id: (step) => step.id,
    state: (step) => step.state,
    finishedAt,
    failedStates: EMR_FAILED_STEP_STATES,
    succeededState: EMR_COMPLETED_STATE,
    activeStates: ACTIVE_STATES,
    // A cluster runs the steps of several jobs: only a step of the same name is the same work.
    series: (step) => step.name,
    retryOf: (failed) => ({
      action: "retry_emr",
      args: { cluster_id: cluster.id, step_id: failed.id },
      resource: { type: "emr_cluster", id: cluster.id },
    }),
    readFailure,
    summaryNotes: false,
    words: {
      empty: `EMR cluster ${cluster.id} is ${cluster.state} and has no steps`,
      // The newest step may be another job's, so a completed one is no sign that anything recovered.
      noFailure: (latest, count) =>
        analysis(TOOL, {
          summary: `EMR cluster ${cluster.id}: no failed step among the last ${count}; latest step ${latest.id} is ${latest.state}`,
          strength: STRENGTH.weak,
        }),
      failure: (failed, failedAt) =>
        `EMR step ${failed.id} (${failed.name}) on cluster ${cluster.id} ${failed.state} at ${failedAt}`,
      recovery: (failed, failedAt, success, succeededAt) =>
        `EMR step ${failed.id} (${failed.name}) on ${cluster.id} failed at ${failedAt} but a later run ${success.id} completed at ${succeededAt}`,
    },
  });
}
