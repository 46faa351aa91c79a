import type { Entities } from "../state/classification.js";

/**
 * Pulls the identifiers the investigation tools need out of ticket text. Only what is really
 * there is set: every field comes from an explicit `key=value`, a well-known id format (jr_…, j-…,
 * UUID, s3://…) or a name right after the noun that introduces it ("Glue job X", "DAG X"), and
 * words such as "failed" or "run" are never taken for names.
 *
 * All patterns are linear: bounded repetitions and no nested quantifiers, so a pasted log of
 * tens of kilobytes costs microseconds.
 */

const ID = String.raw`[A-Za-z0-9][\w.-]{0,254}`;
const QUOTE = String.raw`["'\x60]?`;
const ASSIGN = String.raw`\s*["']?\s*[:=]\s*["']?`;
const UUID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;

/** Words that follow "job", "DAG", "task", "topic" … in prose but are never names. */
const NOT_A_NAME = new Set(
  (
    "a an the this that these those it its is was were are be been has have had for from of on in at to by with " +
    "and or not no did does could would should will can named called run runs running rerun failed fail fails " +
    "failure failures failing error errors errored timed timeout stuck status state id ids name names " +
    "job jobs dag dags task tasks instance instances alert alarm alarms environment env health healthy " +
    "unhealthy lag offset offsets partition partitions group groups topic topics cluster clusters step steps " +
    "query queries workgroup log logs bucket which who again today yesterday last latest also still now " +
    "details detail below above here there please team athena glue emr kafka msk mwaa airflow cloudwatch " +
    "scheduler webserver worker workers update updates ui is_paused succeeded success successful started " +
    "completed complete finished didn't couldn't hasn't isn't wasn't after before since while when where " +
    "lags lagging consumer consumers producer producers messages events records data"
  ).split(" "),
);

const KNOWN_ATHENA_CODE = new RegExp(
  String.raw`\b(HIVE_[A-Z_]{3,60}|ICEBERG_[A-Z_]{3,60}|SYNTAX_ERROR|TABLE_NOT_FOUND|COLUMN_NOT_FOUND|` +
    String.raw`SCHEMA_NOT_FOUND|CATALOG_NOT_FOUND|GENERIC_INTERNAL_ERROR|GENERIC_USER_ERROR|` +
    String.raw`INVALID_FUNCTION_ARGUMENT|INVALID_CAST_ARGUMENT|TYPE_MISMATCH|FUNCTION_NOT_FOUND|NOT_SUPPORTED|` +
    String.raw`EXCEEDED_TIME_LIMIT|EXCEEDED_[A-Z_]{0,20}MEMORY_LIMIT|DIVISION_BY_ZERO|AMBIGUOUS_NAME|` +
    String.raw`PERMISSION_DENIED|NUMERIC_VALUE_OUT_OF_RANGE)\b`,
  "i",
);

