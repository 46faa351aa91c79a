/**
 * The one place that reads failure text and says what kind of cause it shows. Every analyzer uses
 * it, so a Glue error, an Athena state-change reason and an Airflow task log line that say the same
 * thing are classified the same way.
 *
 * - transient: worth a re-run (timeouts, throttling, capacity, memory on a retryable job, network
 *   blips, Airflow tasks killed by the scheduler);
 * - non_transient: a re-run would fail the same way (permissions, syntax, schema, configuration,
 *   bad data, code bugs, missing source data);
 * - undetermined: nothing known matched.
 *
 * Each line is first read for its structure (failure-text.ts): quoted values, literals and data
 * samples are masked, and the error's own types and codes are named. Then, per line:
 * 1. a known non-transient type (ValueError, NullPointerException, INVALID_CAST_ARGUMENT …) makes
 *    the line non-transient, whatever else it says;
 * 2. else a known transient type (ThrottlingException, SocketTimeoutException, AirflowTaskTimeout …)
 *    makes it transient;
 * 3. else the masked text goes through the phrase patterns below;
 * 4. else the error-signature catalogue (./signatures): real error strings of each service, with
 *    their public sources.
 * The label is the first phrase pattern of the same kind that matches the masked text, else the
 * type's own label. Across lines (and across texts) non-transient wins: "AccessDenied … Rate
 * exceeded" is still a permission problem, and retrying it only burns the retry budget. Among lines
 * of the same kind the label that comes first in the tables below wins.
 */
import { readFailureText, type FailureLine } from "./failure-text.js";
import { SIGNATURES } from "./signatures/catalog.js";
import { matchSignature, signatureTypes } from "./signatures/match.js";
import { isTransientNature } from "./signatures/schema.js";

export type FailureKind = "transient" | "non_transient" | "undetermined";

export interface FailureClassification {
  kind: FailureKind;
  /** Short human label: "timeout", "access denied" ...; "unrecognised" when undetermined. */
  label: string;
}

type KnownKind = Exclude<FailureKind, "undetermined">;

interface CauseEntry {
  label: string;
  /** Error types and codes (simple names) that are this cause whatever the rest of the line says. */
  types: readonly string[];
  /** Phrases, matched against the masked text (never inside quoted data). */
  patterns: readonly RegExp[];
}

/** Checked in order; the order is also the label priority across lines. */
const NON_TRANSIENT: readonly CauseEntry[] = [
  {
    label: "access denied",
    types: [
      "AccessDenied",
      "AccessDeniedException",
      "UnauthorizedOperation",
      "AuthorizationErrorException",
      "PERMISSION_DENIED",
      "PermissionError",
      "InvalidAccessKeyId",
      "SignatureDoesNotMatch",
      "ExpiredToken",
      "ExpiredTokenException",
      "InvalidClientTokenId",
      "UnrecognizedClientException",
      "AuthFailure",
    ],
    patterns: [
      /Access Denied/i,
      /not authori[sz]ed to perform/i,
      /\b403\b[^\n]{0,20}Forbidden/i,
      /Insufficient Lake Formation permission/i,
    ],
  },
  {
    // Before syntax: Spark reports a missing input as "AnalysisException: Path does not exist".
    label: "missing source data",
    types: [
      "NoSuchKey",
      "NoSuchBucket",
      "FileNotFoundError",
      "FileNotFoundException",
      "TABLE_NOT_FOUND",
      "SCHEMA_NOT_FOUND",
      "CATALOG_NOT_FOUND",
    ],
    patterns: [
      /Path does not exist/i,
      /No such file or directory/i,
      /\b0 files found\b/i,
      /input path is empty/i,
      // Glue's EntityNotFoundException and Hive's own wording; a table that is not there is data not there.
      /\bTable\b[^\n]{0,160}?\b(?:not found|does not exist)\b/,
    ],
  },
  {
    label: "syntax error",
    types: [
      "SyntaxError",
      "IndentationError",
      "TabError",
      "ParseException",
      "AnalysisException",
      "SYNTAX_ERROR",
      "NOT_SUPPORTED",
      "TYPE_MISMATCH",
      "FUNCTION_NOT_FOUND",
      "AMBIGUOUS_NAME",
      "MISSING_COLUMN_NAME",
    ],
    patterns: [/mismatched input/i, /compilation failed/i, /cannot be resolved/i, /\bUnrecognized\b/i],
  },
  {
    label: "schema mismatch",
    types: [
      "HIVE_PARTITION_SCHEMA_MISMATCH",
      "HIVE_BAD_DATA",
      "COLUMN_NOT_FOUND",
      "SchemaColumnConvertNotSupportedException",
    ],
    patterns: [
      /schema mismatch/i,
      /incompatible types?/i,
      /\bColumn\b[^\n]{0,120}?\bnot found\b/i,
      // Spark reading Parquet whose column types changed upstream.
      /Parquet column cannot be converted/i,
      /Unable to infer schema/i,
    ],
  },
  {
    label: "invalid configuration",
    types: [
      "InvalidInputException",
      "ValidationException",
      "ParamValidationError",
      "InvalidParameterValueException",
      "InvalidParameterException",
      "InvalidRequestException",
      "EntityNotFoundException",
      "GlueArgumentError",
      "URISyntaxException",
      "NoCredentialsError",
      "AirflowConfigException",
    ],
    patterns: [/Invalid configuration/i, /Missing required argument/i, /Unknown parameter/i],
  },
  {
    // A value the code or the query cannot take: the same input fails the same way on a re-run.
    label: "bad data",
    types: [
      "NumberFormatException",
      "JSONDecodeError",
      "JSONException",
      "JsonParseException",
      "UnicodeDecodeError",
      "UnicodeEncodeError",
      "DateTimeParseException",
      "INVALID_CAST_ARGUMENT",
      "INVALID_FUNCTION_ARGUMENT",
      "DIVISION_BY_ZERO",
      "NUMERIC_VALUE_OUT_OF_RANGE",
    ],
    patterns: [
      /invalid literal for/i,
      /could not convert/i,
      /\bCannot cast\b/i,
      /\bInvalid format\b/i,
      /\bFor input string\b/i,
      /is not a valid JSON/i,
      /\bMalformed (?:records?|rows?|lines?|CSV|JSON)\b/i,
    ],
  },
  {
    label: "code error",
    types: [
      "ValueError",
      "KeyError",
      "TypeError",
      "AttributeError",
      "NameError",
      "UnboundLocalError",
      "IndexError",
      "ZeroDivisionError",
      "ModuleNotFoundError",
      "ImportError",
      "NotImplementedError",
      "AssertionError",
      "RecursionError",
      "NullPointerException",
      "ClassCastException",
      "IllegalArgumentException",
      "ArithmeticException",
      "ArrayIndexOutOfBoundsException",
      "IndexOutOfBoundsException",
      "StringIndexOutOfBoundsException",
      "NoSuchElementException",
      "UnsupportedOperationException",
      "ClassNotFoundException",
      "NoClassDefFoundError",
      "NoSuchMethodError",
      "NoSuchFieldError",
      "MatchError",
    ],
    patterns: [],
  },
];

