/**
 * Building blocks shared by the entity extractors: identifier shapes, the words that are never
 * names, and the "first acceptable capture" search. All patterns are linear (bounded repetitions,
 * no nested quantifiers), so a pasted log of tens of kilobytes costs microseconds.
 */

export const ID = String.raw`[A-Za-z0-9][\w.-]{0,254}`;
/** An identifier that contains `_` or `-`: how resource names differ from prose words. */
export const SEPARATED_ID = String.raw`(?=[\w.-]{0,254}[_-])${ID}`;
export const QUOTE = String.raw`["'\x60]?`;
export const ASSIGN = String.raw`\s*["']?\s*[:=]\s*["']?`;
/** After a noun: "job: X", "job = X", "Job - X" (ServiceNow CI names) or "job X". */
export const LABEL_SEPARATOR = String.raw`(?:\s*[:=]\s*|\s+-\s+|\s+)`;
export const UUID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;

/** Words that follow "job", "DAG", "task", "topic" … in prose but are never names. */
export const NOT_A_NAME = new Set(
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

/**
 * Deployment stages. "Environment: Production" or "the pre-prod Glue job" name a stage, not a
 * resource, so loosely introduced names that are only a stage are dropped.
 */
const STAGE_WORDS = new Set(
  (
    "prod production prd dev development develop staging stage stg test testing qa uat sit preprod pre-prod " +
    "pre-production nonprod non-prod non-production sandbox sbx live demo local"
  ).split(" "),
);

/** CloudWatch alarm states, which follow "ALARM:" or "Alarm" as often as names do. */
const ALARM_STATE_WORDS = new Set(["ok", "alarm", "insufficient_data", "insufficient"]);

/** Cleans a captured name: trailing punctuation from prose ("job X." / "DAG X,") is not part of it. */
export function cleanName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = raw.replace(/[.:,;'"\x60)-]+$/, "");
  if (name.length < 2 || NOT_A_NAME.has(name.toLowerCase())) return undefined;
  return name;
}

/**
 * For names introduced loosely (a bare "Environment:" key, "X glue run", "on X"): besides being
 * a name, it must look like a resource — a separator or a digit in it — and not be a stage.
 */
export function resourceLikeName(raw: string | undefined): string | undefined {
  const name = cleanName(raw);
  if (name === undefined || STAGE_WORDS.has(name.toLowerCase())) return undefined;
  return /[-_\d]/.test(name) ? name : undefined;
}

/** A captured alarm name, unless it is an alarm state or a prose word. */
export function alarmName(raw: string | undefined): string | undefined {
  const name = trimmed(raw);
  if (name === undefined || ALARM_STATE_WORDS.has(name.toLowerCase())) return undefined;
  return name.includes(" ") ? name : cleanName(name);
}

export function trimmed(raw: string | undefined): string | undefined {
  const value = raw?.trim().replace(/[.,;]+$/, "");
  return value === undefined || value === "" ? undefined : value;
}

/** First capture (group 1) of any pattern, in pattern order then text order, that `accept` keeps. */
export function firstCapture(
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

export const global = (source: string, flags = "i"): RegExp => new RegExp(source, `${flags}g`);

/** Escapes a found name so it can be looked for again inside a pattern. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
