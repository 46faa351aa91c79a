import type { Entities } from "../state/classification.js";
import { extractAirflowEntities } from "./airflow-entities.js";
import {
  ASSIGN,
  ID,
  LABEL_SEPARATOR,
  QUOTE,
  SEPARATED_ID,
  UUID,
  alarmName,
  cleanName,
  firstCapture,
  global,
  resourceLikeName,
  trimmed,
} from "./entity-patterns.js";

/**
 * Pulls the identifiers the investigation tools need out of ticket text. Only what is really
 * there is set: every field comes from an explicit `key=value`, a well-known id format (jr_…, j-…,
 * UUID, s3://…) or a name right after the noun that introduces it ("Glue job X", "DAG X"), and
 * words such as "failed" or "run" are never taken for names. Names introduced more loosely
 * ("X glue run jr_…", "on acme-msk-prod", ServiceNow CIs such as "Glue Job - X") must also look
 * like resource names (see resourceLikeName).
 */

const KNOWN_ATHENA_CODE = new RegExp(
  String.raw`\b(HIVE_[A-Z_]{3,60}|ICEBERG_[A-Z_]{3,60}|SYNTAX_ERROR|TABLE_NOT_FOUND|COLUMN_NOT_FOUND|` +
    String.raw`SCHEMA_NOT_FOUND|CATALOG_NOT_FOUND|GENERIC_INTERNAL_ERROR|GENERIC_USER_ERROR|` +
    String.raw`INVALID_FUNCTION_ARGUMENT|INVALID_CAST_ARGUMENT|TYPE_MISMATCH|FUNCTION_NOT_FOUND|NOT_SUPPORTED|` +
    String.raw`EXCEEDED_TIME_LIMIT|EXCEEDED_[A-Z_]{0,20}MEMORY_LIMIT|DIVISION_BY_ZERO|AMBIGUOUS_NAME|` +
    String.raw`PERMISSION_DENIED|NUMERIC_VALUE_OUT_OF_RANGE)\b`,
  "i",
);

const GLUE_JOB_PATTERNS = [
  // JobName=…, "jobName": "…", job_name: …, glue_job=…
  global(String.raw`\b(?:job_?name|glue_?job(?:_?name)?|glue job name)${ASSIGN}(${ID})`),
  // "Glue job X", "Glue job: X", "Glue Job - X" (a ServiceNow CI), "AWS Glue ETL job named X".
  global(String.raw`\bglue(?:\s+etl)?(?:\s+spark)?\s+job${LABEL_SEPARATOR}(?:named\s+|called\s+)?${QUOTE}(${ID})`),
  global(
    String.raw`(?<!\b(?:emr|spark|hadoop|flink|batch|step|cron|airflow|dag|kafka)\s{1,5})\bjob\s+${QUOTE}(${ID})${QUOTE}\s+` +
      String.raw`(?:has\s+|have\s+|was\s+|is\s+)?(?:failed|errored|timed\s+out|failing|did\s+not|could\s+not|not\s+started)`,
  ),
];
/** "customer_360_features glue run jr_…", "orders_v2 Glue job failed": the name before the noun. */
const GLUE_JOB_BEFORE_NOUN = global(String.raw`\b(${SEPARATED_ID})\s+(?:aws\s+)?glue\s+(?:etl\s+)?(?:job|run)\b`);
/** Terse alerts: "glue inventory_snapshot jr_…", "inventory_snapshot run jr_…": the name beside a run id. */
const GLUE_JOB_BEFORE_RUN_ID = global(String.raw`\b(?:glue\s+)?(${SEPARATED_ID})\s+(?:run\s+)?jr_[0-9a-f]{8,128}\b`);
const GLUE_RUN_ID = global(String.raw`\b(jr_[0-9a-f]{8,128})\b`);

