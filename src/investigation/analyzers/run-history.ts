/**
 * The analysis of a run history, newest first, shared by Glue job runs, Airflow DAG runs and EMR
 * steps. PURE. The newest failed run is "the failure"; a newer run that succeeded means the
 * resource recovered; otherwise the failure's own text (read by the service) explains it, and a
 * re-run is recommended only for a transient cause with no newer run in progress and no streak of
 * failures. What differs between services is data (states, fields, wording) or a hook in the spec.
 */
import type { FailureClassification } from "../cause-patterns.js";
import type { Analysis, Remediation } from "../types.js";
import {
  REPEATED_FAILURE_THRESHOLD,
  STRENGTH,
  analysis,
  consecutiveFailures,
  labelled,
  noFailedRun,
  recoveredAfterFailure,
} from "./common.js";

/** What a service reads from its failed run: the text after the failure's head, and what it means. */
export interface FailureReading {
  /** Appended to the head ("Glue job x run jr_2 FAILED at …") to make the root cause: ": <reason>". */
  detail: string;
  classification: FailureClassification;
  /** On the scale in common.ts. */
  strength: number;
}

/** The sentences a history is told in; each defaults to the "<subject> run <id> <state>" wording. */
export interface RunHistoryWords<R> {
  /** The history has no runs at all. */
  empty: string;
  /** None of the `count` runs failed; `latest` is the newest. */
  noFailure: (latest: R, count: number) => Analysis;
  /** The failed run, as the head of its root cause. */
  failure: (failed: R, failedAt: string | null) => string;
  /** The failed run and the newer one that succeeded. */
  recovery: (failed: R, failedAt: string | null, success: R, succeededAt: string | null) => string;
}

export interface RunHistorySpec<R> {
  tool: string;
  /** What the history is of, as a sentence starts: "Glue job cust_dim_load", "DAG customer_daily". */
  subject: string;
  /** Newest first. */
  runs: readonly R[];
  id: (run: R) => string;
  state: (run: R) => string;
  /** When the run ended (or, for one without an end, the best time the service gives). */
  finishedAt: (run: R) => string | null;
  /** States of a run that failed on its own. */
  failedStates: ReadonlySet<string>;
  /** The state of a run that succeeded. */
  succeededState: string;
  /** States of a run not finished yet: a re-run would collide with it. */
  activeStates: ReadonlySet<string>;
  /**
   * Which runs are the same work as the failed one, for recovery, a run in progress and a streak.
   * By default the whole history is one series; an EMR cluster runs steps of different jobs, so
   * there only a step of the same name counts.
   */
  series?: (run: R) => string;
  /** The re-run of the failed run. */
  retryOf: (failed: R) => Remediation;
  /** How the service explains its failed run (its message, its log, its state). */
  readFailure: (failed: R) => FailureReading;
  /** Reasons outside the history that a re-run must wait for a person (a paused DAG); each is noted. */
  rerunBlockers?: readonly string[];
  /**
   * Whether the summary notes why a re-run is held back (a newer run in progress, a streak, a
   * blocker). EMR's summary is its root cause alone.
   */
  summaryNotes?: boolean;
  words?: Partial<RunHistoryWords<R>>;
}

/** Two runs in a row exhausting resources with the same words is a pattern, not bad luck. */
const IDENTICAL_FAILURE_THRESHOLD = 2;
const EXHAUSTION_LABELS: ReadonlySet<string> = new Set(["memory", "capacity"]);