const TRANSIENT: readonly CauseEntry[] = [
  {
    // Before "timeout": an executor heartbeat that timed out is a memory symptom.
    label: "memory",
    types: ["OutOfMemoryError", "MemoryError"],
    patterns: [
      // "… exceeding memory limits" and "… exceeding physical/virtual memory limits".
      /Container killed by YARN for exceeding (?:\w+ )?memory limits/i,
      /No space left on device/i,
      /Executor heartbeat timed out/i,
      /exit code (?:is )?137\b/i,
    ],
  },
  {
    // Nodes taken away under a running job (Spot reclaims, decommissioning): the work itself was fine.
    label: "lost node",
    types: ["FetchFailedException"],
    patterns: [
      /Spot Instance interruption/i,
      /Container released on a \*?lost\*? node/i,
      /\bdecommission(?:ed|ing)\b/i,
    ],
  },
  {
    label: "capacity",
    types: [
      "ConcurrentRunsExceededException",
      "ResourceNumberLimitExceeded",
      "ResourceNumberLimitExceededException",
      "InsufficientInstanceCapacity",
    ],
    patterns: [
      /Insufficient capacity/i,
      /Query exhausted resources at this scale factor/i,
      /Max concurrent runs exceeded/i,
    ],
  },
  {
    label: "throttling",
    types: [
      "ThrottlingException",
      "Throttling",
      "ThrottledException",
      "TooManyRequestsException",
      "TooManyRequests",
      "RequestLimitExceeded",
      "RequestLimitExceededException",
      "ProvisionedThroughputExceededException",
      "RequestThrottled",
      "RequestThrottledException",
      "SlowDown",
    ],
    patterns: [
      /\bThrottl(?:ed|ing)\b/i,
      /Rate exceeded/i,
      /Too Many Requests/i,
      // S3's 503: "Slow Down" in Athena's and EMRFS's wording, "Please reduce your request rate" in the SDK's.
      /\bSlow Down\b/,
      /reduce your request rate/i,
    ],
  },
  {
    label: "timeout",
    types: [
      "SocketTimeoutException",
      "ConnectTimeoutException",
      "ConnectTimeoutError",
      "ReadTimeoutError",
      "ConnectTimeout",
      "ReadTimeout",
      "TimeoutError",
      "TimeoutException",
      "AirflowTaskTimeout",
      "AirflowSensorTimeout",
      "RequestTimeout",
      "RequestTimeoutException",
      "EXCEEDED_TIME_LIMIT",
    ],
    patterns: [
      /Query timeout/i,
      /timed out/i,
      /exceeded (?:the )?timeout/i,
      /\bTIMEOUT\b/,
      /\btimeout (?:exceeded|expired)\b/i,
    ],
  },
  {
    label: "network error",
    types: [
      "ConnectionResetError",
      "ConnectionAbortedError",
      "ConnectionRefusedError",
      "ConnectionError",
      "BrokenPipeError",
      "ConnectException",
      "ServiceUnavailable",
      "ServiceUnavailableException",
      "ServiceUnavailableError",
    ],
    patterns: [/Connection reset/i, /\bECONNRESET\b/, /Service Unavailable/i, /Broken pipe/i],
  },
  {
    label: "task killed",
    types: ["AirflowTaskTerminated"],
    patterns: [
      /detected as zombie/i,
      /\bzombie\b/i,
      /\bSIGTERM\b/,
      /Task received SIGTERM signal/i,
      // The scheduler's zombie sweep before it names the task: "Failing (1) jobs without heartbeat after …".
      /Failing \(\d+\) jobs without heartbeat/i,
    ],
  },
];

