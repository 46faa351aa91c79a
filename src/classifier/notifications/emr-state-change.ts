/**
 * EventBridge EMR events (source aws.emr):
 *  - "EMR Step Status Change": detail.stepId, detail.name (the step's name), detail.clusterId,
 *    detail.state, detail.actionOnFailure, detail.message ("Step s-… (name) in Amazon EMR cluster
 *    j-… failed at …");
 *  - "EMR Cluster State Change": detail.clusterId, detail.name, detail.state, detail.message and
 *    detail.stateChangeReason, a JSON string ({"code":"…","message":"…"}).
 * A step is named as Glue jobs are: its name is the resource, its id the run.
 */
import { findEvent } from "./event-fields.js";
import type { EventFields } from "./event-fields.js";
import { finishFacts } from "./facts.js";
import { isJsonObject } from "./json-objects.js";
import { toIsoTime } from "./timestamps.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

const EMR_EVENT = { source: "aws.emr", detailTypes: ["EMR Step Status Change", "EMR Cluster State Change"] } as const;
const FAILED_STEP_STATES = new Set(["FAILED", "CANCELLED", "INTERRUPTED"]);

/** stateChangeReason is JSON inside a string; its message is the cause, when it gives one. */
function stateChangeReasonMessage(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const reason: unknown = JSON.parse(raw);
    return isJsonObject(reason) && typeof reason.message === "string" ? reason.message : undefined;
  } catch {
    return undefined;
  }
}

function stepFacts(event: EventFields): NotificationFacts | null {
  const stepId = event.read("detail.stepId");
  const state = event.read("detail.state");
  return finishFacts({
    format: "eventbridge_emr_step_state_change",
    service: "emr",
    resource: { type: "emr_step", name: event.read("detail.name") ?? stepId },
    related: [{ type: "emr_cluster", name: event.read("detail.clusterId") }],
    run_id: stepId,
    state,
    time: toIsoTime(event.read("time")),
    error: FAILED_STEP_STATES.has((state ?? "").toUpperCase()) ? event.read("detail.message") : undefined,
  });
}

function clusterFacts(event: EventFields): NotificationFacts | null {
  const state = event.read("detail.state");
  const failed = (state ?? "").toUpperCase() === "TERMINATED_WITH_ERRORS";
  return finishFacts({
    format: "eventbridge_emr_cluster_state_change",
    service: "emr",
    resource: { type: "emr_cluster", name: event.read("detail.clusterId") },
    state,
    time: toIsoTime(event.read("time")),
    error: failed
      ? (stateChangeReasonMessage(event.read("detail.stateChangeReason")) ?? event.read("detail.message"))
      : undefined,
  });
}

export function parseEmrStateChange(text: string): NotificationFacts | null {
  const event = findEvent(text, EMR_EVENT);
  if (event === undefined || (event.read("detail.clusterId") ?? event.read("detail.stepId")) === undefined) return null;
  return event.detailType === "EMR Step Status Change" ? stepFacts(event) : clusterFacts(event);
}

export const emrStateChangeParser: NotificationParser = {
  formats: ["eventbridge_emr_step_state_change", "eventbridge_emr_cluster_state_change"],
  parse: parseEmrStateChange,
};