const ATHENA_QUERY_ID_EXPLICIT = global(
  String.raw`\b(?:query_?execution_?id|query\s*execution\s*id|query_?id|query\s+id)${ASSIGN}(${UUID})`,
);
const ATHENA_QUERY_ID_LOOSE = global(String.raw`\bquery(?:\s+|_?execution\s*)?(?:id\s+)?${QUOTE}(${UUID})`);
const ANY_UUID = global(`(${UUID})`);
const WORKGROUP_PATTERNS = [
  global(String.raw`\bwork_?group(?:_?name)?${ASSIGN}(${ID})`),
  global(String.raw`\bwork\s?group\s+${QUOTE}(${ID})`),
  global(String.raw`\b(${ID})\s+work\s?group\b`),
];

const S3_URI = global(String.raw`\bs3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/[^\s"'<>,;|)\]}]{0,1024})?`, "");
const S3_ARN = global(String.raw`\barn:aws:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/[^\s"'<>,;|)\]}]{0,1024})?`, "");
const BUCKET_KEY = global(String.raw`\bbucket(?:_?name)?${ASSIGN}([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])`);

const PARTITION_KEY_DATE = global(
  String.raw`\b(?:dt|ds|date|partition_?date|business_?date|load_?date|run_?date)\s*=\s*["']?(\d{4}-\d{2}-\d{2})\b`,
);
const PROSE_DATE = global(
  String.raw`\b(?:for|business\s+date|partition|dated|as\s+of|data\s+date|load\s+date)\s*:?\s*(\d{4}-\d{2}-\d{2})\b(?!T\d)`,
);
const YEAR_MONTH_DAY = /\byear=(\d{4})\/month=(\d{1,2})\/day=(\d{1,2})\b/i;

const EMR_CLUSTER_ID = global(String.raw`\b(j-[0-9A-Z]{8,20})\b`, "");
const EMR_STEP_ID = global(String.raw`\b(s-[0-9A-Z]{8,20})\b`, "");

const ALARM_PATTERNS = [
  // CloudWatch alarm e-mail: 'ALARM: "name" in US East (N. Virginia)' and "Alarm Details: - Name: …".
  global(String.raw`\balarm:\s*"([^"\n]{1,255})"`),
  global(String.raw`\balarm details:?\s*\n\s*-?\s*name:\s*([^\n]{1,255})`),
  global(String.raw`\balarm_?name${ASSIGN}([^"',\n]{1,255})`),
  global(String.raw`\balarm\s+name\s*:\s*["']?([^"',\n]{1,255})`),
  global(String.raw`\balarm\s+["'\x60]([^"'\x60\n]{1,255})["'\x60]`),
  global(
    String.raw`\balarm\s+(${ID})\s+(?:has\s+|is\s+)?(?:also\s+|still\s+|now\s+|again\s+)?(?:state\s+)?` +
      String.raw`(?:changed|entered|went|transitioned|fired|triggered|firing|is\s+firing|in\s+alarm)`,
  ),
  global(String.raw`\bcloudwatch\s+alarm\s+(${ID})`),
];
/**
 * "Alarm: batch-autorecovery-exhausted-daily_sales" (unquoted): one token, and only a resource-like
 * one, since "Alarm: High CPU on prod" would otherwise give "High".
 */
const ALARM_UNQUOTED = global(String.raw`\balarm\s*:\s*([A-Za-z][^\s"',]{1,254})`);
/** "alarm prod-airflow-scheduler-heartbeat-low …": a name with two or more separators needs no verb. */
const ALARM_MULTI_PART_NAME = global(String.raw`\balarm\s+${QUOTE}((?=[\w.-]{0,254}[_-][\w.]{1,254}[_-])${ID})`);

