/**
 * Shared pieces of the analyzers: the strength scale, output parsing, picking the telling log line.
 *
 * Strength scale (how conclusive one analysis is on its own):
 * - 0.9  a failed run whose error text we classify, or a later run that succeeded
 * - 0.85 the expected data for the reference day is missing (or zero bytes)
 * - 0.8  a cause read from a state or a log line only (Glue TIMEOUT; an unhealthy MWAA environment;
 *        a terminated EMR cluster; rising Kafka lag with consumer errors)
 * - 0.7  older days missing while the reference day is present; an alarm back to OK after ALARM
 * - 0.6  a failure with an error message we cannot classify; expected data present
 * - 0.5  context without a cause (an alarm in ALARM; rising lag without errors)
 * - 0.4  a failure without any message
 * - 0.3  nothing failed in the window, or the latest run is still going
 * - 0.1  the tool found nothing to look at (no runs, no alarm, no query)
 * - 0    the tool call failed or its output did not match its schema
 */
import type { z } from "zod";
import { redactSecrets } from "../../safety/index.js";
import { classifyFailureText, type FailureClassification } from "../cause-patterns.js";
import { sanitizeMessage } from "../sanitize.js";
import type { Analysis, Remediation } from "../types.js";

export const STRENGTH = {
  conclusive: 0.9,
  data_gap: 0.85,
  strong: 0.8,
  partial_gap: 0.7,
  alarm_cleared: 0.7,
  unclassified: 0.6,
  context: 0.5,
  bare: 0.4,
  weak: 0.3,
  nothing: 0.1,
  none: 0,
} as const;

/** A Glue/Airflow/EMR failure repeated this many times in a row is "repeated": notify, do not re-run. */
export const REPEATED_FAILURE_THRESHOLD = 3;

const MAX_TEXT = 240;

/**
 * Service text quoted in a root cause: control characters stripped, secrets redacted, one line,
 * capped (redacted before the cut, so a cut cannot leave half a key). Cause patterns read the text
 * before this, so redaction never changes what a failure is classified as.
 */
export function clip(text: string, max: number = MAX_TEXT): string {
  return sanitizeMessage(text, max);
}

/**
 * An analysis with neutral defaults; analyzers override what they found. Every analysis is made
 * here, so its summary and root cause are redacted here too: whatever an analyzer put in them
 * (a quoted log line, a state reason), no secret reaches findings, the root cause or work notes.
 */
export function analysis(tool: string, fields: Partial<Analysis> & Pick<Analysis, "summary">): Analysis {
  const made: Analysis = {
    tool,
    root_cause: null,
    cause_kind: "undetermined",
    cause_label: null,
    strength: STRENGTH.none,
    remediation: null,
    retry_candidate: null,
    recovered: false,
    failed_at: null,
    succeeded_at: null,
    ...fields,
  };
  return {
    ...made,
    summary: redactSecrets(made.summary),
    root_cause: made.root_cause === null ? null : redactSecrets(made.root_cause),
  };
}

/** Parses a tool output against its schema, or explains (as an analysis) why it could not. */
export function parseOutput<S extends z.ZodType>(
  tool: string,
  schema: S,
  output: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; analysis: Analysis } {
  const parsed = schema.safeParse(output);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") : "output";
  return {
    ok: false,
    analysis: analysis(tool, {
      summary: `${tool} answered in an unexpected shape (${where}: ${issue?.message ?? "invalid"})`,
    }),
  };
}

const ERRORISH = /error|exception|failed|failure|traceback|fatal|killed|denied/i;

/** A line the program logged as information ("{fx_rates.py:60} INFO - …"): it reports, it did not fail. */
const INFORMATIONAL = /(?:^|[\s}\]])(?:INFO|DEBUG|TRACE)\s+-\s/;

/**
 * The log line that best explains a failure: among the lines our cause patterns recognise, a
 * non-transient one first (as across texts: a KeyError is not fixed by a re-run, whatever else the
 * log says), and lines the program logged as information only when nothing else is recognised;
 * else the last one that looks like an error, else null.
 */