/** Cleans a captured name: trailing punctuation from prose ("job X." / "DAG X,") is not part of it. */
function cleanName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = raw.replace(/[.:,;'"\x60)-]+$/, "");
  if (name.length < 2 || NOT_A_NAME.has(name.toLowerCase())) return undefined;
  return name;
}

/** First capture (group 1) of any pattern, in pattern order then text order, that `accept` keeps. */
function firstCapture(
  text: string,
  patterns: readonly RegExp[],
  accept: (raw: string | undefined) => string | undefined = cleanName,
): string | undefined {
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const value = accept(match[1]);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

const global = (source: string, flags = "i"): RegExp => new RegExp(source, `${flags}g`);

const GLUE_JOB_PATTERNS = [
  global(String.raw`\b(?:job_?name|glue_?job(?:_?name)?|glue job name)${ASSIGN}(${ID})`),
  global(String.raw`\bglue(?:\s+etl)?(?:\s+spark)?\s+job\s+(?:named\s+|called\s+)?${QUOTE}(${ID})`),
  global(
    String.raw`(?<!\b(?:emr|spark|hadoop|flink|batch|step|cron|airflow|dag|kafka)\s{1,5})\bjob\s+${QUOTE}(${ID})${QUOTE}\s+` +
      String.raw`(?:has\s+|have\s+|was\s+|is\s+)?(?:failed|errored|timed\s+out|failing|did\s+not|could\s+not|not\s+started)`,
  ),
];
const GLUE_RUN_ID = global(String.raw`\b(jr_[0-9a-f]{8,128})\b`);

const DAG_ID_PATTERNS = [
  global(String.raw`\bdag_?id${ASSIGN}(${ID})`),
  global(String.raw`<dag(?:run)?:?\s+(${ID})`),
  global(String.raw`\bdag\b\s*:?\s*(?:run\s+(?:for\s+)?)?${QUOTE}(${ID})`),
  global(String.raw`\b((?=[\w.-]{0,254}[_-])${ID})\s+dag\b`),
];
const TASK_INSTANCE_REPR = /<TaskInstance:\s*([A-Za-z0-9][\w-]{0,249})\.([A-Za-z0-9][\w.-]{0,249})\s/i;
const TASK_ID_PATTERNS = [
  global(String.raw`\btask_?id${ASSIGN}(${ID})`),
  global(String.raw`\btask\s+(?:instance\s+)?${QUOTE}(${ID})`),
];
const DAG_RUN_ID_PATTERNS = [
  global(String.raw`\b(?:dag_?)?run_?id${ASSIGN}([^\s,;"'<>]{1,250})`),
  global(
    String.raw`\b((?:scheduled|manual|backfill|dataset_triggered|asset_triggered)__\d{4}-\d{2}-\d{2}T[0-9:.+-]{0,40}Z?)`,
  ),
];

const MWAA_ENV_PATTERNS = [
  global(String.raw`\b(?:environment_?name|mwaa_?env(?:ironment)?(?:_?name)?)${ASSIGN}(${ID})`),
  global(String.raw`arn:aws:airflow:[\w-]{1,30}:\d{12}:environment/(${ID})`),
  global(String.raw`\bmwaa\s+env(?:ironment)?\s*:?\s*${QUOTE}(${ID})`),
  global(String.raw`\b(?:airflow|mwaa)\s+environment\s+${QUOTE}(${ID})`),
];

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
  global(String.raw`\balarm:\s*"([^"\n]{1,255})"`),
  global(String.raw`\balarm_?name${ASSIGN}([^"',\n]{1,255})`),
  global(String.raw`\balarm\s+name\s*:\s*["']?([^"',\n]{1,255})`),
  global(String.raw`\balarm\s+["'\x60]([^"'\x60\n]{1,255})["'\x60]`),
  global(
    String.raw`\balarm\s+(${ID})\s+(?:has\s+|is\s+)?(?:state\s+)?(?:changed|entered|went|transitioned|fired|triggered|is\s+firing|in\s+alarm)`,
  ),
  global(String.raw`\bcloudwatch\s+alarm\s+(${ID})`),
];

const KAFKA_CLUSTER_PATTERNS = [
  global(String.raw`arn:aws:kafka:[\w-]{1,30}:\d{12}:cluster/(${ID})/`),
  global(String.raw`\b(?:msk|kafka)_?cluster(?:_?name)?${ASSIGN}(${ID})`),
  global(String.raw`\b(?:msk|kafka)\s+cluster\s*:?\s*${QUOTE}(${ID})`),
];
const KAFKA_TOPIC_PATTERNS = [
  global(String.raw`\b(?:kafka_?)?topic(?:_?name)?${ASSIGN}(${ID})`),
  global(String.raw`\btopic\s+${QUOTE}(${ID})`),
  global(String.raw`\b((?=[\w.-]{0,254}[._-])${ID})\s+topic\b`),
];
const CONSUMER_GROUP_PATTERNS = [
  global(String.raw`\b(?:consumer_?group(?:_?id)?|group[._]id)${ASSIGN}(${ID})`),
  global(String.raw`\bconsumer[\s-]?group\s+${QUOTE}(${ID})`),
];

const LOG_GROUP_PATTERNS = [
  global(String.raw`\blog[_\s]?group(?:[_\s]?name)?${ASSIGN}(/?[A-Za-z0-9_./#-]{1,511})`),
  global(String.raw`\blog\s+group\s+${QUOTE}(/?[A-Za-z0-9_./#-]{1,511})`),
  global(String.raw`(?:^|[\s"'(=:])(/aws(?:-glue)?/[A-Za-z0-9_./#-]{1,500})`),
  global(String.raw`\b(airflow-[\w-]{1,200}-(?:Task|DAGProcessing|Scheduler|WebServer|Worker))\b`),
];

const AIRFLOW_CONTEXT = /\b(?:mwaa|airflow)\b/i;

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
}

