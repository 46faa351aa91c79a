import type { Entities } from "../state/classification.js";
import { INTENTS, type Intent } from "../state/intents.js";

/**
 * The classifier's knowledge, as data: weighted signals per intent, entity signals, and the
 * precedence between intents. Everything here is read by signals.ts and score.ts; nothing else
 * encodes domain knowledge.
 *
 * ## Weights
 * A signal's weight is how much it says about its intent on its own:
 * - about 0.5–1: a service or object is merely named ("glue", "dashboard");
 * - about 1.5–2.5: a failure phrase about that service ("Glue job … failed", "query timed out");
 * - 3–4: unambiguous wording or codes (HIVE_BAD_DATA, TERMINATED_WITH_ERRORS, AccessDenied,
 *   "self-healing gave up").
 * A signal found in the short description counts SUBJECT_WEIGHT times: the subject of the ticket
 * is what the ticket is about. Each signal counts once per ticket (plus CORROBORATION_WEIGHT when the
 * body repeats a subject signal). score.ts turns totals into a
 * calibrated confidence.
 *
 * ## Precedence (the subject of the ticket wins)
 * Scores pick the intent, except where one intent *explains* another. A precedence rule applies
 * when its winner has a *decisive* signal; the intents it is placed over then leave the contest,
 * whatever they scored. Rules apply in order:
 *
 * 1. access_denied over everything. A permission failure (AccessDenied, "not authorized to
 *    perform", permission denied) or a request for access is the cause of whatever else the
 *    ticket shows, and no rerun fixes it. Chosen deliberately for "Glue job X failed: …
 *    AccessDeniedException …": that ticket is access_denied, because the access playbook (IAM
 *    evidence, escalation to the data owner) resolves it and the Glue retry playbook would only
 *    fail again. A *negated* mention ("no AccessDenied errors", "not a permission denied issue")
 *    is not a signal at all (see signals.ts), which is how a job failure whose log merely says
 *    that access was fine stays a job failure.
 * 2. batch_auto_recovery_failed over the service and data intents: when automated recovery gave
 *    up, that is the news, even if the ticket names the DAG, job or query it was recovering.
 * 3. mwaa_failure over dag_alarm and dag_failure: an unhealthy environment (scheduler heartbeat,
 *    webserver, workers, UPDATE_FAILED) fails every DAG; a DAG named in passing does not make it
 *    a DAG failure, and an alarm on the scheduler heartbeat is about the environment.
 * 4. dag_alarm over dag_failure: a CloudWatch alarm notification about a DAG (status, latency,
 *    SLA) is the subject even though the DAG failed or is late.
 * 5. source_zero_data over data_missing and data_not_available: an empty delivery or days missing
 *    at the source explain absent output downstream.
 * 6. data_missing over data_not_available: once an expected location, partition or file is
 *    named, the ticket is checkable (data_missing); without one it is a consumer complaint.
 */

export type KnownIntent = Exclude<Intent, "unknown">;

export interface TextSignal {
  readonly id: string;
  readonly intent: KnownIntent;
  /** Names the signal in the reasoning. */
  readonly label: string;
  /** Matched against the lower-cased, normalised text (flag "m": `^` is a line start). */
  readonly pattern: RegExp;
  readonly weight: number;
  /** A decisive signal lets its intent take precedence (see PRECEDENCE). */
  readonly decisive?: boolean;
  /** The signal counts only if this also appears somewhere in the ticket. */
  readonly requires?: RegExp;
  /** The signal does not count if this appears somewhere in the ticket. */
  readonly unless?: RegExp;
}

export interface EntitySignal {
  readonly id: string;
  readonly intent: KnownIntent;
  readonly label: string;
  readonly entity: keyof Entities;
  readonly weight: number;
}

export interface PrecedenceRule {
  readonly winner: KnownIntent;
  readonly over: readonly KnownIntent[];
  readonly why: string;
}

/** How much more a signal counts when it is in the short description. */
export const SUBJECT_WEIGHT = 1.5;
/** What a signal adds when the body repeats what the short description said (corroboration). */
export const CORROBORATION_WEIGHT = 0.5;

const rx = (source: string): RegExp => new RegExp(source, "m");

/** Failure words, shared by the "<service> … failed" phrases. */
const FAIL = String.raw`(?:fail(?:ed|s|ures?|ing)?|errou?r(?:ed|s)?|timed[ -]?out|time[ -]?out|timeout|cancel+ed|abort(?:ed)?|crash(?:ed|es)?|killed|stuck|hung|unsuccessful|could ?n[o']t (?:start|run|complete)|did ?n[o']t (?:start|run|complete|finish)|not started)`;
/** A bounded gap inside one clause: keeps "A … B" phrases linear and local ("lag is fine; no errors" is two). */
const GAP = String.raw`[^.;\n]{0,60}?`;

