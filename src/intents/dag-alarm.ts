/**
 * dag_alarm: a CloudWatch alarm about DAG status, latency or SLA fired; the alarm is the subject.
 * Signals: an alarm is a DAG alarm only in Airflow context.
 */
import { DAG_CONTEXT, GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const dagAlarm = defineIntent({
  name: "dag_alarm",
  meaning: "a CloudWatch alarm about DAG status, latency or SLA fired; the alarm is the subject",
  diagramLabel: "mwaa_dag_failure",
  tools: ["get_cloudwatch_alarm", "get_mwaa_logs", "verify_source_data", "retry_airflow_dag"],
  retryBudget: 3,
  primaryTools: ["get_cloudwatch_alarm", "get_mwaa_logs"],
  followUpTools: ["get_glue_logs", "verify_source_data"],
  playbook: { alarmByNamePrefix: true, alarmClearedMeansRecovered: true },
  precedence: {
    rank: 4,
    over: ["dag_failure"],
    why: "the CloudWatch alarm about the DAG is the subject",
  },
  signals: {
    text: [
      {
        id: "alarm.notification",
        label: "CloudWatch ALARM notification",
        pattern: rx(
          String.raw`^\s*alarm:|\balarm:\s*"|\bstate changed (?:from \w+ )?to alarm\b|\b(?:entered|in|to|into) (?:the )?alarm state\b|\bnewstatevalue\W{0,5}alarm\b|\bchanged state to alarm\b`,
        ),
        weight: 3,
        decisive: true,
        requires: DAG_CONTEXT,
      },
      {
        id: "alarm.cloudwatch",
        label: "CloudWatch alarm",
        pattern: rx(String.raw`\bcloudwatch alarm\b|\balarm ?name\b`),
        weight: 2,
        decisive: true,
        requires: DAG_CONTEXT,
      },
      {
        id: "alarm.named",
        label: "alarm named",
        pattern: rx(String.raw`\balarms?\b`),
        weight: 1,
        requires: DAG_CONTEXT,
      },
      {
        id: "alarm.sla",
        label: "SLA/latency breach",
        pattern: rx(String.raw`\b(?:sla|latency|duration)\b${GAP}\b(?:breach(?:ed)?|violat\w*|exceeded|threshold)`),
        weight: 1,
        requires: DAG_CONTEXT,
      },
      {
        id: "alarm.metric",
        label: "CloudWatch metric threshold",
        pattern: rx(
          String.raw`\bthreshold crossed\b|\bdatapoints?\b|\b(?:greater|less)thanthreshold\b|\bevaluation periods?\b`,
        ),
        weight: 1,
        requires: DAG_CONTEXT,
      },
      {
        id: "alarm.without-dag",
        label: "CloudWatch alarm (no DAG named)",
        pattern: rx(String.raw`^\s*alarm:|\bstate changed (?:from \w+ )?to alarm\b|\bcloudwatch alarm\b`),
        // It is the only dag_alarm signal that can match without DAG context, and even in the subject
        // and repeated in the body (×(SUBJECT_WEIGHT + CORROBORATION_WEIGHT) = ×2) it stays below
        // MIN_SCORE: an alarm on bastion CPU is `unknown`, and an arrival alarm is decided by its subject.
        weight: 0.4,
        unless: DAG_CONTEXT,
      },
    ],
    entity: [],
  },
});
