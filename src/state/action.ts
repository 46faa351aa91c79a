import { z } from "zod";

/**
 * How an action attempt ended:
 * - succeeded: the remediation ran and verification saw it succeed;
 * - failed: it ran and verification saw it fail;
 * - in_progress: it started but was still running when the bounded wait ran out;
 * - dry_run: dry-run mode; nothing was started;
 * - refused: a guardrail refused it (allow-list, budget, non-transient cause, no such tool);
 * - error: the tool call itself failed.
 */
export const ActionOutcomeSchema = z.enum(["succeeded", "failed", "in_progress", "dry_run", "refused", "error"]);
export type ActionOutcome = z.infer<typeof ActionOutcomeSchema>;

/** The public part, exactly the seed's response structure. */
export const ActionResultSchema = z.strictObject({
  action: z.string().nullable(),
  success: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;

export const ActionAttemptSchema = z.object({
  attempt: z.number().int().min(1),
  action: z.string(),
  outcome: ActionOutcomeSchema,
  idempotency_key: z.string(),
  args: z.record(z.string(), z.unknown()),
  /** Id of the run/query/step the tool started, when it started one. */
  execution_id: z.string().nullable(),
  status: z.string().nullable(),
  message: z.string(),
});
export type ActionAttempt = z.infer<typeof ActionAttemptSchema>;
