/**
 * What the policy engine decides from: a small, flat, validated record assembled by the policy node
 * from graph state. Keeping it flat means the engine never reaches into graph state and the safety
 * property tests can generate every possible input.
 */
import { z } from "zod";
import { ActionOutcomeSchema, type ActionOutcome } from "../state/action.js";
import { IntentSchema } from "../state/intents.js";
import { CauseKindSchema } from "../state/investigation.js";

const unitInterval = z.number().min(0).max(1);

export const LastActionSchema = z.strictObject({
  action: z.string(),
  outcome: ActionOutcomeSchema,
});
export type LastAction = z.infer<typeof LastActionSchema>;

export const PolicyInputSchema = z.strictObject({
  intent: IntentSchema,
  confidence: unitInterval,
  evidence_score: unitInterval,
  cause_kind: CauseKindSchema,
  retry_recommended: z.boolean(),
  recommended_action: z.string().nullable(),
  /** What the guardrails say about running `recommended_action` now. */
  remediation_permitted: z.boolean(),
  /**
   * The guardrails' message when they refused, so the decision can say exactly why
   * (e.g. which resource is not allow-listed). Optional: without it the reasoning is generic.
   */
  remediation_refusal: z.string().optional(),
  last_action: LastActionSchema.nullable(),
  /** Real attempts that started something (see ATTEMPT_CONSUMING_OUTCOMES). */
  attempts_used: z.number().int().min(0),
  budget: z.number().int().min(0),
  run_error: z.string().nullable(),
  /** The evidence points at a remediation of another resource than the incident's subject (src/subject). */
  subject_conflict: z.string().optional(),
});
export type PolicyInput = z.infer<typeof PolicyInputSchema>;

/** Outcomes that used up budget: something really started. dry_run, refused and error started nothing. */
/**
 * Outcomes that count against the retry budget: every attempt that may have started something.
 * A refusal or a dry run started nothing; an error might have (the call may have reached AWS), so it counts.
 */
export const ATTEMPT_CONSUMING_OUTCOMES: ReadonlySet<ActionOutcome> = new Set<ActionOutcome>([
  "succeeded",
  "failed",
  "in_progress",
  "error",
]);

/** Counts the attempts that consumed retry budget. */
export function countAttemptsUsed(attempts: readonly { outcome: ActionOutcome }[]): number {
  return attempts.filter((attempt) => ATTEMPT_CONSUMING_OUTCOMES.has(attempt.outcome)).length;
}
