/**
 * What an outbox entry carries (src/store/types.ts keeps it as open JSON; this is its shape):
 * - patch: incident fields to PATCH; work_notes and comments add journal entries, and the note
 *   ends with the entry's marker (src/ticketing/marker.ts);
 * - follow_up: an auto_retry's started run, looked at on each pass until it finishes; then the
 *   ticket is resolved (it succeeded) or escalated (it failed).
 */
import { z } from "zod";
import { IntentSchema } from "../state/intents.js";

export const PatchPayloadSchema = z.strictObject({
  type: z.literal("patch"),
  fields: z.record(z.string(), z.string()),
});

export const FollowUpPayloadSchema = z.strictObject({
  type: z.literal("follow_up"),
  intent: IntentSchema,
  action: z.string().min(1),
  args: z.record(z.string(), z.unknown()),
  execution_id: z.string().min(1),
});
export type FollowUpPayload = z.infer<typeof FollowUpPayloadSchema>;

export const OutboxPayloadSchema = z.discriminatedUnion("type", [PatchPayloadSchema, FollowUpPayloadSchema]);
export type OutboxPayload = z.infer<typeof OutboxPayloadSchema>;
