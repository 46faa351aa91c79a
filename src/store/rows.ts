/**
 * Turning database rows back into the types of types.ts. Every row read back goes through the zod
 * schema, so a hand-edited or foreign row fails here, naming the table and key, instead of
 * travelling on as a wrong-shaped value.
 */
import type { z } from "zod";
import { describeZodError } from "../errors.js";

export function parseRow<T extends z.ZodType>(schema: T, value: unknown, table: string, key: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`run store: invalid ${table} row ${key}: ${describeZodError(table, parsed.error)}`);
  }
  return parsed.data;
}

/**
 * One canonical text form for times (UTC, milliseconds, `Z`), so that text order is time order in
 * SQLite and a Postgres timestamptz reads back as the very string that was written.
 */
export function canonicalIso(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`run store: not a date: ${String(value)}`);
  return date.toISOString();
}
