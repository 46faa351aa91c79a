/**
 * The schema parts every data-lake tool shares: timestamps, the idempotency key of mutating tools,
 * log lines, and the ToolError any tool may answer instead of its output. Each tool's own input and
 * output schemas live in its definition (src/tools/<service>/<tool>.ts); the catalog maps them by name.
 * Timestamps are ISO-8601 strings; sizes are bytes; durations are seconds unless named otherwise.
 */
import { z } from "zod";

export const isoTime = z.string();

export const idempotencyKey = z
  .string()
  .min(32, "idempotency_key must be at least 32 characters (Athena's ClientRequestToken needs 32)")
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "idempotency_key may contain letters, digits, '_' and '-' only");

export const LogLineSchema = z.object({ timestamp: isoTime, message: z.string() });
export type LogLine = z.infer<typeof LogLineSchema>;

/** Every tool may return this instead of its output when the AWS call fails after the SDK's retries. */
export const ToolErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), http_status: z.number().int().nullable() }),
});
export type ToolError = z.infer<typeof ToolErrorSchema>;