const KAFKA_CLUSTER_PATTERNS = [
  global(String.raw`arn:aws:kafka:[\w-]{1,30}:\d{12}:cluster/(${ID})/`),
  global(String.raw`\b(?:msk|kafka)_?cluster(?:_?name)?${ASSIGN}(${ID})`),
  global(String.raw`\b(?:msk|kafka)\s+cluster\s*:?\s*${QUOTE}(${ID})`),
];
/** Forms that name "a cluster": Kafka only in a Kafka ticket, and only resource-like names. */
const KAFKA_CLUSTER_IN_CONTEXT = [
  // "Cluster: X", "cluster_name=X", "[Cluster Name = X]" (the AWS/Kafka dimension).
  global(String.raw`\bcluster(?:[_\s]?name)?${ASSIGN}(${ID})`),
  // ServiceNow configuration items: "MSK - X", "Kafka: X".
  global(String.raw`\b(?:msk|kafka)(?:\s*:\s*|\s+-\s+)(${ID})`),
];
/** "on acme-msk-prod": the name itself says it is a Kafka cluster (MSK names: letters, digits, `-`). */
const CLUSTER_NAMING_KAFKA = global(
  String.raw`\b(?:on|in|at|to)\s+${QUOTE}([A-Za-z0-9][A-Za-z0-9-]{0,63})(?![\w-]|\.\w)`,
);
const KAFKA_TOPIC_PATTERNS = [
  global(String.raw`\b(?:kafka_?)?topic(?:_?name)?${ASSIGN}(${ID})`),
  global(String.raw`\btopic\s+${QUOTE}(${ID})`),
  global(String.raw`\b((?=[\w.-]{0,254}[._-])${ID})\s+topic\b`),
];
const CONSUMER_GROUP_PATTERNS = [
  global(String.raw`\b(?:consumer_?group(?:_?id)?|group[._]id)${ASSIGN}(${ID})`),
  // "consumer group X", "Consumer group: X", "[Consumer Group = X]".
  global(String.raw`\bconsumer[\s-]?group(?:\s*[:=]\s*|\s+)${QUOTE}(${ID})`),
];

const LOG_GROUP_PATTERNS = [
  global(String.raw`\blog[_\s]?group(?:[_\s]?name)?${ASSIGN}(/?[A-Za-z0-9_./#-]{1,511})`),
  global(String.raw`\blog\s+group\s+${QUOTE}(/?[A-Za-z0-9_./#-]{1,511})`),
  global(String.raw`(?:^|[\s"'(=:])(/aws(?:-glue)?/[A-Za-z0-9_./#-]{1,500})`),
  global(String.raw`\b(airflow-[\w-]{1,200}-(?:Task|DAGProcessing|Scheduler|WebServer|Worker))\b`),
  // "Consumer logs: /ecs/payments-enricher": a labelled path is a log group whatever its prefix.
  global(String.raw`\blogs?\s*:\s*(?!/(?:usr|var|tmp|home|opt|etc)/)(/[A-Za-z0-9_.#-][A-Za-z0-9_./#-]{0,510})`),
];

