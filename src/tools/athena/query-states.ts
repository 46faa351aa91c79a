/**
 * Athena query-execution states (Status.State), named once for every reader: the tool that picks
 * the latest failed query, the analyzer and the verification of a re-run.
 */
export const ATHENA_FAILED_STATE = "FAILED";
export const ATHENA_SUCCEEDED_STATE = "SUCCEEDED";
/** A query that ended without succeeding, for the verification of a re-run (a cancel included). */
export const ATHENA_UNSUCCESSFUL_END_STATES: ReadonlySet<string> = new Set([ATHENA_FAILED_STATE, "CANCELLED"]);
