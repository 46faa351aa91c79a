/**
 * What graph state keeps of an input record (the incident). Every checkpoint holds a full copy of
 * the state, so a 900 KB ticket that passes the hard input limits (./bounds.ts) would be written
 * a dozen times per run. State keeps each field to STATE_FIELD_CHARS (strings cut with a visible
 * `… [truncated N chars]`, other values bounded by boundJson) and the whole record to
 * STATE_RECORD_CHARS. docs/limits.md has the numbers and why.
 */
import { boundJson, truncateText } from "../tools/bound.js";

/** One field as state keeps it: more than the classifier reads (16 KiB of a field) and a reviewer needs. */
export const STATE_FIELD_CHARS = 32_768;
/** The whole record as state keeps it, as JSON text. */
export const STATE_RECORD_CHARS = 131_072;
/** Per-field caps are halved down to this before whole fields are dropped. */
const MIN_FIELD_CHARS = 1_024;
/** Where state says which fields it dropped (only ever present when some were). */
export const DROPPED_FIELDS_KEY = "_dropped_fields";
const DROPPED_NOTE_CHARS = 100;

export interface StateCapOptions {
  /** Fields kept exactly as given (identifiers the schema already bounds, such as sys_id). */
  keep: readonly string[];
  /** Fields never dropped, only cut (the schema's own fields); the others go first, last first. */
  protect: readonly string[];
}

/**
 * The record as state keeps it. Pure and idempotent: what it returns is within the caps, so
 * capping it again returns an equal record. Values must already be within the hard input limits
 * (depth, size), which is what makes the JSON.stringify below safe.
 */
export function capForState<T extends Record<string, unknown>>(record: T, options: StateCapOptions): T {
  let capped: Record<string, unknown> = record;
  for (let cap = STATE_FIELD_CHARS; ; cap = Math.floor(cap / 2)) {
    capped = capFields(record, cap, options.keep);
    if (JSON.stringify(capped).length <= STATE_RECORD_CHARS) return capped as T;
    if (cap <= MIN_FIELD_CHARS) break;
  }
  // Still too large (hundreds of fields): drop unprotected fields, last first, and say so.
  const droppable = Object.keys(capped).filter((key) => !options.keep.includes(key) && !options.protect.includes(key));
  const dropped: string[] = [];
  let size = JSON.stringify(capped).length;
  let droppedChars = 0;
  // Room for the note itself, so that capping the result again drops nothing more.
  while (size + DROPPED_NOTE_CHARS > STATE_RECORD_CHARS && droppable.length > 0) {
    const key = droppable.pop() as string;
    const entry = JSON.stringify({ [key]: capped[key] }).length - 1; // `"key":value` and a comma
    size -= entry;
    droppedChars += entry;
    dropped.push(key);
  }
  const kept = Object.fromEntries(Object.entries(capped).filter(([key]) => !dropped.includes(key)));
  if (dropped.length > 0) kept[DROPPED_FIELDS_KEY] = `… [dropped ${dropped.length} fields, ${droppedChars} chars]`;
  return kept as T;
}

function capFields(record: Record<string, unknown>, cap: number, keep: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    out[key] =
      keep.includes(key) || typeof value === "number" || typeof value === "boolean" || value === null
        ? value
        : typeof value === "string"
          ? truncateText(value, cap)
          : boundJson(value, cap);
  }
  return out;
}
