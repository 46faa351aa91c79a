/**
 * The shapes the webhook app is configured with and answers: zod schemas, so the types come from
 * one place (`z.infer`) and a caller's options are checked once, when the app is built.
 */
import { z } from "zod";

export const DEFAULT_SIGNATURE_HEADER = "X-Signature-256";
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export const WebhookAuthSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("hmac"),
    secret: z.string().min(1, "secret must be a non-empty string"),
    /** Where the sender puts the HMAC-SHA256 of the body; X-Signature-256 by default. */
    header: z.string().min(1, "header must be a non-empty header name").optional(),
  }),
  z.strictObject({
    kind: z.literal("bearer"),
    token: z.string().min(1, "token must be a non-empty string"),
  }),
]);
export type WebhookAuth = z.infer<typeof WebhookAuthSchema>;

/** What `accept` reports: a new run was started, or the incident already has one. */
export const WebhookAcceptanceSchema = z.strictObject({
  status: z.enum(["accepted", "duplicate"]),
  thread_id: z.string().min(1, "thread_id must be a non-empty string"),
});
export type WebhookAcceptance = z.infer<typeof WebhookAcceptanceSchema>;
