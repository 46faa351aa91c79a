/**
 * Parsers for the notifications people paste into tickets. Each takes the ticket text
 * (short_description + "\n" + description, and additional_info as text — raw JSON or text.ts's
 * flattened `key=value` lines) and returns NotificationFacts or null. All are pure, never throw,
 * and do bounded work (see text-cleanup.ts and json-objects.ts for the limits).
 *
 * What each reads, and where its fixtures (./fixtures/<format>-<n>.txt, first line `# source:`) come from:
 *  - glue-state-change.ts — EventBridge "Glue Job State Change" (detail.jobName/state/jobRunId/message),
 *    raw, in an SNS e-mail or an SNS envelope. Fixtures: the Amazon CloudWatch Events user guide's
 *    Glue event examples (awsdocs/amazon-cloudwatch-events-user-guide, EventTypes.md), the SNS e-mail
 *    wrapper from aws-samples/aws-iot-device-defender-workshop.
 *  - glue-job-notification.ts — forwarded Glue failure text: "The Glue job, X, failed with error: …
 *    Job Run ID: jr_…" (LBHackney-IT/Data-Platform#825), "Glue failure detected for job: *X*"
 *    (LBHackney-IT/Data-Platform's Google Chat notifier test), Glue's own "JobName:X and JobRunId:jr_…
 *    failed to execute with exception …" (aws/aws-sdk-java#1612).
 *  - cloudwatch-alarm-email.ts — the CloudWatch alarm e-mail ("You are receiving this email because
 *    your Amazon CloudWatch Alarm …", Alarm Details, Monitored Metric, Dimensions). Fixture: the AWS
 *    Support user guide's Trusted Advisor alarm e-mail (awsdocs/aws-support-user-guide).
 *  - cloudwatch-alarm-json.ts — the alarm's SNS JSON (AlarmName, NewStateValue, NewStateReason,
 *    StateChangeTime, Trigger.Dimensions), bare or in an SNS envelope / Lambda record. Fixtures:
 *    aws/aws-lambda-go's cloudwatch-alarm-sns-payload-single-metric.json, gists collingo/11cbabc…
 *    and dacc/2166108.
 *  - cloudwatch-dimensions.ts — maps dimension names (DAG, JobName, JobFlowId, Consumer Group,
 *    Environment, WorkGroup …) to resources, for both alarm parsers.
 *  - airflow-email.ts — Airflow's default email_on_failure/email_on_retry e-mail (template in
 *    apache/airflow airflow/models/taskinstance.py); fixtures: the rendered body pasted in
 *    bitnami/bitnami-docker-airflow#57, and the template rendered with adapted names.
 *  - scheduler-banner.ts — "The scheduler does not appear to be running. Last heartbeat was received
 *    … ago." (apache/airflow#8638, datarootsio/terraform-aws-ecs-airflow#38; the MWAA user guide's
 *    troubleshooting entry for the MWAA variant).
 *  - athena-state-change.ts — EventBridge "Athena Query State Change" (detail.currentState,
 *    queryExecutionId, workgroupName, and athenaError when present). Fixtures: the Athena user guide's
 *    examples (awsdocs/amazon-athena-user-guide, athena-cloudwatch-events.md).
 *  - emr-state-change.ts — EventBridge "EMR Step Status Change" and "EMR Cluster State Change".
 *    Fixtures: the CloudWatch Events user guide's EMR examples.
 * No public example of an EventBridge "MWAA Environment Status Change" event was found (the
 * EventBridge reference lists the type without a sample), so there is no parser for it.
 *
 * Order matters where formats overlap: the structured events come first (a Glue event's message is
 * also Glue's failure text; an SNS e-mail of an alarm may carry both the text and the JSON), then the
 * e-mails, then the free-text forms.
 */
import { airflowFailureEmailParser } from "./airflow-email.js";
import { athenaQueryStateChangeParser } from "./athena-state-change.js";
import { cloudWatchAlarmEmailParser } from "./cloudwatch-alarm-email.js";
import { cloudWatchAlarmJsonParser } from "./cloudwatch-alarm-json.js";
import { emrStateChangeParser } from "./emr-state-change.js";
import { glueJobNotificationParser } from "./glue-job-notification.js";
import { glueJobStateChangeParser } from "./glue-state-change.js";
import { schedulerBannerParser } from "./scheduler-banner.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

export const ALL_NOTIFICATION_PARSERS: readonly NotificationParser[] = [
  glueJobStateChangeParser,
  athenaQueryStateChangeParser,
  emrStateChangeParser,
  cloudWatchAlarmJsonParser,
  cloudWatchAlarmEmailParser,
  airflowFailureEmailParser,
  glueJobNotificationParser,
  schedulerBannerParser,
];

/** The facts of the first notification format the text holds, in ALL_NOTIFICATION_PARSERS order. */
export function parseNotification(text: string): NotificationFacts | null {
  if (typeof text !== "string" || text.trim() === "") return null;
  for (const parser of ALL_NOTIFICATION_PARSERS) {
    try {
      const facts = parser.parse(text);
      if (facts !== null) return facts;
    } catch {
      // Parsers are written not to throw; a bug in one must not hide the others' findings.
      continue;
    }
  }
  return null;
}

export { parseAirflowFailureEmail } from "./airflow-email.js";
export { parseAthenaQueryStateChange } from "./athena-state-change.js";
export { parseCloudWatchAlarmEmail } from "./cloudwatch-alarm-email.js";
export { parseCloudWatchAlarmJson } from "./cloudwatch-alarm-json.js";
export { parseEmrStateChange } from "./emr-state-change.js";
export { parseGlueJobNotification } from "./glue-job-notification.js";
export { parseGlueJobStateChange } from "./glue-state-change.js";
export { parseSchedulerBanner } from "./scheduler-banner.js";
export { NOTIFICATION_FORMATS, NotificationFactsSchema } from "./types.js";
export type { NotificationFacts, NotificationFormat, NotificationParser, ResourceRef, ResourceType } from "./types.js";