/**
 * Splits an S3 key into the dataset prefix and its partition: the prefix stops before the first
 * partition segment (`dt=2026-11-23`, `year=2026`, a bare `2026` or `2026-11-23` date folder) and
 * never includes a file name. `payments/dt=2026-11-23/part-0.parquet` → `payments/` + 2026-11-23.
 */
export function splitS3Key(key: string): { prefix?: string; partitionDate?: string } {
  const segments = key.split("/").filter((segment) => segment !== "");
  const lastIsObject = !key.endsWith("/") && segments.length > 0 && /[.*]/.test(segments[segments.length - 1] ?? "");
  const folders = lastIsObject ? segments.slice(0, -1) : segments;
  const partitionAt = folders.findIndex((segment) => segment.includes("=") || /^\d{4}(?:-\d{2}-\d{2})?$/.test(segment));
  const datasetFolders = partitionAt === -1 ? folders : folders.slice(0, partitionAt);
  const partition = partitionAt === -1 ? [] : folders.slice(partitionAt);
  return {
    prefix: datasetFolders.length > 0 ? `${datasetFolders.join("/")}/` : undefined,
    partitionDate: partitionDateOf(partition),
  };
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

function dagRunId(text: string): string | undefined {
  return firstCapture(text, DAG_RUN_ID_PATTERNS, (raw) => {
    const value = raw?.replace(/[.)\]]+$/, "");
    // `run_id=jr_…` is a Glue run, not an Airflow one.
    return value === undefined || value.length < 2 || /^jr_/i.test(value) ? undefined : value;
  });
}

function mwaaEnvironment(text: string): string | undefined {
  const named = firstCapture(text, MWAA_ENV_PATTERNS);
  if (named !== undefined) return named;
  // "environment prod-airflow-2" alone names an MWAA environment only in an Airflow ticket.
  if (!AIRFLOW_CONTEXT.test(text)) return undefined;
  return firstCapture(text, [global(String.raw`\benvironment\s+${QUOTE}((?=[\w.-]{0,254}[_-])${ID})`)]);
}

function kafkaCluster(text: string): string | undefined {
  const named = firstCapture(text, KAFKA_CLUSTER_PATTERNS);
  if (named !== undefined || !/\b(?:kafka|msk)\b/i.test(text)) return named;
  return firstCapture(text, [global(String.raw`\bcluster_?name${ASSIGN}(${ID})`)]);
}

function trimmed(raw: string | undefined): string | undefined {
  const value = raw?.trim().replace(/[.,;]+$/, "");
  return value === undefined || value === "" ? undefined : value;
}

/** Drops undefined fields, so the result only has keys for what was found. */
function compact(entities: { [K in keyof Entities]: string | undefined }): Entities {
  return Object.fromEntries(Object.entries(entities).filter(([, value]) => value !== undefined)) as Entities;
}

/** Extracts the entities from (sanitised, normalised) ticket text. Pure. */
export function extractEntities(text: string): Entities {
  const taskInstance = TASK_INSTANCE_REPR.exec(text);
  const s3 = firstS3Location(text);
  return compact({
    glue_job_name: firstCapture(text, GLUE_JOB_PATTERNS),
    glue_run_id: firstCapture(text, [GLUE_RUN_ID], (raw) => raw),
    dag_id: taskInstance?.[1] ?? firstCapture(text, DAG_ID_PATTERNS),
    task_id: taskInstance?.[2] ?? firstCapture(text, TASK_ID_PATTERNS),
    dag_run_id: dagRunId(text),
    mwaa_environment: mwaaEnvironment(text),
    athena_query_id: athenaQueryId(text),
    athena_error_code: athenaErrorCode(text),
    athena_workgroup: firstCapture(text, WORKGROUP_PATTERNS),
    s3_bucket: s3?.bucket,
    s3_prefix: s3?.prefix,
    partition_date: s3?.partitionDate ?? partitionDateFromText(text),
    emr_cluster_id: firstCapture(text, [EMR_CLUSTER_ID], (raw) => raw),
    emr_step_id: firstCapture(text, [EMR_STEP_ID], (raw) => raw),
    alarm_name: firstCapture(text, ALARM_PATTERNS, trimmed),
    kafka_cluster: kafkaCluster(text),
    kafka_topic: firstCapture(text, KAFKA_TOPIC_PATTERNS),
    kafka_consumer_group: firstCapture(text, CONSUMER_GROUP_PATTERNS),
    log_group: firstCapture(text, LOG_GROUP_PATTERNS, (raw) => trimmed(raw)?.replace(/[:/]+$/, "")),
  });
}
