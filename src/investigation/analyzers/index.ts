/** One analyzer per tool domain, and the dispatcher that picks the right one for a tool run. */
import type { Intent } from "../../state/intents.js";
import { isReadOnlyTool, type ReadOnlyToolName } from "../../tools/catalog.js";
import type { Analysis, ToolRun } from "../types.js";
import { analyzeMwaaLogs } from "./airflow.js";
import { analyzeCloudwatchAlarm } from "./alarm.js";
import { analyzeAthenaQuery } from "./athena.js";
import { STRENGTH, analysis } from "./common.js";
import { analyzeEmrLogs } from "./emr.js";
import { analyzeGlueLogs } from "./glue.js";
import { analyzeKafkaConsumerStatus } from "./kafka.js";
import { analyzeS3Logs, analyzeVerifySourceData } from "./s3.js";

export { analyzeMwaaLogs } from "./airflow.js";
export { analyzeCloudwatchAlarm } from "./alarm.js";
export { analyzeAthenaQuery } from "./athena.js";
export { STRENGTH, REPEATED_FAILURE_THRESHOLD } from "./common.js";
export { analyzeEmrLogs } from "./emr.js";
export { analyzeGlueLogs } from "./glue.js";
export { analyzeKafkaConsumerStatus } from "./kafka.js";
export { analyzeS3Logs, analyzeVerifySourceData } from "./s3.js";

type Analyzer = (output: unknown, run: ToolRun, intent: Intent | undefined) => Analysis;

const ANALYZERS: Record<ReadOnlyToolName, Analyzer> = {
  get_glue_logs: (output) => analyzeGlueLogs(output),
  get_mwaa_logs: (output) => analyzeMwaaLogs(output),
  get_athena_query: (output) => analyzeAthenaQuery(output),
  verify_source_data: (output, run) => analyzeVerifySourceData(output, run.args),
  get_s3_logs: (output) => analyzeS3Logs(output),
  get_cloudwatch_alarm: (output, _run, intent) => analyzeCloudwatchAlarm(output, intent),
  get_emr_logs: (output) => analyzeEmrLogs(output),
  get_kafka_consumer_status: (output) => analyzeKafkaConsumerStatus(output),
  // A listing resolves the names a ticket uses; it says nothing about what went wrong.
  list_resources: (_output, run) =>
    analysis(run.tool, { summary: `${run.tool}: a listing of resource names, not evidence`, strength: STRENGTH.none }),
};

/**
 * The analysis of one tool run. A failed call is an analysis too — strength 0, no cause — so
 * analyses line up one-to-one with runs and an error can never count as evidence.
 */
export function analyzeRun(run: ToolRun, intent?: Intent): Analysis {
  if (run.error) {
    return analysis(run.tool, {
      summary: `${run.tool} failed: ${run.error.code}: ${run.error.message}`,
      strength: STRENGTH.none,
    });
  }
  if (!isReadOnlyTool(run.tool)) {
    return analysis(run.tool, { summary: `${run.tool}: no analyzer for this tool`, strength: STRENGTH.none });
  }
  return ANALYZERS[run.tool](run.full_output ?? run.output, run, intent);
}
