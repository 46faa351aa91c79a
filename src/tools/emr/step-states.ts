/**
 * EMR step states (Status.State), named once for every reader: the analyzer and the verification of
 * a re-added step. Which set a reader needs differs on purpose, so each set is named for what it means.
 */

/** A step that failed on its own: the steps whose failure details explain an EMR failure. */
export const EMR_FAILED_STEP_STATES: ReadonlySet<string> = new Set(["FAILED", "INTERRUPTED"]);

/** A step that ended without completing, for the verification of a re-added step (a cancel included). */
export const EMR_UNSUCCESSFUL_END_STATES: ReadonlySet<string> = new Set([...EMR_FAILED_STEP_STATES, "CANCELLED"]);

export const EMR_COMPLETED_STATE = "COMPLETED";
