/**
 * How re-runs started through the sandbox (Glue StartJobRun, Athena StartQueryExecution, EMR
 * AddJobFlowSteps, Airflow dagRuns / clearTaskInstances ...) progress. A scenario's `on_rerun` is one
 * outcome or a sequence of them; every emulator shares these two pieces so the semantics are the same
 * everywhere:
 *
 * - `OutcomeSequence` hands out the outcome of each new re-run: the n-th call to `next()` returns
 *   the n-th entry, and the last entry repeats once the sequence is exhausted.
 * - `PolledExecution` is one re-run. Every status read (`read()`) counts as a poll: the first
 *   `polls_to_complete` reads see it running, the read after that sees `result` (SUCCEEDED, or FAILED
 *   with `error_message`), and it stays there. A `RUNNING` result never completes. `peek()` looks
 *   without counting (for writes such as a stop request, or listing internals).
 *
 * Both are service-neutral: each emulator maps `PolledState` onto its own state names.
 */
import type { RemediationOutcome } from "./scenario.js";

export type { RemediationOutcome } from "./scenario.js";

/** The service-neutral state of a re-run as one status read sees it. */
export type PolledState = "RUNNING" | "SUCCEEDED" | "FAILED";

export interface PolledStatus {
  readonly state: PolledState;
  /** True once the run reached a terminal `result` (never for a RUNNING result). */
  readonly terminal: boolean;
  /** Status reads counted so far, including this one when it came from `read()`. */
  readonly reads: number;
  /** When the run started (as given to the constructor). */
  readonly startedAt: Date;
  /** The clock time of the read that first saw the terminal state. */
  readonly completedAt?: Date;
  /** The outcome's `error_message` (or a generic one) when the run FAILED. */
  readonly errorMessage?: string;
}

const DEFAULT_FAILURE_MESSAGE = "The re-run failed (sandbox outcome without error_message).";

/** The outcomes of successive re-runs of one resource (job, query, cluster, DAG). */
export class OutcomeSequence {
  private readonly outcomes: readonly RemediationOutcome[];
  private issued = 0;

  /** `outcomes`: a scenario's `on_rerun`, one outcome or a non-empty list. */
  constructor(outcomes: RemediationOutcome | readonly RemediationOutcome[]) {
    this.outcomes = Array.isArray(outcomes) ? outcomes : [outcomes as RemediationOutcome];
    if (this.outcomes.length === 0) throw new Error("OutcomeSequence needs at least one outcome");
  }

  /** The outcome of the next re-run: the n-th call gets the n-th entry, the last one repeats. */
  next(): RemediationOutcome {
    const index = Math.min(this.issued, this.outcomes.length - 1);
    this.issued += 1;
    return this.outcomes[index] as RemediationOutcome;
  }

  /** How many re-runs have been handed an outcome so far. */
  get count(): number {
    return this.issued;
  }
}

/** One re-run whose state advances with each status read. */
export class PolledExecution {
  private reads = 0;
  private completedAt: Date | undefined;

  constructor(
    readonly outcome: RemediationOutcome,
    readonly startedAt: Date,
  ) {}

  /** Count one status read at clock time `now` and return the state that read sees. */
  read(now: Date): PolledStatus {
    this.reads += 1;
    if (this.reachedResult() && this.completedAt === undefined && this.outcome.result !== "RUNNING") {
      this.completedAt = now;
    }
    return this.status();
  }

  /** The state as of the last read, without counting a poll. */
  peek(): PolledStatus {
    return this.status();
  }

  /** Reads beyond `polls_to_complete` see the result; a 0 makes even the first read terminal. */
  private reachedResult(): boolean {
    return this.reads > this.outcome.polls_to_complete;
  }

  private status(): PolledStatus {
    const base = { reads: this.reads, startedAt: this.startedAt };
    if (this.completedAt === undefined) return { ...base, state: "RUNNING", terminal: false };
    if (this.outcome.result === "FAILED") {
      return {
        ...base,
        state: "FAILED",
        terminal: true,
        completedAt: this.completedAt,
        errorMessage: this.outcome.error_message ?? DEFAULT_FAILURE_MESSAGE,
      };
    }
    return { ...base, state: "SUCCEEDED", terminal: true, completedAt: this.completedAt };
  }
}

/** A service's names for the states a re-run passes through. */
export interface StateNames {
  /** What the first read of a still-running re-run sees (Glue STARTING, Athena QUEUED, EMR PENDING...). */
  readonly queued: string;
  readonly running: string;
  readonly succeeded: string;
  readonly failed: string;
}

/**
 * The service's state name for a status read. Services accept a new run before running it, so the
 * first read of a run that is not yet terminal sees `queued`, later ones `running`.
 */
export function stateName(status: PolledStatus, names: StateNames): string {
  if (status.terminal) return status.state === "FAILED" ? names.failed : names.succeeded;
  return status.reads <= 1 ? names.queued : names.running;
}
