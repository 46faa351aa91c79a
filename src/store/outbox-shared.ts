/** What the outbox backends share: the take options they accept and the error for a key they lack. */
import { z } from "zod";
import { describeZodError } from "../errors.js";

// Checked before any query: SQLite reads a negative LIMIT as "no limit", so a bad limit would
// lease the whole outbox to one sender.
const TakeOptionsSchema = z.object({
  limit: z.number().int().min(0),
  leaseMs: z.number().int().min(0),
});
export type TakeOptions = z.infer<typeof TakeOptionsSchema>;

export function parseTakeOptions(options: TakeOptions): TakeOptions {
  const parsed = TakeOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`outbox: invalid take options: ${describeZodError("take", parsed.error)}`);
  return parsed.data;
}

/** `lease_until` for entries taken at `at`. */
export function leaseUntil(at: Date, leaseMs: number): string {
  return new Date(at.getTime() + leaseMs).toISOString();
}

export function noOutboxEntry(key: string): Error {
  return new Error(`outbox: no entry for key ${key}`);
}
