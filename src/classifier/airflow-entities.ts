import {
  ASSIGN,
  ID,
  LABEL_SEPARATOR,
  QUOTE,
  SEPARATED_ID,
  cleanName,
  escapeRegExp,
  firstCapture,
  global,
  resourceLikeName,
} from "./entity-patterns.js";

/**
 * Airflow and MWAA identifiers: DAG id, task id, DAG run id and the MWAA environment. Explicit
 * forms (`dag_id=…`, reprs, "DAG X", "MWAA environment X") come first; looser forms used by
 * people ("Environment: X", "(env X)", "X on prod-data-airflow", "X timed out") only count in an
 * Airflow ticket or when the name itself says Airflow, and must look like resource names.
 */

/** The ticket is about Airflow; AmazonMWAA is the CloudWatch namespace in alarm e-mails. */
const AIRFLOW_CONTEXT = /\b(?:mwaa|airflow|amazonmwaa|dags?)\b/i;

/** MWAA environment names: a letter, then letters, digits, `-` and `_`, up to 80; never a file name. */
const ENV_NAME = String.raw`([A-Za-z][\w-]{0,79})(?![\w-]|\.\w)`;

const TASK_INSTANCE_REPR = /<TaskInstance:\s*([A-Za-z0-9][\w-]{0,249})\.([A-Za-z0-9][\w.-]{0,249})\s/i;

const DAG_ID_PATTERNS = [
  global(String.raw`\bdag[_\s]?id${ASSIGN}(${ID})`),
  global(String.raw`<dag(?:run)?:?\s+(${ID})`),
  // "DAG X", "DAG: X", "[DAG = X]" (a CloudWatch dimension), "DAG run for X".
  global(String.raw`\bdag\b\s*[:=]?\s*(?:run\s+(?:for\s+)?)?${QUOTE}(${ID})`),
  global(String.raw`\b(${SEPARATED_ID})\s+dag\b`),
  // An Airflow failure alert's subject: "Airflow: supplier_catalog_ingest failed at load_supplier_catalog".
  global(String.raw`\bairflow\s*:\s*(${SEPARATED_ID})\s+(?:failed|failing|timed[ -]?out|errored)\b`),
];
/** "… failed at load_supplier_catalog": the task an Airflow failure alert names. */
const TASK_AFTER_FAILED_AT = global(String.raw`\b(?:failed|errored)\s+(?:at|in|on)\s+(?:task\s+)?(${SEPARATED_ID})\b`);
const TASK_ID_PATTERNS = [
  global(String.raw`\btask[_\s]?id${ASSIGN}(${ID})`),
  global(String.raw`\btask${LABEL_SEPARATOR}(?:instance\s+)?${QUOTE}(${ID})`),
];
const DAG_RUN_ID_PATTERNS = [
  global(String.raw`\b(?:dag[_\s]?)?run[_\s]?id${ASSIGN}([^\s,;"'<>]{1,250})`),
  global(
    String.raw`\b((?:scheduled|manual|backfill|dataset_triggered|asset_triggered)__\d{4}-\d{2}-\d{2}T[0-9:.+-]{0,40}Z?)`,
  ),
];

/** Forms that say MWAA outright: keys, the ARN, "MWAA env X", "Airflow environment: X". */
const MWAA_ENV_EXPLICIT = [
  global(String.raw`\b(?:environment_?name|mwaa_?env(?:ironment)?(?:_?name)?)${ASSIGN}${ENV_NAME}`),
  global(String.raw`arn:aws:airflow:[\w-]{1,30}:\d{12}:environment/${ENV_NAME}`),
  // MWAA log groups are airflow-<environment>-<component>.
  global(String.raw`\bairflow-([A-Za-z][\w-]{0,79})-(?:Task|DAGProcessing|Scheduler|WebServer|Worker)\b`, ""),
  global(
    String.raw`\b(?:mwaa|airflow)\s+env(?:ironment)?(?:[_\s]name)?(?:\s*[:=]\s*|\s+)(?:named\s+|called\s+)?${QUOTE}${ENV_NAME}`,
  ),
];
/** Forms that name "an environment": MWAA only in an Airflow ticket. */
const MWAA_ENV_IN_CONTEXT = [
  // "Environment: X", "environment=X" (flattened alert payloads), "[Environment = X]" (dimension).
  global(String.raw`\benv(?:ironment)?${ASSIGN}${ENV_NAME}`),
  // "(env X)", "environment X", "on environment X".
  global(String.raw`\benv(?:ironment)?\s+${QUOTE}${ENV_NAME}`),
  // ServiceNow configuration items: "MWAA - X", "MWAA: X".
  // Not "Airflow: X": that is an alert subject naming a DAG ("Airflow: daily_sales failed").
  global(String.raw`\b(?:mwaa(?:\s*:\s*|\s+-\s+)|airflow\s+-\s+)${ENV_NAME}`),
];
/** "on prod-data-airflow", "in mwaa-analytics": the name itself says it is an Airflow environment. */
const ENV_NAMING_AIRFLOW = global(String.raw`\b(?:on|in|at|to)\s+${QUOTE}${ENV_NAME}`);