const UNDETERMINED: FailureClassification = { kind: "undetermined", label: "unrecognised" };

/** Every type the tables and the signature catalogue know, so the pre-step recognises them wherever they stand outside quotes. */
const KNOWN_TYPES: ReadonlySet<string> = new Set([
  ...[...NON_TRANSIENT, ...TRANSIENT].flatMap((entry) => entry.types),
  ...signatureTypes(SIGNATURES),
]);

/** A signature's rank comes after every entry of the tables: their labels are the more general, tried first. */
const SIGNATURE_RANK_BASE = 1_000;

/** A line's classification, with the label's rank in its table (for choosing across lines). */
interface Ranked {
  kind: KnownKind;
  label: string;
  rank: number;
}

const byType = (table: readonly CauseEntry[], types: readonly string[]): number =>
  table.findIndex((entry) => entry.types.some((type) => types.includes(type)));
const byPattern = (table: readonly CauseEntry[], masked: string): number =>
  table.findIndex((entry) => entry.patterns.some((pattern) => pattern.test(masked)));

/** One line: a known type of a kind decides the kind; the label is the most specific evidence of it. */
function classifyLine(line: FailureLine): Ranked | null {
  if (line.source) return null;
  for (const [kind, table] of [
    ["non_transient", NON_TRANSIENT],
    ["transient", TRANSIENT],
  ] as const) {
    const typed = byType(table, line.types);
    if (typed === -1) continue;
    const phrased = byPattern(table, line.masked);
    const rank = phrased === -1 ? typed : phrased;
    return { kind, label: (table[rank] as CauseEntry).label, rank };
  }
  for (const [kind, table] of [
    ["non_transient", NON_TRANSIENT],
    ["transient", TRANSIENT],
  ] as const) {
    const phrased = byPattern(table, line.masked);
    if (phrased !== -1) return { kind, label: (table[phrased] as CauseEntry).label, rank: phrased };
  }
  // Lines the tables do not know: the catalogue of real error strings (src/investigation/signatures).
  const signature = matchSignature(line, SIGNATURES);
  if (!signature) return null;
  return {
    kind: isTransientNature(signature.nature) ? "transient" : "non_transient",
    label: signature.label,
    rank: SIGNATURE_RANK_BASE + SIGNATURES.indexOf(signature),
  };
}

/** Several lines together: non-transient wins, then the label ranked first in its table. */
function combine(lines: readonly FailureLine[]): FailureClassification {
  let best: Ranked | null = null;
  for (const line of lines) {
    const ranked = classifyLine(line);
    if (ranked === null) continue;
    const better =
      best === null ||
      (ranked.kind === "non_transient" && best.kind === "transient") ||
      (ranked.kind === best.kind && ranked.rank < best.rank);
    if (better) best = ranked;
  }
  return best === null ? UNDETERMINED : { kind: best.kind, label: best.label };
}

/** Classifies free failure text (an error message, a log line, a state-change reason; several lines allowed). */
export function classifyFailureText(text: string | null | undefined): FailureClassification {
  if (!text) return UNDETERMINED;
  return combine(readFailureText(text, KNOWN_TYPES));
}

/** Classifies several texts together (non-transient still wins across them). */
export function classifyFailureTexts(texts: readonly (string | null | undefined)[]): FailureClassification {
  return combine(texts.flatMap((text) => (text ? readFailureText(text, KNOWN_TYPES) : [])));
}

/** The types and codes the classifier knows, by kind (for tests and documentation). */
export function knownFailureTypes(): Record<KnownKind, ReadonlySet<string>> {
  return {
    non_transient: new Set(NON_TRANSIENT.flatMap((entry) => entry.types)),
    transient: new Set(TRANSIENT.flatMap((entry) => entry.types)),
  };
}
