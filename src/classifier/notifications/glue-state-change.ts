/**
 * EventBridge "Glue Job State Change" events (source aws.glue): detail.jobName, detail.state
 * (SUCCEEDED, FAILED, TIMEOUT, STOPPED), detail.jobRunId, detail.message — raw, in an SNS e-mail,
 * or in an SNS envelope. Glue writes the failure into detail.message ("JobName:X and JobRunId:jr_…
 * failed to execute with exception …"), so that is the error, except for a run that succeeded.
 */
import { findEvent } from "./event-fields.js";
import { finishFacts } from "./facts.js";
import { toIsoTime } from "./timestamps.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

const GLUE_JOB_EVENT = { source: "aws.glue", detailTypes: ["Glue Job State Change"] } as const;
/** States whose message is not an error ("Job run succeeded"). */
const HEALTHY_STATES = new Set(["SUCCEEDED", "RUNNING", "STARTING", "WAITING"]);

export function parseGlueJobStateChange(text: string): NotificationFacts | null {
  const event = findEvent(text, GLUE_JOB_EVENT);
  const jobName = event?.read("detail.jobName");
  const runId = event?.read("detail.jobRunId");
  if (event === undefined || (jobName === undefined && runId === undefined)) return null;
  const state = event.read("detail.state");
  return finishFacts({
    format: "eventbridge_glue_job_state_change",
    service: "glue",
    resource: { type: "glue_job", name: jobName },
    run_id: runId,
    state,
    time: toIsoTime(event.read("time")),
    error: HEALTHY_STATES.has((state ?? "").toUpperCase()) ? undefined : event.read("detail.message"),
  });
}

export const glueJobStateChangeParser: NotificationParser = {
  formats: ["eventbridge_glue_job_state_change"],
  parse: parseGlueJobStateChange,
};
