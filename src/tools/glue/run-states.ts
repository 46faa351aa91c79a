/**
 * Glue job-run states (JobRunState), named once for every reader: the tool that picks the run whose
 * error log to read, the analyzer and the verification of a re-run. Which set a reader needs differs
 * on purpose, so each set is named for what it means.
 */

/** A run that failed on its own: the runs whose error log explains a failure. */
export const GLUE_FAILED_STATES: ReadonlySet<string> = new Set(["FAILED", "TIMEOUT", "ERROR"]);

/**
 * A run that ended without succeeding, for the verification of a re-run: a failure, or a run stopped
 * (by a person or a stop call) or expired before it ran.
 */
export const GLUE_UNSUCCESSFUL_END_STATES: ReadonlySet<string> = new Set([...GLUE_FAILED_STATES, "STOPPED", "EXPIRED"]);

export const GLUE_SUCCEEDED_STATE = "SUCCEEDED";
