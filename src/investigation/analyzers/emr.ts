/**
 * get_emr_logs → analysis. A terminated cluster cannot take a re-run step: that is non-transient
 * whatever the step said. Otherwise the newest failed step is "the failure", a newer COMPLETED
 * step of the same name means it recovered, and the step's failure reason and message say why.
 */
import type { z } from "zod";
import { GetEmrLogsOutput, type EmrStepSchema } from "../../tools/emr/get-emr-logs.js";
import type { Analysis, Remediation } from "../types.js";
import {
  REPEATED_FAILURE_THRESHOLD,
  STRENGTH,
  analysis,
  clip,
  consecutiveFailures,
  explainFailure,
  failureStrength,
  labelled,
  parseOutput,
  recoveredAfterFailure,
} from "./common.js";
import { EMR_COMPLETED_STATE, EMR_FAILED_STEP_STATES as FAILED_STATES } from "../../tools/emr/step-states.js";

type EmrStep = z.infer<typeof EmrStepSchema>;

const TOOL = "get_emr_logs";
const ACTIVE_STATES = new Set(["PENDING", "RUNNING", "CANCEL_PENDING"]);
const isFailed = (step: EmrStep) => FAILED_STATES.has(step.state);
const finishedAt = (step: EmrStep) => step.ended ?? step.started;

export function analyzeEmrLogs(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetEmrLogsOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const { cluster, steps } = parsed.data;

  if (cluster.state.startsWith("TERMINATED")) {
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
  if (steps.length === 0) {
    return analysis(TOOL, {
      summary: `EMR cluster ${cluster.id} is ${cluster.state} and has no steps`,
      strength: STRENGTH.nothing,
    });
  }
  const failedIndex = steps.findIndex(isFailed);
  if (failedIndex === -1) {
    const latest = steps[0] as EmrStep;
    return analysis(TOOL, {
      summary: `EMR cluster ${cluster.id}: no failed step among the last ${steps.length}; latest step ${latest.id} is ${latest.state}`,
      strength: STRENGTH.weak,
    });
  }

  const failed = steps[failedIndex] as EmrStep;
  const failedAt = finishedAt(failed);
  const candidate: Remediation = {
    action: "retry_emr",
    args: { cluster_id: cluster.id, step_id: failed.id },
    resource: { type: "emr_cluster", id: cluster.id },
  };
  const newer = steps.slice(0, failedIndex);
  const success = newer.find((step) => step.state === EMR_COMPLETED_STATE && step.name === failed.name);
  if (success) {
    const text = `EMR step ${failed.id} (${failed.name}) on ${cluster.id} failed at ${failedAt} but a later run ${success.id} completed at ${finishedAt(success)}`;
    return recoveredAfterFailure(TOOL, text, {
      retry_candidate: candidate,
      failed_at: failedAt,
      succeeded_at: finishedAt(success),
    });
  }

  const message = [failed.failure_reason, failed.failure_message].filter(Boolean).join(": ") || null;
  const explained = explainFailure(message, []);
  const { kind, label } = explained.classification;
  const rootCause = `EMR step ${failed.id} (${failed.name}) on cluster ${cluster.id} ${failed.state} at ${failedAt}: ${
    explained.text ? clip(explained.text) : "no failure details"
  }${failed.log_file ? ` (log: ${failed.log_file})` : ""}`;
  const inProgress = newer.find((step) => ACTIVE_STATES.has(step.state) && step.name === failed.name);
  const sameName = steps.filter((step) => step.name === failed.name);
  const repeated = consecutiveFailures(sameName, isFailed) >= REPEATED_FAILURE_THRESHOLD;
  const safeToRerun = kind === "transient" && !inProgress && !repeated;

  return analysis(TOOL, {
    summary: labelled(rootCause, kind === "undetermined" ? null : label),
    root_cause: rootCause,
    cause_kind: kind,
    cause_label: kind === "undetermined" ? null : label,
    strength: inProgress ? Math.min(failureStrength(explained), STRENGTH.context) : failureStrength(explained),
    remediation: safeToRerun ? candidate : null,
    retry_candidate: candidate,
    failed_at: failedAt,
  });
}
