import { z } from "zod";
import { OrchestrationResultSchema } from "./result.js";
import { HumanInterruptSchema, ReviewReasonSchema } from "./review.js";

/**
 * Where a run stands when `run` or `resume` returns: finished with its result, or paused for a
 * person with the review it asks for (and the result so far, whose decision is human_review).
 */
export const RunOutcomeSchema = z.discriminatedUnion("status", [
  z.strictObject({
    status: z.literal("completed"),
    thread_id: z.string(),
    result: OrchestrationResultSchema,
    /** The thread had finished before this call: nothing ran again. */
    already_done: z.boolean(),
  }),
  z.strictObject({
    status: z.literal("paused"),
    thread_id: z.string(),
    result: OrchestrationResultSchema,
    reason: ReviewReasonSchema,
    review: HumanInterruptSchema,
  }),
]);
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;