/** A date string is kept only when it is a real calendar date in ISO form. */
function validIsoDate(raw: string | undefined): string | undefined {
  if (raw === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const parsed = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(raw) ? raw : undefined;
}

interface S3Location {
  readonly bucket: string;
  readonly prefix?: string;
  readonly partitionDate?: string;
  readonly partitionKey?: string;
}

/**
 * Splits an S3 key into the dataset prefix and its partition: the prefix stops before the first
 * partition segment (`dt=2026-11-23`, `year=2026`, a bare `2026` or `2026-11-23` date folder) and
 * never includes a file name. `payments/dt=2026-11-23/part-0.parquet` → `payments/` + 2026-11-23.
 */
export function splitS3Key(key: string): { prefix?: string; partitionDate?: string; partitionKey?: string } {
  const segments = key.split("/").filter((segment) => segment !== "");
  const lastIsObject = !key.endsWith("/") && segments.length > 0 && /[.*]/.test(segments[segments.length - 1] ?? "");
  const folders = lastIsObject ? segments.slice(0, -1) : segments;
  const partitionAt = folders.findIndex((segment) => segment.includes("=") || /^\d{4}(?:-\d{2}-\d{2})?$/.test(segment));
  const datasetFolders = partitionAt === -1 ? folders : folders.slice(0, partitionAt);
  const partition = partitionAt === -1 ? [] : folders.slice(partitionAt);
  return {
    prefix: datasetFolders.length > 0 ? `${datasetFolders.join("/")}/` : undefined,
    partitionDate: partitionDateOf(partition),
    partitionKey: partitionKeyOf(partition),
  };
}

/** The key of a `key=YYYY-MM-DD` partition segment ("ds" in `ds=2025-09-07`), if there is one. */
function partitionKeyOf(partition: readonly string[]): string | undefined {
  for (const segment of partition) {
    const keyed = /^([a-z_]{1,30})=\d{4}-\d{2}-\d{2}$/i.exec(segment);
    if (keyed?.[1]) return keyed[1];
  }
  return undefined;
}

function partitionDateOf(partition: readonly string[]): string | undefined {
  for (const segment of partition) {
    const keyed = /^(?:dt|ds|date|partition_?date|business_?date|load_?date)=(\d{4}-\d{2}-\d{2})$/i.exec(segment);
    const bare = /^(\d{4}-\d{2}-\d{2})$/.exec(segment);
    const date = validIsoDate(keyed?.[1] ?? bare?.[1]);
    if (date !== undefined) return date;
  }
  const values = partition.map((segment) => segment.replace(/^[a-z_]+=/i, ""));
  const [year, month, day] = values;
  if (year !== undefined && month !== undefined && day !== undefined && /^\d{4}$/.test(year)) {
    return validIsoDate(`${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`);
  }
  return undefined;
}

function firstS3Location(text: string): S3Location | undefined {
  for (const pattern of [S3_URI, S3_ARN]) {
    for (const match of text.matchAll(pattern)) {
      const bucket = match[1];
      if (bucket === undefined) continue;
      const key = (match[2] ?? "/").slice(1).replace(/[.:]+$/, "");
      return { bucket, ...splitS3Key(key) };
    }
  }
  const bucket = firstCapture(text, [BUCKET_KEY], (raw) => raw);
  return bucket === undefined ? undefined : { bucket };
}

function partitionDateFromText(text: string): string | undefined {
  const keyed = firstCapture(text, [PARTITION_KEY_DATE, PROSE_DATE], validIsoDate);
  if (keyed !== undefined) return keyed;
  const ymd = YEAR_MONTH_DAY.exec(text);
  if (ymd === null) return undefined;
  return validIsoDate(`${ymd[1]}-${(ymd[2] ?? "").padStart(2, "0")}-${(ymd[3] ?? "").padStart(2, "0")}`);
}

function athenaQueryId(text: string): string | undefined {
  const explicit = firstCapture(text, [ATHENA_QUERY_ID_EXPLICIT, ATHENA_QUERY_ID_LOOSE], (raw) => raw);
  if (explicit !== undefined) return explicit.toLowerCase();
  // A bare UUID counts only when the words just before it talk about a query.
  for (const match of text.matchAll(ANY_UUID)) {
    const before = text.slice(Math.max(0, match.index - 80), match.index);
    if (/\b(?:athena|quer(?:y|ies)|execution)\b/i.test(before) && match[1] !== undefined) return match[1].toLowerCase();
  }
  return undefined;
}

/**
 * Athena reports resource exhaustion and timeouts as messages without a code; we give them stable
 * labels (EXHAUSTED_RESOURCES, QUERY_TIMEOUT) so the playbook and policy can match on them, but only
 * when the ticket is about Athena.
 */
function athenaErrorCode(text: string): string | undefined {
  const code = KNOWN_ATHENA_CODE.exec(text)?.[1];
  if (code !== undefined) return code.toUpperCase();
  const aboutAthena = /\b(?:athena|work\s?group|query_?execution_?id)\b/i.test(text);
  if (!aboutAthena) return undefined;
  if (/\bquery exhausted resources\b/i.test(text)) return "EXHAUSTED_RESOURCES";
  if (
    /\bquery\s+(?:timeout|timed\s+out)\b|\bexceeded\s+(?:the\s+)?maximum\s+(?:query\s+)?(?:execution\s+)?time/i.test(
      text,
    )
  ) {
    return "QUERY_TIMEOUT";
  }
  return undefined;
}

const KAFKA_CONTEXT = /\b(?:kafka|msk)\b/i;

function kafkaCluster(text: string): string | undefined {
  const named = firstCapture(text, KAFKA_CLUSTER_PATTERNS);
  if (named !== undefined || !KAFKA_CONTEXT.test(text)) return named;
  return (
    firstCapture(text, KAFKA_CLUSTER_IN_CONTEXT, resourceLikeName) ??
    firstCapture(text, [CLUSTER_NAMING_KAFKA], (raw) => {
      const name = resourceLikeName(raw);
      return name !== undefined && /(?:^|[-_])(?:msk|kafka)(?:$|[-_\d])/i.test(name) ? name : undefined;
    })
  );
}

function glueJobName(text: string): string | undefined {
  return (
    firstCapture(text, GLUE_JOB_PATTERNS) ??
    firstCapture(text, [GLUE_JOB_BEFORE_NOUN], resourceLikeName) ??
    firstCapture(text, [GLUE_JOB_BEFORE_RUN_ID], resourceLikeName)
  );
}

function cloudWatchAlarmName(text: string): string | undefined {
  return (
    firstCapture(text, ALARM_PATTERNS, alarmName) ??
    firstCapture(text, [ALARM_UNQUOTED], (raw) => (alarmName(raw) === undefined ? undefined : resourceLikeName(raw))) ??
    firstCapture(text, [ALARM_MULTI_PART_NAME], cleanName)
  );
}

/** Drops undefined fields, so the result only has keys for what was found. */
function compact(entities: { [K in keyof Entities]: string | undefined }): Entities {
  return Object.fromEntries(Object.entries(entities).filter(([, value]) => value !== undefined)) as Entities;
}

/** Extracts the entities from (sanitised, normalised) ticket text. Pure. */
export function extractEntities(text: string): Entities {
  const s3 = firstS3Location(text);
  const glueJob = glueJobName(text);
  const airflow = extractAirflowEntities(text, glueJob === undefined ? [] : [glueJob]);
  return compact({
    glue_job_name: glueJob,
    glue_run_id: firstCapture(text, [GLUE_RUN_ID], (raw) => raw),
    dag_id: airflow.dag_id,
    task_id: airflow.task_id,
    dag_run_id: airflow.dag_run_id,
    mwaa_environment: airflow.mwaa_environment,
    athena_query_id: athenaQueryId(text),
    athena_error_code: athenaErrorCode(text),
    athena_workgroup: firstCapture(text, WORKGROUP_PATTERNS),
    s3_bucket: s3?.bucket,
    s3_prefix: s3?.prefix,
    partition_date: s3?.partitionDate ?? partitionDateFromText(text),
    s3_partition_key: s3?.partitionKey === "dt" ? undefined : s3?.partitionKey,
    emr_cluster_id: firstCapture(text, [EMR_CLUSTER_ID], (raw) => raw),
    emr_step_id: firstCapture(text, [EMR_STEP_ID], (raw) => raw),
    alarm_name: cloudWatchAlarmName(text),
    kafka_cluster: kafkaCluster(text),
    kafka_topic: firstCapture(text, KAFKA_TOPIC_PATTERNS),
    kafka_consumer_group: firstCapture(text, CONSUMER_GROUP_PATTERNS),
    log_group: firstCapture(text, LOG_GROUP_PATTERNS, (raw) => trimmed(raw)?.replace(/[:/]+$/, "")),
  });
}
