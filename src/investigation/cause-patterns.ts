/**
 * The one place that reads failure text and says what kind of cause it shows. Every analyzer uses
 * it, so a Glue error, an Athena state-change reason and an Airflow task log line that say the same
 * thing are classified the same way.
 *
 * - transient: worth a re-run (timeouts, throttling, capacity, memory on a retryable job, network
 *   blips, Airflow tasks killed by the scheduler);
 * - non_transient: a re-run would fail the same way (permissions, syntax, schema, configuration,
 *   code bugs, missing source data);
 * - undetermined: nothing known matched.
 *
 * When text matches both, non-transient wins: "AccessDenied ... Rate exceeded" is still a
 * permission problem, and retrying it only burns the retry budget.
 */

export type FailureKind = "transient" | "non_transient" | "undetermined";

export interface FailureClassification {
  kind: FailureKind;
  /** Short human label: "timeout", "access denied" ...; "unrecognised" when undetermined. */
  label: string;
}

interface CausePattern {
  kind: Exclude<FailureKind, "undetermined">;
  label: string;
  patterns: readonly RegExp[];
}

/** Checked in order within each kind; the first label that matches is the answer. */
const NON_TRANSIENT: readonly CausePattern[] = [
  {
    kind: "non_transient",
    label: "access denied",
    patterns: [
      /AccessDenied/i,
      /Access Denied/i,
      /not authori[sz]ed to perform/i,
      /\b403\b[^\n]{0,20}Forbidden/i,
      /Insufficient Lake Formation permission/i,
      /\bUnauthorizedOperation\b/,
    ],
  },
  {
    // Before syntax: Spark reports a missing input as "AnalysisException: Path does not exist".
    kind: "non_transient",
    label: "missing source data",
    patterns: [
      /\bNoSuchKey\b/,
      /\bNoSuchBucket\b/,
      /Path does not exist/i,
      /No such file or directory/i,
      /TABLE_NOT_FOUND/i,
      /\b0 files found\b/i,
      /input path is empty/i,
    ],
  },
  {
    kind: "non_transient",
    label: "syntax error",
    patterns: [
      /SYNTAX_ERROR/,
      /mismatched input/i,
      /\bSyntaxError\b/,
      /compilation failed/i,
      /\bAnalysisException\b/,
      /cannot be resolved/i,
      /\bUnrecognized\b/i,
      /\bParseException\b/,
    ],
  },
  {
    kind: "non_transient",
    label: "schema mismatch",
    patterns: [
      /HIVE_PARTITION_SCHEMA_MISMATCH/,
      /schema mismatch/i,
      /HIVE_BAD_DATA/,
      /incompatible types?/i,
      /\bColumn\b[^\n]{0,120}?\bnot found\b/i,
      /COLUMN_NOT_FOUND/,
      // Spark reading Parquet whose column types changed upstream.
      /Parquet column cannot be converted/i,
      /SchemaColumnConvertNotSupportedException/,
      /Unable to infer schema/i,
    ],
  },
  {
    kind: "non_transient",
    label: "invalid configuration",
    patterns: [
      /Invalid configuration/i,
      /\bInvalidInputException\b/,
      /\bValidationException\b/,
      /Missing required argument/i,
      /Unknown parameter/i,
    ],
  },
  {
    kind: "non_transient",
    label: "code error",
    patterns: [
      /\bNameError\b/,
      /\bKeyError\b/,
      /\bTypeError\b/,
      /\bNullPointerException\b/,
      /\bModuleNotFoundError\b/,
      /\bImportError\b/,
      /\bZeroDivisionError\b/,
      /\bIndexError\b/,
      /\bAttributeError\b/,
    ],
  },
];

const TRANSIENT: readonly CausePattern[] = [
  {
    // Before "timeout": an executor heartbeat that timed out is a memory symptom.
    kind: "transient",
    label: "memory",
    patterns: [
      /OutOfMemoryError/,
      /\bMemoryError\b/,
      // "… exceeding memory limits" and "… exceeding physical/virtual memory limits".
      /Container killed by YARN for exceeding (?:\w+ )?memory limits/i,
      /No space left on device/i,
      /Executor heartbeat timed out/i,
      /exit code (?:is )?137\b/i,
    ],
  },
  {
    // Nodes taken away under a running job (Spot reclaims, decommissioning): the work itself was fine.
    kind: "transient",
    label: "lost node",
    patterns: [
      /Spot Instance interruption/i,
      /Container released on a \*?lost\*? node/i,
      /\bdecommission(?:ed|ing)\b/i,
      /FetchFailedException/,
    ],
  },
  {
    kind: "transient",
    label: "capacity",
    patterns: [
      /ConcurrentRunsExceededException/,
      /ResourceNumberLimitExceeded/,
      /Insufficient capacity/i,
      /InsufficientInstanceCapacity/,
      /Query exhausted resources at this scale factor/i,
      /Max concurrent runs exceeded/i,
    ],
  },
  {
    kind: "transient",
    label: "throttling",
    patterns: [
      /ThrottlingException/,
      /\bThrottl(?:ed|ing)\b/i,
      /Rate exceeded/i,
      /\bSlowDown\b/,
      /TooManyRequests/,
      /Too Many Requests/i,
    ],
  },
  {
    kind: "transient",
    label: "timeout",
    patterns: [
      /Query timeout/i,
      /timed out/i,
      /exceeded (?:the )?timeout/i,
      /\bTIMEOUT\b/,
      /\btimeout (?:exceeded|expired)\b/i,
    ],
  },
  {
    kind: "transient",
    label: "network error",
    patterns: [
      /Connection reset/i,
      /\bECONNRESET\b/,
      /503 Service Unavailable/i,
      /Service Unavailable/i,
      /Broken pipe/i,
    ],
  },
  {
    kind: "transient",
    label: "task killed",
    patterns: [/detected as zombie/i, /\bzombie\b/i, /\bSIGTERM\b/, /Task received SIGTERM signal/i],
  },
];

const UNDETERMINED: FailureClassification = { kind: "undetermined", label: "unrecognised" };

function firstMatch(text: string, table: readonly CausePattern[]): FailureClassification | null {
  for (const entry of table) {
    if (entry.patterns.some((pattern) => pattern.test(text))) return { kind: entry.kind, label: entry.label };
  }
  return null;
}

/** Classifies free failure text (an error message, a log line, a state-change reason). */
export function classifyFailureText(text: string | null | undefined): FailureClassification {
  if (!text) return UNDETERMINED;
  return firstMatch(text, NON_TRANSIENT) ?? firstMatch(text, TRANSIENT) ?? UNDETERMINED;
}

/** Classifies several texts together (non-transient still wins across them). */
export function classifyFailureTexts(texts: readonly (string | null | undefined)[]): FailureClassification {
  return classifyFailureText(texts.filter((text): text is string => Boolean(text)).join("\n"));
}
