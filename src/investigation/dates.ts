/** Dates the playbooks reason about: always calendar days (YYYY-MM-DD) in UTC. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const SLASHED_DAY = /^(\d{4})\/(\d{2})\/(\d{2})$/;
/** A time zone designator at the end of an ISO-8601 time: Z, +hh:mm, +hhmm. */
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function isRealDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}

/** A calendar day written as 2024-01-15, 20240115 or 2024/01/15, as YYYY-MM-DD; null otherwise. */
export function normaliseDay(text: string | undefined): string | null {
  const value = text?.trim() ?? "";
  const match = ISO_DAY.exec(value) ?? COMPACT_DAY.exec(value) ?? SLASHED_DAY.exec(value);
  if (!match) return null;
  const [, year = "", month = "", day = ""] = match;
  return isRealDay(year, month, day) ? `${year}-${month}-${day}` : null;
}

/**
 * The UTC day of a ticket timestamp. ServiceNow's "2024-01-15 08:30:00" carries no zone; it is read
 * as written (the Table API's default is UTC), never through the host's local time zone.
 */
export function utcDayOf(timestamp: string | undefined): string | null {
  const value = timestamp?.trim() ?? "";
  if (!value) return null;
  if (HAS_ZONE.test(value)) {
    const millis = Date.parse(value);
    return Number.isNaN(millis) ? null : new Date(millis).toISOString().slice(0, 10);
  }
  return normaliseDay(value.slice(0, 10));
}

export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** True when ISO time `later` is strictly after `earlier`; false when either does not parse. */
export function isAfter(later: string | null | undefined, earlier: string | null | undefined): boolean {
  const a = Date.parse(later ?? "");
  const b = Date.parse(earlier ?? "");
  return !Number.isNaN(a) && !Number.isNaN(b) && a > b;
}

/** A ticket timestamp as an ISO instant; zone-less ServiceNow times ("2024-01-15 08:30:00") are UTC. */
export function utcInstantOf(timestamp: string | undefined): string | null {
  const value = timestamp?.trim() ?? "";
  if (!value) return null;
  const iso = HAS_ZONE.test(value) ? value : `${value.replace(" ", "T")}Z`;
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}