/**
 * Words that put an alarm in Airflow territory: a DAG (id, dimension, run), Airflow, MWAA (also the
 * `AmazonMWAA` metric namespace) or an SLA. Every dag_alarm signal requires it: a CloudWatch alarm
 * about anything else (bucket arrival, EC2 CPU) is classified by its subject, not as a DAG alarm.
 */
const DAG_CONTEXT = rx(String.raw`\b(?:dags?|airflow|mwaa|amazonmwaa|sla)\b|dag_id|dagrun|\bdag[_-]|[_-]dag\b`);
/** Words that name an expected location: required by data_missing, excluded by data_not_available. */
const LOCATION = rx(
  String.raw`s3://|\b(?:dt|ds|date|partition_date)=|\bpartitions?\b|\bfiles?\b|\bobjects?\b|\bprefix\b|\bbucket\b|\bfolder\b|\blanding (?:zone|area)\b|\.(?:csv|parquet|json|gz|avro|orc|txt)\b`,
);

export const TEXT_SIGNALS: readonly TextSignal[] = [
  // ---- glue_etl_failure ----
  { id: "glue.named", intent: "glue_etl_failure", label: "Glue named", pattern: rx(String.raw`\bglue\b`), weight: 1 },
  {
    id: "glue.job",
    intent: "glue_etl_failure",
    label: "Glue job named",
    pattern: rx(String.raw`\bglue[\s_-]+(?:etl[\s_-]+|spark[\s_-]+)?jobs?\b`),
    weight: 1,
  },
  {
    id: "glue.failure",
    intent: "glue_etl_failure",
    label: "Glue failure wording",
    pattern: rx(String.raw`\bglue\b${GAP}\b${FAIL}`),
    weight: 2.5,
  },
  {
    id: "glue.failure-before",
    intent: "glue_etl_failure",
    label: "failure of a Glue job",
    pattern: rx(String.raw`\b(?:failure|failed)\s+(?:of\s+)?(?:the\s+)?glue\b`),
    weight: 1.5,
  },
  {
    id: "glue.etl-failure",
    intent: "glue_etl_failure",
    label: "ETL failure wording",
    pattern: rx(String.raw`\betl\b${GAP}\b${FAIL}`),
    weight: 1.5,
  },
  {
    id: "glue.job-has-failed",
    intent: "glue_etl_failure",
    label: "'job … has failed' wording",
    pattern: rx(
      String.raw`(?<!\b(?:emr|spark|step|dag|kafka|airflow)\s{1,5})\bjob\s+[\w.-]{2,128}\s+(?:has\s+|have\s+|was\s+)?(?:failed|errored|timed out)`,
    ),
    weight: 1.5,
  },
  {
    id: "glue.run-state",
    intent: "glue_etl_failure",
    label: "Glue job run state",
    pattern: rx(String.raw`\b(?:jobrunstate|job ?run ?state|job_run_state)\b\W{0,5}(?:failed|error|timeout|stopped)`),
    weight: 2,
  },
  {
    id: "glue.exception",
    intent: "glue_etl_failure",
    label: "Glue-specific error",
    pattern: rx(
      String.raw`\b(?:glueexception|concurrentrunsexceededexception|resourcenumberlimitexceededexception|gluecontext|dynamicframe|aws-glue|glue_?version|jobrunid)\b`,
    ),
    weight: 1.5,
  },
  {
    id: "glue.capacity",
    intent: "glue_etl_failure",
    label: "Glue capacity terms",
    pattern: rx(String.raw`\b(?:dpus?|g\.[12]x|worker ?type)\b`),
    weight: 0.5,
  },

  // ---- athena_failure ----
  {
    id: "athena.named",
    intent: "athena_failure",
    label: "Athena named",
    pattern: rx(String.raw`\bathena\b`),
    weight: 1,
  },
  {
    id: "athena.failure",
    intent: "athena_failure",
    label: "Athena failure wording",
    pattern: rx(String.raw`\bathena\b${GAP}\b${FAIL}`),
    weight: 2.5,
  },
  {
    id: "athena.query-failure",
    intent: "athena_failure",
    label: "query failed / timed out / cancelled",
    pattern: rx(
      String.raw`\bquer(?:y|ies)\b${GAP}\b(?:fail(?:ed|s|ure)?|timed[ -]?out|time[ -]?out|timeout|cancel+ed|errored|state:? ?failed)`,
    ),
    weight: 1.5,
  },
  {
    id: "athena.error-code",
    intent: "athena_failure",
    label: "Athena error code",
    pattern: rx(
      String.raw`\b(?:hive_[a-z_]{3,60}|iceberg_[a-z_]{3,60}|syntax_error|table_not_found|column_not_found|schema_not_found|generic_internal_error|invalid_function_argument|invalid_cast_argument|type_mismatch|function_not_found|exceeded_time_limit)\b`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "athena.exhausted",
    intent: "athena_failure",
    label: "'Query exhausted resources'",
    pattern: rx(String.raw`\bquery exhausted resources\b`),
    weight: 3,
    decisive: true,
  },
  {
    id: "athena.timeout",
    intent: "athena_failure",
    label: "query timeout",
    pattern: rx(
      String.raw`\bquery (?:timeout|timed out)\b|\bexceeded (?:the )?maximum (?:query )?(?:execution )?time|\bquery execution time ?limit`,
    ),
    weight: 1.5,
  },
  {
    id: "athena.execution-id",
    intent: "athena_failure",
    label: "query execution id",
    pattern: rx(String.raw`\bquery_?execution_?id\b|\bquery execution id\b|\bstatechangereason\b`),
    weight: 1.5,
  },
  {
    id: "athena.workgroup",
    intent: "athena_failure",
    label: "workgroup named",
    pattern: rx(String.raw`\bwork ?group\b`),
    weight: 0.5,
  },

  // ---- emr_failure ----
  {
    id: "emr.named",
    intent: "emr_failure",
    label: "EMR named",
    pattern: rx(String.raw`\b(?:emr|elastic mapreduce)\b`),
    weight: 1,
  },
  {
    id: "emr.failure",
    intent: "emr_failure",
    label: "EMR failure wording",
    pattern: rx(String.raw`\bemr\b${GAP}\b(?:${FAIL}|terminated)`),
    weight: 2.5,
  },
  {
    id: "emr.terminated-with-errors",
    intent: "emr_failure",
    label: "TERMINATED_WITH_ERRORS",
    pattern: rx(String.raw`\bterminated_with_errors\b|\bterminated with errors\b`),
    weight: 3,
    decisive: true,
  },
  {
    id: "emr.bootstrap",
    intent: "emr_failure",
    label: "bootstrap failure",
    pattern: rx(String.raw`\bbootstrap(?:ping)?\b${GAP}\b${FAIL}|\bbootstrap_failure\b`),
    weight: 2.5,
  },
  {
    id: "emr.step-failed",
    intent: "emr_failure",
    label: "step failed",
    pattern: rx(String.raw`\bsteps?\b${GAP}\b(?:failed|cancel+ed|interrupted)`),
    weight: 1,
  },
  {
    id: "emr.provisioning",
    intent: "emr_failure",
    label: "cluster provisioning problem",
    pattern: rx(
      String.raw`\bvalidation_error\b|\binstance_failure\b|\binsufficient ?instance ?capacity\b|\binsufficient capacity\b|\bspot (?:instance )?(?:interruption|termination)|\bcluster\b${GAP}\b(?:provisioning|could ?n[o']t (?:start|provision)|failed to (?:start|provision))`,
    ),
    weight: 2,
  },
  {
    id: "emr.spark",
    intent: "emr_failure",
    label: "Spark/YARN named",
    pattern: rx(String.raw`\b(?:spark|yarn|hadoop|hdfs)\b`),
    weight: 0.5,
  },

  // ---- kafka_events_failed ----
  {
    id: "kafka.named",
    intent: "kafka_events_failed",
    label: "Kafka/MSK named",
    pattern: rx(String.raw`\b(?:kafka|msk)\b`),
    weight: 1,
  },
  {
    id: "kafka.failure",
    intent: "kafka_events_failed",
    label: "Kafka failure wording",
    pattern: rx(String.raw`\b(?:kafka|msk)\b${GAP}\b${FAIL}`),
    weight: 2,
  },
  {
    id: "kafka.client-error",
    intent: "kafka_events_failed",
    label: "consumer/producer error",
    pattern: rx(
      String.raw`\b(?:consumers?|producers?)\s+(?:errors?|exceptions?|failures?|failed|crash(?:ed|ing)?|timeouts?|is failing)\b`,
    ),
    weight: 2,
  },
  {
    id: "kafka.lag",
    intent: "kafka_events_failed",
    label: "consumer lag",
    pattern: rx(
      String.raw`\bconsumer lag\b|\boffset lag\b|\blag (?:is |has )?(?:growing|increasing|spiking|high|above|exceed(?:s|ed|ing)?|keeps)|\b(?:max|sum)offsetlag\b|\bestimatedmaxtimelag\b|\brunaway lag\b|\blag of \d`,
    ),
    weight: 2.5,
  },
  {
    id: "kafka.failed-records",
    intent: "kafka_events_failed",
    label: "failed records / DLQ",
    pattern: rx(
      String.raw`\bfailed (?:records|events|messages)\b|\bdead[ -]letter|\bdlq\b|\bpoison (?:pill|message)|\bdeseriali[sz]ation (?:error|exception|failure|failed)|\brecordtoolargeexception\b`,
    ),
    weight: 2.5,
  },
  {
    id: "kafka.events-failed",
    intent: "kafka_events_failed",
    label: "event processing failed",
    pattern: rx(
      String.raw`\bevents? (?:processing )?(?:failed|failing|errors?)\b|\bevent processing (?:failed|errors?|stopped)`,
    ),
    weight: 2,
  },
  {
    id: "kafka.topic",
    intent: "kafka_events_failed",
    label: "topic named",
    pattern: rx(String.raw`\btopics?\b`),
    weight: 1,
  },
  {
    id: "kafka.consumer-group",
    intent: "kafka_events_failed",
    label: "consumer group named",
    pattern: rx(String.raw`\bconsumer[ _-]?groups?\b|\bgroup\.id\b`),
    weight: 1.5,
  },
  {
    id: "kafka.rebalance",
    intent: "kafka_events_failed",
    label: "rebalance / offset errors",
    pattern: rx(
      String.raw`\brebalanc(?:e|es|ing)\b|\bcommitfailedexception\b|\boffsets? (?:out of range|commit failed)|\boffsetoutofrange`,
    ),
    weight: 1.5,
  },

  // ---- dag_failure ----
  { id: "dag.named", intent: "dag_failure", label: "DAG named", pattern: rx(String.raw`\bdags?\b`), weight: 1 },
  {
    id: "dag.airflow",
    intent: "dag_failure",
    label: "Airflow named",
    pattern: rx(String.raw`\bairflow\b`),
    weight: 0.75,
  },
  {
    id: "dag.failure",
    intent: "dag_failure",
    label: "DAG failure wording",
    pattern: rx(String.raw`\bdag\b${GAP}\b${FAIL}`),
    weight: 2.5,
  },
  {
    id: "dag.task-failure",
    intent: "dag_failure",
    label: "task failure wording",
    pattern: rx(
      String.raw`\btasks?\b${GAP}\b(?:failed|fails|failure|timed[ -]?out|upstream_failed|stuck|zombie|killed)`,
    ),
    weight: 1.5,
  },
  {
    id: "dag.airflow-alert",
    intent: "dag_failure",
    label: "Airflow failure alert",
    pattern: rx(String.raw`\bairflow (?:alert|failure|task failed|error|exception)\b`),
    weight: 2,
  },
  {
    // "Airflow: supplier_catalog_ingest failed at load_supplier_catalog" — a failure alert's subject.
    id: "dag.airflow-subject",
    intent: "dag_failure",
    label: "Airflow failure subject",
    pattern: rx(String.raw`\bairflow\s*:\s*[\w.-]{1,250}\s+(?:failed|failing|timed[ -]?out|errored)\b`),
    weight: 2.5,
  },
  {
    id: "dag.airflow-states",
    intent: "dag_failure",
    label: "Airflow task states",
    pattern: rx(
      String.raw`\b(?:upstream_failed|up_for_retry|task ?instance|zombie|marked as failed|on_failure_callback|sla miss(?:ed)?|dag ?run)\b`,
    ),
    weight: 1.5,
  },
  {
    id: "dag.stuck",
    intent: "dag_failure",
    label: "run stuck or late",
    pattern: rx(String.raw`\b(?:stuck|hung|hanging|not progressing|still running|running for|running since)\b`),
    weight: 0.75,
  },

  // ---- dag_alarm (an alarm is a DAG alarm only in Airflow context) ----
  {
    id: "alarm.notification",
    intent: "dag_alarm",
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
    intent: "dag_alarm",
    label: "CloudWatch alarm",
    pattern: rx(String.raw`\bcloudwatch alarm\b|\balarm ?name\b`),
    weight: 2,
    decisive: true,
    requires: DAG_CONTEXT,
  },
  {
    id: "alarm.named",
    intent: "dag_alarm",
    label: "alarm named",
    pattern: rx(String.raw`\balarms?\b`),
    weight: 1,
    requires: DAG_CONTEXT,
  },
  {
    id: "alarm.sla",
    intent: "dag_alarm",
    label: "SLA/latency breach",
    pattern: rx(String.raw`\b(?:sla|latency|duration)\b${GAP}\b(?:breach(?:ed)?|violat\w*|exceeded|threshold)`),
    weight: 1,
    requires: DAG_CONTEXT,
  },
  {
    id: "alarm.metric",
    intent: "dag_alarm",
    label: "CloudWatch metric threshold",
    pattern: rx(
      String.raw`\bthreshold crossed\b|\bdatapoints?\b|\b(?:greater|less)thanthreshold\b|\bevaluation periods?\b`,
    ),
    weight: 1,
    requires: DAG_CONTEXT,
  },
  {
    id: "alarm.without-dag",
    intent: "dag_alarm",
    label: "CloudWatch alarm (no DAG named)",
    pattern: rx(String.raw`^\s*alarm:|\bstate changed (?:from \w+ )?to alarm\b|\bcloudwatch alarm\b`),
    // It is the only dag_alarm signal that can match without DAG context, and even in the subject
    // and repeated in the body (×(SUBJECT_WEIGHT + CORROBORATION_WEIGHT) = ×2) it stays below
    // MIN_SCORE: an alarm on bastion CPU is `unknown`, and an arrival alarm is decided by its subject.
    weight: 0.4,
    unless: DAG_CONTEXT,
  },

  // ---- mwaa_failure ----
  {
    id: "mwaa.named",
    intent: "mwaa_failure",
    label: "MWAA named",
    pattern: rx(String.raw`\bmwaa\b|\bmanaged workflows for apache airflow\b`),
    weight: 1,
  },
  {
    id: "mwaa.scheduler",
    intent: "mwaa_failure",
    label: "scheduler unhealthy",
    pattern: rx(
      String.raw`\bscheduler\b${GAP}\b(?:heartbeat|down|not running|not heartbeating|unhealthy|stopped|crash\w*|restart\w*|failed|not responding|unavailable|dead|missing)\b|\bschedulerheartbeat\b|\bno scheduler\b`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "mwaa.webserver",
    intent: "mwaa_failure",
    label: "webserver / UI down",
    pattern: rx(
      String.raw`\b(?:web ?server|airflow (?:web ?)?ui)\b${GAP}\b(?:down|unavailable|unreachable|not loading|not responding|502|503|504|timed? ?out|error|crash\w*)`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "mwaa.environment-status",
    intent: "mwaa_failure",
    label: "environment status failed",
    pattern: rx(
      String.raw`\b(?:update_failed|create_failed)\b|\benvironment\b${GAP}\b(?:unavailable|unhealthy|update failed|failed to update|stuck (?:in )?(?:updating|creating)|rolling_back|not available)`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "mwaa.workers",
    intent: "mwaa_failure",
    label: "workers not scaling / lost",
    pattern: rx(
      String.raw`\bworkers?\b${GAP}\b(?:not scaling|not scale|did ?n[o']t scale|failed to scale|stuck at|not (?:picking|starting)|lost|died|unavailable|down|not available)|\bcelery\b${GAP}\b${FAIL}`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "mwaa.all-dags",
    intent: "mwaa_failure",
    label: "all DAGs affected",
    pattern: rx(
      String.raw`\b(?:all|every|multiple|many|no) dags\b|\bacross (?:all )?dags\b|\bnothing is (?:being )?scheduled\b|\btasks? (?:are )?(?:stuck )?(?:in )?queued\b`,
    ),
    weight: 1.5,
  },

  // ---- data_missing (needs an expected location) ----
  {
    id: "missing.at-location",
    intent: "data_missing",
    label: "data absent at a named location",
    pattern: rx(
      String.raw`\b(?:missing|absent|not found|not present|not arrived|has ?n[o']t arrived|did ?n[o']t arrive|not received|not delivered|no (?:new |[\w.-]{1,60} )?(?:files?|objects?|partitions?|exports?)|(?:is|are) ?n[o']t (?:yet )?in|does ?n[o']t exist|do ?n[o']t exist|not landed|has ?n[o']t landed|never arrived)\b`,
    ),
    weight: 2.5,
    decisive: true,
    requires: LOCATION,
  },
  {
    id: "missing.files",
    intent: "data_missing",
    label: "expected files/partition missing",
    pattern: rx(
      String.raw`\b(?:missing|expected) (?:input |source |data |daily |landing |the )?(?:files?|objects?|partitions?)\b|\bfiles? (?:is |are |was |were |has |have )?(?:missing|not (?:found|received|arrived|present|delivered))|\bpartitions? (?:is |are |was |were )?(?:missing|not found|absent)|\bnosuchkey\b|\bno such key\b|\bfile ?not ?found|\bpath does not exist\b|\bno files (?:found|arrived|received|landed)`,
    ),
    weight: 3,
    decisive: true,
  },

  {
    // "ALARM: raw-fx-rates-arrival" whose description names s3://…/dt=…/: a data-arrival (landing,
    // freshness) alarm or check fired, i.e. the expected objects did not land there. The alarm is
    // only the messenger; without DAG context it is not a dag_alarm (see DAG_CONTEXT).
    id: "missing.arrival-alarm",
    intent: "data_missing",
    label: "data-arrival alarm/check fired",
    pattern: rx(
      String.raw`\b(?:alarm|alert|monitor)\b${GAP}\b(?:arrival|landing|landed|freshness|delivery)\b|\b(?:arrival|landing|freshness|delivery)[\s_-]+(?:alarm|alert|check|monitor|sla)\b|\b(?:objects|files)_?landed\b`,
    ),
    weight: 2.5,
    decisive: true,
    requires: LOCATION,
    unless: DAG_CONTEXT,
  },

  // ---- source_zero_data ----
  {
    id: "zero.records",
    intent: "source_zero_data",
    label: "zero records/bytes delivered",
    pattern: rx(
      String.raw`\b(?:0|zero|no) (?:records|rows|bytes|events|lines)\b|\b(?:0|zero|no) (?:new )?(?:records|rows|lines) (?:were |was )?(?:ingested|received|loaded|delivered|extracted)\b|\b(?:record|row|line)[ _]?count\b\W{0,8}(?:is |was |of )?0\b|\bempty (?:files?|extract|feed|payload|dataset|delivery)\b|\bfiles? (?:is |are |was |were )?empty\b|\b0[ -]?bytes?\b|\bzero[ -]?bytes?\b`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    // Monitoring payloads: rows_ingested=0, "row_count": 0, records=0, bytes: 0, num_rows=0. Counts
    // of records or bytes only: a zero *file or object* count means nothing landed (data_missing).
    id: "zero.count-field",
    intent: "source_zero_data",
    label: "zero record/byte count field",
    pattern: rx(
      String.raw`\b(?:(?:rows?|records?|lines?)(?:[ _-]?(?:ingested|received|loaded|delivered|extracted|written|read|count|total))?|(?:row|record|line)s?[ _-]?counts?|num[ _-]?(?:rows|records)|bytes(?:[ _-]?(?:ingested|received|delivered|written))?)["']?\s{0,2}[:=]\s{0,2}["']?0(?![\d.])`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "zero.gaps",
    intent: "source_zero_data",
    label: "historical gaps / missing days",
    pattern: rx(
      String.raw`\bhistorical (?:data )?(?:gaps?|missing|holes)\b|\bgaps? in (?:the )?(?:history|historical|data|source)\b|\bmissing (?:days|dates)\b|\b(?:days|dates) (?:are |were )?missing\b|\bdata gaps?\b|\bhistorical data (?:is )?missing\b`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "zero.source-sent-nothing",
    intent: "source_zero_data",
    label: "source sent nothing",
    pattern: rx(
      String.raw`\b(?:source|upstream|vendor|provider|feed)\b${GAP}\b(?:sent|delivered|provided|returned|produced|shared|has)\s+(?:no|zero|0|empty|nothing)\b`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    // "Saturday and Sunday were never delivered by the counter vendor", "the vendor never sent the
    // file", "no data received from the vendor for 10th-11th", "no data at source for the weekend".
    // Zero rows/records/bytes are zero.records' job; this one is about deliveries and plain "data".
    id: "zero.never-delivered-at-source",
    intent: "source_zero_data",
    label: "never delivered by the source",
    pattern: rx(
      String.raw`\b(?:source|upstream|vendor|provider|supplier|feed)s?\b${GAP}\bnever (?:sent|delivered|provided|produced|shared|published)\b|\bnever (?:been )?(?:sent|delivered|provided|produced|published)\b${GAP}\b(?:source|upstream|vendor|provider|supplier)s?\b|\bno data\b (?:(?:was|has been) )?(?:received|delivered|sent|provided)\s+(?:from|by)\b|\bno data\b${GAP}\b(?:at|from|in) (?:the )?(?:source|upstream|vendor)\b|\b(?:missing|absent) (?:at|from|in) (?:the )?(?:source|upstream)\b`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "zero.source-named",
    intent: "source_zero_data",
    label: "source system named",
    pattern: rx(
      String.raw`\b(?:source system|upstream source|from (?:the )?source|vendor feed|source feed|source extract)\b`,
    ),
    weight: 0.75,
  },
  {
    id: "zero.backfill",
    intent: "source_zero_data",
    label: "backfill",
    pattern: rx(String.raw`\bbackfill\w*`),
    weight: 0.5,
  },

  // ---- data_not_available (a consumer complaint with no location) ----
  {
    id: "unavailable.not-available",
    intent: "data_not_available",
    label: "'not available'",
    pattern: rx(String.raw`\bnot (?:yet )?available\b|\bunavailable\b|\bnot accessible\b`),
    weight: 2,
  },
  {
    id: "unavailable.not-refreshed",
    intent: "data_not_available",
    label: "not refreshed / stale",
    pattern: rx(
      String.raw`\bnot (?:been )?(?:refreshed|updated|loaded|populated)\b|\bstale\b|\bout of date\b|\boutdated\b|\bhas ?n[o']t (?:been )?(?:refreshed|updated|loaded)\b|\bdid ?n[o']t (?:refresh|update|load)\b|\bnot up to date\b|\bstill shows? (?:yesterday|old|last)`,
    ),
    weight: 2.5,
  },
  {
    id: "unavailable.consumer-object",
    intent: "data_not_available",
    label: "report/dashboard/table named",
    pattern: rx(String.raw`\b(?:dashboards?|reports?|tableau|quicksight|power ?bi|looker|datasets?|data mart)\b`),
    weight: 0.75,
  },
  {
    id: "unavailable.data-missing",
    intent: "data_not_available",
    label: "data missing (no location)",
    pattern: rx(
      String.raw`\b(?:data|dataset|table|report|dashboard|numbers|figures)\b${GAP}\b(?:missing|not there|empty|blank|gone)\b|\b(?:missing|no) (?:data|numbers|figures)\b|\bcan ?n[o']t (?:see|find) (?:the |any |today's |yesterday's )?(?:data|numbers|figures|report)`,
    ),
    weight: 2,
    unless: LOCATION,
  },
  {
    id: "unavailable.consumer-complaint",
    intent: "data_not_available",
    label: "consumers report",
    pattern: rx(
      String.raw`\b(?:users?|business|analysts?|stakeholders?|customers?|consumers?|finance|the team)\s+(?:report(?:ed|s)?|complain\w*|are asking|noticed|cannot|can ?n[o']t)\b`,
    ),
    weight: 1,
  },

  // ---- batch_auto_recovery_failed ----
  {
    id: "recovery.gave-up",
    intent: "batch_auto_recovery_failed",
    label: "automated recovery gave up",
    pattern: rx(
      String.raw`\b(?:auto(?:matic|mated)?[ -]?(?:recovery|remediation|rerun|re-run|retry|retries|restart|heal(?:ing)?)|self[ -]?heal(?:ing)?|recovery (?:job|workflow|automation|runbook|lambda|mechanism))\b${GAP}\b(?:failed|fails|gave up|giving up|exhausted|unsuccessful|aborted|could ?n[o']t|unable|did ?n[o']t (?:succeed|work|help|fix|recover))`,
    ),
    weight: 4,
    decisive: true,
  },
  {
    id: "recovery.gave-up-before",
    intent: "batch_auto_recovery_failed",
    label: "gave up on automated recovery",
    pattern: rx(
      String.raw`\b(?:gave up|giving up|exhausted)\b${GAP}\b(?:auto(?:matic|mated)?[ -]?(?:recovery|remediation|rerun|retry|retries)|self[ -]?heal\w*|recovery attempts?)`,
    ),
    weight: 3,
    decisive: true,
  },
  {
    id: "recovery.retries-exhausted",
    intent: "batch_auto_recovery_failed",
    label: "retries exhausted",
    pattern: rx(
      String.raw`\b(?:retry|retries|rerun|reruns|re-runs|recovery) (?:attempts? )?(?:exhausted|limit reached|budget exhausted)\b|\bmax(?:imum)? (?:retries|retry attempts|reruns|recovery attempts) (?:reached|exceeded|exhausted)\b`,
    ),
    weight: 2,
  },
  {
    id: "recovery.named",
    intent: "batch_auto_recovery_failed",
    label: "automated recovery named",
    pattern: rx(
      String.raw`\b(?:auto[ -]?recovery|self[ -]?heal\w*|auto[ -]?remediation|automatic (?:recovery|rerun|retry|remediation)|recovery attempts?)\b`,
    ),
    weight: 1.5,
  },
  {
    id: "recovery.batch",
    intent: "batch_auto_recovery_failed",
    label: "batch named",
    pattern: rx(String.raw`\bbatch\b`),
    weight: 0.5,
  },

  // ---- access_denied ----
  {
    id: "access.denied",
    intent: "access_denied",
    label: "access denied error",
    pattern: rx(
      String.raw`\baccess ?denied(?:exception)?\b|\baccess is denied\b|\bpermissions? denied\b|\bpermission_denied\b|\baccess_denied\b`,
    ),
    weight: 4,
    decisive: true,
  },
  {
    id: "access.not-authorized",
    intent: "access_denied",
    label: "'not authorized to perform'",
    pattern: rx(
      String.raw`\bnot authori[sz]ed to (?:perform|access|call|read|write)\b|\bis not authori[sz]ed\b|\bunauthori[sz]ed(?:operation|access|exception)?\b`,
    ),
    weight: 4,
    decisive: true,
  },
  {
    id: "access.insufficient",
    intent: "access_denied",
    label: "missing permissions",
    pattern: rx(
      String.raw`\b(?:insufficient|missing|lacks?|lacking) (?:iam |lake ?formation |s3 |kms |select |read |write )?(?:permissions?|privileges?)\b|\bdoes ?n[o']t have (?:the )?(?:required |necessary |sufficient )?(?:permissions?|access|privileges?)\b|\binsufficient lake ?formation\b`,
    ),
    weight: 3.5,
    decisive: true,
  },
  {
    id: "access.request",
    intent: "access_denied",
    label: "request for access",
    pattern: rx(
      String.raw`\b(?:request(?:ing|s)?|need|needs|require|requires|grant|give|provide|provision)(?:\s+(?:me|us|her|him|them|read|write|read-only|readonly|select|query|the|temporary|s3|athena))?(?:\s+(?:read|write|read-only|readonly|select|query|temporary))?\s+access\b|\baccess request\b|\brequest for (?:read |write )?access\b|\bcan (?:i|we) (?:get|have) access\b`,
    ),
    weight: 4,
    decisive: true,
  },
  {
    id: "access.forbidden",
    intent: "access_denied",
    label: "403 Forbidden",
    pattern: rx(String.raw`\bforbidden\b|\b403\b`),
    weight: 2,
  },
  {
    id: "access.cannot-access",
    intent: "access_denied",
    label: "cannot access",
    pattern: rx(String.raw`\b(?:can ?n[o']t|cannot|unable to|lost) access\b|\bno access to\b`),
    weight: 2,
  },
  {
    id: "access.iam",
    intent: "access_denied",
    label: "IAM / Lake Formation named",
    pattern: rx(
      String.raw`\biam (?:roles?|polic(?:y|ies)|users?|permissions?)\b|\blake ?formation\b|\bbucket policy\b|\bkms key policy\b|\bassumerole\b|\barn:aws:iam\b|\barn:aws:sts\b`,
    ),
    weight: 1,
  },
];

export const ENTITY_SIGNALS: readonly EntitySignal[] = [
  { id: "entity.glue-run-id", intent: "glue_etl_failure", label: "Glue job run id", entity: "glue_run_id", weight: 2 },
  { id: "entity.glue-job", intent: "glue_etl_failure", label: "Glue job name", entity: "glue_job_name", weight: 1 },
  { id: "entity.dag-id", intent: "dag_failure", label: "DAG id", entity: "dag_id", weight: 2 },
  { id: "entity.task-id", intent: "dag_failure", label: "task id", entity: "task_id", weight: 1 },
  { id: "entity.dag-run-id", intent: "dag_failure", label: "DAG run id", entity: "dag_run_id", weight: 1.5 },
  {
    id: "entity.mwaa-env",
    intent: "mwaa_failure",
    label: "MWAA environment",
    entity: "mwaa_environment",
    weight: 0.75,
  },
  { id: "entity.query-id", intent: "athena_failure", label: "Athena query id", entity: "athena_query_id", weight: 2 },
  {
    id: "entity.workgroup",
    intent: "athena_failure",
    label: "Athena workgroup",
    entity: "athena_workgroup",
    weight: 0.5,
  },
  { id: "entity.emr-cluster", intent: "emr_failure", label: "EMR cluster id", entity: "emr_cluster_id", weight: 2 },
  { id: "entity.emr-step", intent: "emr_failure", label: "EMR step id", entity: "emr_step_id", weight: 1.5 },
  { id: "entity.kafka-topic", intent: "kafka_events_failed", label: "Kafka topic", entity: "kafka_topic", weight: 1 },
  {
    id: "entity.consumer-group",
    intent: "kafka_events_failed",
    label: "consumer group",
    entity: "kafka_consumer_group",
    weight: 1,
  },
  {
    id: "entity.kafka-cluster",
    intent: "kafka_events_failed",
    label: "MSK cluster",
    entity: "kafka_cluster",
    weight: 1,
  },
  { id: "entity.s3-location", intent: "data_missing", label: "S3 location", entity: "s3_bucket", weight: 0.5 },
  { id: "entity.partition", intent: "data_missing", label: "partition date", entity: "partition_date", weight: 0.5 },
];

/** Every known intent but these, in taxonomy order. */
function intentsExcept(...excluded: KnownIntent[]): KnownIntent[] {
  return INTENTS.filter(
    (intent): intent is KnownIntent => intent !== "unknown" && !excluded.includes(intent as KnownIntent),
  );
}

export const PRECEDENCE: readonly PrecedenceRule[] = [
  {
    winner: "access_denied",
    over: intentsExcept("access_denied"),
    why: "a permission failure is the cause and no rerun fixes it",
  },
  {
    winner: "batch_auto_recovery_failed",
    over: intentsExcept("batch_auto_recovery_failed", "access_denied"),
    why: "automated recovery giving up is the subject, not the job it was recovering",
  },
  {
    winner: "mwaa_failure",
    over: ["dag_alarm", "dag_failure"],
    why: "the MWAA environment itself is unhealthy, not one DAG",
  },
  { winner: "dag_alarm", over: ["dag_failure"], why: "the CloudWatch alarm about the DAG is the subject" },
  {
    winner: "source_zero_data",
    over: ["data_missing", "data_not_available"],
    why: "the source delivered nothing, which explains the missing data",
  },
  {
    winner: "data_missing",
    over: ["data_not_available"],
    why: "an expected location is named, so the data can be checked there",
  },
];