/** A failure's words without what differs between runs of the same failure: ids, hashes, numbers, times. */
function failureShape(detail: string): string {
  return detail
    .replace(/\b(?:jr|s|j)-?_?[0-9A-Za-z]{6,}\b/g, "#")
    .replace(/@[0-9a-f]{4,}/gi, "@#")
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** How many of the newest failed runs (a streak, newest first) failed with the newest one's words. */
function identicalFailures<R>(streak: readonly R[], detail: (run: R) => string): number {
  const newest = streak[0];
  if (newest === undefined) return 0;
  const shape = failureShape(detail(newest));
  // A failure with no words of its own ("FAILED") says nothing about sameness.
  if (shape.replace(/[^a-z]/g, "").length < 12) return 0;
  let count = 0;
  for (const run of streak) {
    if (failureShape(detail(run)) !== shape) break;
    count += 1;
  }
  return count;
}

function defaultWords<R>(spec: RunHistorySpec<R>): RunHistoryWords<R> {
  const { tool, subject, id, state, finishedAt } = spec;
  const failure = (failed: R, failedAt: string | null) =>
    `${subject} run ${id(failed)} ${state(failed)} at ${failedAt}`;
  return {
    empty: `${subject} has no runs`,
    noFailure: (latest, count) =>
      noFailedRun(tool, subject, count, {
        id: id(latest),
        state: state(latest),
        succeeded: state(latest) === spec.succeededState,
        finished_at: finishedAt(latest),
      }),
    failure,
    recovery: (failed, failedAt, success, succeededAt) =>
      `${failure(failed, failedAt)} but a later run ${id(success)} succeeded at ${succeededAt}`,
  };
}

export function analyzeRunHistory<R>(spec: RunHistorySpec<R>): Analysis {
  const { tool, runs, id, state, finishedAt } = spec;
  const words = { ...defaultWords(spec), ...spec.words };
  if (runs.length === 0) return analysis(tool, { summary: words.empty, strength: STRENGTH.nothing });

  const isFailed = (run: R) => spec.failedStates.has(state(run));
  const failedIndex = runs.findIndex(isFailed);
  if (failedIndex === -1) return words.noFailure(runs[0] as R, runs.length);

  const failed = runs[failedIndex] as R;
  const failedAt = finishedAt(failed);
  const candidate = spec.retryOf(failed);
  const series = spec.series;
  const sameWork = (run: R) => series === undefined || series(run) === series(failed);
  const newer = runs.slice(0, failedIndex);
  const success = newer.find((run) => state(run) === spec.succeededState && sameWork(run));
  if (success) {
    const succeededAt = finishedAt(success);
    return recoveredAfterFailure(tool, words.recovery(failed, failedAt, success, succeededAt), {
      retry_candidate: candidate,
      failed_at: failedAt,
      succeeded_at: succeededAt,
    });
  }

  const reading = spec.readFailure(failed);
  const { kind, label } = reading.classification;
  const rootCause = `${words.failure(failed, failedAt)}${reading.detail}`;
  const inProgress = newer.find((run) => spec.activeStates.has(state(run)) && sameWork(run));
  const sameSeries = runs.filter(sameWork);
  const streak = consecutiveFailures(sameSeries, isFailed);
  // Resources exhausted the same way, word for word, on the run before too: the work outgrew what it
  // is given (the same data meets the same disk), and a re-run meets it a third time. A timeout or a
  // throttle twice can still be bad luck; those wait for the longer streak.
  const identical = EXHAUSTION_LABELS.has(label)
    ? identicalFailures(sameSeries.slice(0, streak), (run) => spec.readFailure(run).detail)
    : 0;
  const repeated = streak >= REPEATED_FAILURE_THRESHOLD || identical >= IDENTICAL_FAILURE_THRESHOLD;
  const blockers = spec.rerunBlockers ?? [];
  const notes = [
    inProgress ? `a newer run ${id(inProgress)} is ${state(inProgress)}` : null,
    repeated
      ? identical >= IDENTICAL_FAILURE_THRESHOLD && streak < REPEATED_FAILURE_THRESHOLD
        ? `failed the same way ${identical} times in a row`
        : `failed ${streak} times in a row`
      : null,
    ...blockers,
  ].filter((note): note is string => note !== null);
  const noted = spec.summaryNotes !== false && notes.length > 0 ? `${rootCause} (${notes.join("; ")})` : rootCause;
  // A run in progress would collide with a re-run; a repeated failure needs a person, not another try.
  const safeToRerun = kind === "transient" && !inProgress && !repeated && blockers.length === 0;
  const causeLabel = kind === "undetermined" ? null : label;

  return analysis(tool, {
    summary: labelled(noted, causeLabel),
    root_cause: rootCause,
    cause_kind: kind,
    cause_label: causeLabel,
    strength: inProgress ? Math.min(reading.strength, STRENGTH.context) : reading.strength,
    remediation: safeToRerun ? candidate : null,
    retry_candidate: candidate,
    failed_at: failedAt,
  });
}