export function evidenceLine(lines: readonly string[]): string | null {
  const recognised = lines
    .map((line) => ({ line, kind: classifyFailureText(line).kind }))
    .filter((entry) => entry.kind !== "undetermined");
  const failing = recognised.filter((entry) => !INFORMATIONAL.test(entry.line));
  const candidates = failing.length > 0 ? failing : recognised;
  const known = (candidates.find((entry) => entry.kind === "non_transient") ?? candidates[0])?.line;
  if (known !== undefined) return known;
  const errorish = lines.filter((line) => ERRORISH.test(line));
  return errorish.at(-1) ?? null;
}

/** How many runs in a row, newest first, satisfy `failed`. */
export function consecutiveFailures<T>(runs: readonly T[], failed: (run: T) => boolean): number {
  const firstOk = runs.findIndex((run) => !failed(run));
  return firstOk === -1 ? runs.length : firstOk;
}

/** The failure's explanation: its own message first, then the telling log line; with its classification. */
export function explainFailure(
  message: string | null,
  logLines: readonly string[],
): { text: string | null; classification: FailureClassification; from: "message" | "log" | null } {
  const fromMessage = classifyFailureText(message);
  const headline = message ? decisiveLine(message) : null;
  if (headline && fromMessage.kind !== "undetermined") {
    return { text: headline, classification: fromMessage, from: "message" };
  }
  const line = evidenceLine(logLines);
  const fromLog = classifyFailureText(line);
  if (line && fromLog.kind !== "undetermined") {
    return { text: headline ? `${headline} (log: ${line})` : line, classification: fromLog, from: "log" };
  }
  if (headline) return { text: headline, classification: fromMessage, from: "message" };
  return { text: line, classification: fromLog, from: line ? "log" : null };
}

/**
 * A multi-line error (a stack trace) as its decisive line: the last one a cause pattern recognises,
 * else the last exception line ("AttributeError: …"), else the first line. One-line text is kept.
 */
export function decisiveLine(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (lines.length <= 1) return text.trim();
  const newestFirst = [...lines].reverse();
  return (
    newestFirst.find((line) => classifyFailureText(line).kind !== "undetermined") ??
    newestFirst.find((line) => /^[\w.$]*(?:Error|Exception)\b/.test(line)) ??
    lines[0] ??
    text
  );
}

/** Strength of a failure's explanation, on the scale above. */
export function failureStrength(explained: ReturnType<typeof explainFailure>): number {
  if (explained.classification.kind !== "undetermined") {
    return explained.from === "message" ? STRENGTH.conclusive : STRENGTH.strong;
  }
  return explained.text ? STRENGTH.unclassified : STRENGTH.bare;
}

export function labelled(text: string, label: string | null): string {
  return label && label !== "unrecognised" ? `${text} [${label}]` : text;
}

/** The newest run (job run, DAG run, step) when none of the recent ones failed. */
export interface LatestRun {
  id: string;
  state: string;
  succeeded: boolean;
  finished_at: string | null;
}

/**
 * None of the last `count` runs failed: if the newest succeeded, that is weak evidence the
 * incident is over; otherwise it says only what state the newest is in.
 */
export function noFailedRun(tool: string, subject: string, count: number, latest: LatestRun): Analysis {
  const head = `${subject}: no failed run among the last ${count}; latest run ${latest.id}`;
  if (!latest.succeeded) return analysis(tool, { summary: `${head} is ${latest.state}`, strength: STRENGTH.weak });
  const text = `${head} succeeded at ${latest.finished_at}`;
  return analysis(tool, {
    summary: text,
    root_cause: text,
    cause_kind: "recovered",
    strength: STRENGTH.weak,
    recovered: true,
    succeeded_at: latest.finished_at,
  });
}

/** A failed run followed by a later success: the incident already recovered; the re-run stays a candidate. */
export function recoveredAfterFailure(
  tool: string,
  text: string,
  details: { retry_candidate: Remediation; failed_at: string | null; succeeded_at: string | null },
): Analysis {
  return analysis(tool, {
    summary: text,
    root_cause: text,
    cause_kind: "recovered",
    strength: STRENGTH.conclusive,
    recovered: true,
    ...details,
  });
}