/** Snake-case names that are followed by a failure verb: in an Airflow ticket, these are tasks. */
const FAILED_SNAKE_CASE = global(
  String.raw`(?<!\b(?:dag|job|glue|batch|pipeline|workflow|step|query|cluster|alarm)\s{1,5})` +
    String.raw`\b((?=[\w.-]{0,249}_)[A-Za-z][\w.-]{0,249})\s+(?:has\s+|was\s+|had\s+|is\s+)?` +
    String.raw`(?:failed|timed\s+out|raised|errored|crashed|was\s+killed|got\s+killed)\b`,
);

export interface AirflowEntities {
  readonly dag_id?: string;
  readonly task_id?: string;
  readonly dag_run_id?: string;
  readonly mwaa_environment?: string;
}

function mwaaEnvironment(text: string): string | undefined {
  const explicit = firstCapture(text, MWAA_ENV_EXPLICIT);
  if (explicit !== undefined) return explicit;
  if (AIRFLOW_CONTEXT.test(text)) {
    const inContext = firstCapture(text, MWAA_ENV_IN_CONTEXT, resourceLikeName);
    if (inContext !== undefined) return inContext;
  }
  return firstCapture(text, [ENV_NAMING_AIRFLOW], (raw) => {
    const name = resourceLikeName(raw);
    return name !== undefined && /airflow|mwaa/i.test(name) ? name : undefined;
  });
}

function dagRunId(text: string): string | undefined {
  return firstCapture(text, DAG_RUN_ID_PATTERNS, (raw) => {
    const value = raw?.replace(/[.)\]]+$/, "");
    // `run_id=jr_…` is a Glue run, not an Airflow one.
    return value === undefined || value.length < 2 || /^jr_/i.test(value) ? undefined : value;
  });
}

/**
 * "daily_sales_pipeline on prod-data-airflow": what runs on an MWAA environment is a DAG. Names
 * labelled as something else ("task X on …", "Glue job: X on …") and names already taken for
 * another resource are skipped.
 */
function dagRunningOn(text: string, environment: string, taken: ReadonlySet<string>): string | undefined {
  const pattern = global(
    String.raw`(?<!\b(?:task|job|step|query|cluster|topic|group|alarm|table|file|key)\s{0,5}[:=]?\s{0,5})` +
      String.raw`\b(${SEPARATED_ID})\s+(?:on|in)\s+(?:(?:mwaa|airflow)\s+)?(?:env(?:ironment)?\s+)?${QUOTE}` +
      String.raw`${escapeRegExp(environment)}(?![\w-])`,
  );
  return firstCapture(text, [pattern], (raw) => {
    const name = resourceLikeName(raw);
    return name === undefined || taken.has(name) || AWS_RESOURCE_ID.test(name) ? undefined : name;
  });
}

/** "sg-07c2… on MWAA prod-analytics-airflow" is a security group of the environment, not a DAG. */
const AWS_RESOURCE_ID = /^(?:sg|subnet|vpc|vpce|eni|i|ami|vol|snap|rtb|igw|nat|acl|arn)-[0-9a-f]/i;

/** "wait_for_inventory_file timed out after 3h": the failing task, when nothing labels one. */
function taskNamedByFailure(text: string, taken: ReadonlySet<string>): string | undefined {
  return firstCapture(text, [FAILED_SNAKE_CASE], (raw) => {
    const name = cleanName(raw);
    return name === undefined || taken.has(name) ? undefined : name;
  });
}

/** The task of "failed at <task>", in an Airflow ticket, when it is not the environment itself. */
function failedAtTask(text: string, environment: string | undefined): string | undefined {
  if (!AIRFLOW_CONTEXT.test(text)) return undefined;
  const task = firstCapture(text, [TASK_AFTER_FAILED_AT], resourceLikeName);
  return task === environment ? undefined : task;
}

/**
 * Extracts the Airflow identifiers. `otherNames` are names already taken for other resources
 * (the Glue job), which the loose DAG and task forms must not take again. Pure.
 */
export function extractAirflowEntities(text: string, otherNames: readonly string[] = []): AirflowEntities {
  const taskInstance = TASK_INSTANCE_REPR.exec(text);
  const environment = mwaaEnvironment(text);
  const labelledTask = taskInstance?.[2] ?? firstCapture(text, TASK_ID_PATTERNS) ?? failedAtTask(text, environment);
  const taken = new Set([...otherNames, ...(labelledTask === undefined ? [] : [labelledTask])]);
  const dagId =
    taskInstance?.[1] ??
    firstCapture(text, DAG_ID_PATTERNS) ??
    (environment === undefined ? undefined : dagRunningOn(text, environment, taken));
  const taskId =
    labelledTask ??
    (dagId !== undefined && AIRFLOW_CONTEXT.test(text)
      ? taskNamedByFailure(text, new Set([...otherNames, dagId]))
      : undefined);
  return { dag_id: dagId, task_id: taskId, dag_run_id: dagRunId(text), mwaa_environment: environment };
}
