/**
 * EventBridge "Athena Query State Change" events (source aws.athena): detail.currentState,
 * detail.previousState, detail.queryExecutionId, detail.workgroupName. Most carry no failure reason;
 * the Athena user guide's FAILED example has an `athenaError` block (errorMessage, errorType …), and
 * when it is there its errorMessage is the error. Otherwise error is null: the reason has to come
 * from GetQueryExecution.
 */
import { findEvent } from "./event-fields.js";
import { finishFacts } from "./facts.js";
import { toIsoTime } from "./timestamps.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

const ATHENA_QUERY_EVENT = { source: "aws.athena", detailTypes: ["Athena Query State Change"] } as const;

export function parseAthenaQueryStateChange(text: string): NotificationFacts | null {
  const event = findEvent(text, ATHENA_QUERY_EVENT);
  const queryId = event?.read("detail.queryExecutionId");
  if (event === undefined || queryId === undefined) return null;
  return finishFacts({
    format: "eventbridge_athena_query_state_change",
    service: "athena",
    resource: { type: "athena_query", name: queryId },
    related: [{ type: "athena_workgroup", name: event.read("detail.workgroupName") }],
    run_id: queryId,
    state: event.read("detail.currentState"),
    time: toIsoTime(event.read("time")),
    error: event.read("detail.athenaError.errorMessage"),
  });
}

export const athenaQueryStateChangeParser: NotificationParser = {
  formats: ["eventbridge_athena_query_state_change"],
  parse: parseAthenaQueryStateChange,
};
