/**
 * Human review, in the shapes LangGraph's Agent Inbox speaks (`HumanInterrupt` out, `HumanResponse`
 * back), so Studio, Agent Inbox and our CLI all resume a paused run the same way.
 */
import { z } from "zod";
import { boundedInput, withinBounds } from "../safety/bounds.js";

/** `args` is open data from a person (an edit) or a proposal: within the input limits of src/safety/bounds.ts. */
export const ActionRequestSchema = withinBounds(
  z.strictObject({
    action: z.string().min(1),
    args: z.record(z.string(), z.unknown()),
  }),
);
export type ActionRequest = z.infer<typeof ActionRequestSchema>;

export const HumanInterruptConfigSchema = z.strictObject({
  allow_ignore: z.boolean(),
  allow_respond: z.boolean(),
  allow_edit: z.boolean(),
  allow_accept: z.boolean(),
});
export type HumanInterruptConfig = z.infer<typeof HumanInterruptConfigSchema>;

export const HumanInterruptSchema = z.strictObject({
  action_request: ActionRequestSchema,
  config: HumanInterruptConfigSchema,
  /** Markdown: the classification, findings, root cause, proposed action and why the run paused. */
  description: z.string(),
});
export type HumanInterrupt = z.infer<typeof HumanInterruptSchema>;

/** Our one addition to Agent Inbox's shape: who answered (Agent Inbox leaves it out; the CLI fills it). */
const reviewer = z.string().trim().min(1).max(200).optional();

/**
 * What a person answers. `accept` carries nothing (Agent Inbox may echo the action request, which
 * is ignored: what runs is what was proposed); `edit` the action to run instead; `response` a note.
 * Checked against the input limits of src/safety/bounds.ts before zod parses it.
 */
export const HumanResponseSchema = boundedInput(
  z.discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("accept"),
      args: z.union([z.null(), ActionRequestSchema]).default(null),
      reviewer,
    }),
    z.strictObject({ type: z.literal("edit"), args: ActionRequestSchema, reviewer }),
    z.strictObject({ type: z.literal("response"), args: z.string().trim().min(1).max(4_000), reviewer }),
    z.strictObject({ type: z.literal("ignore"), args: z.null().default(null), reviewer }),
  ]),
);
export type HumanResponse = z.infer<typeof HumanResponseSchema>;
export type HumanResponseInput = z.input<typeof HumanResponseSchema>;

/**
 * Why the run paused:
 * - policy: the policy engine decided human_review;
 * - approval: config requires a person to approve this remediation before it starts;
 * - error: a node failed, and the run stopped there.
 */
export const ReviewReasonSchema = z.enum(["policy", "approval", "error"]);
export type ReviewReason = z.infer<typeof ReviewReasonSchema>;

/**
 * What a review asks. `attempt` is the number the next action attempt would have; the proposal is
 * that remediation when `proposes_remediation`, else closing the ticket.
 */
export const ReviewRequestSchema = z.strictObject({
  reason: ReviewReasonSchema,
  interrupt: HumanInterruptSchema,
  attempt: z.number().int().min(1),
  proposes_remediation: z.boolean(),
  /** The mutating tools an edit may name (the intent's playbook, as connected). */
  editable_actions: z.array(z.string()),
});
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/** One review, as the result records it: what was asked, who answered what, and when. */
export const ReviewRecordSchema = z.strictObject({
  reason: ReviewReasonSchema,
  proposed: ActionRequestSchema,
  /** The action attempt this review approved (accept of a remediation, or edit); null otherwise. */
  attempt: z.number().int().min(1).nullable(),
  response: z.enum(["accept", "edit", "response", "ignore"]),
  /** The edited action, for `edit`. */
  action: ActionRequestSchema.nullable(),
  note: z.string().nullable(),
  reviewer: z.string(),
  at: z.iso.datetime(),
  /** How many run errors the reviewer saw; routing after the review looks only at newer ones. */
  errors_seen: z.number().int().min(0),
  /** How many policy decisions had been taken when the reviewer answered. */
  decisions_seen: z.number().int().min(0),
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;
