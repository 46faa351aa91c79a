/**
 * The GlideSystem date functions a filter may use as a value (`javascript:gs.daysAgoStart(1)`),
 * evaluated against the emulator's clock. An instance evaluates them in the session's time zone;
 * the emulator's instance runs on UTC. Only a call with an integer argument (or none) is accepted:
 * an instance would run any script, the emulator runs none.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const startOf = (ms: number, unit: number): number => Math.floor(ms / unit) * unit;
const endOf = (ms: number, unit: number): number => startOf(ms, unit) + unit - 1000;

type DateFunction = (nowMs: number, n: number) => number;

const FUNCTIONS: Readonly<Record<string, DateFunction>> = {
  minutesAgo: (now, n) => now - n * MINUTE,
  minutesAgoStart: (now, n) => startOf(now - n * MINUTE, MINUTE),
  minutesAgoEnd: (now, n) => endOf(now - n * MINUTE, MINUTE),
  hoursAgo: (now, n) => now - n * HOUR,
  hoursAgoStart: (now, n) => startOf(now - n * HOUR, HOUR),
  hoursAgoEnd: (now, n) => endOf(now - n * HOUR, HOUR),
  daysAgo: (now, n) => now - n * DAY,
  daysAgoStart: (now, n) => startOf(now - n * DAY, DAY),
  daysAgoEnd: (now, n) => endOf(now - n * DAY, DAY),
  beginningOfToday: (now) => startOf(now, DAY),
  endOfToday: (now) => endOf(now, DAY),
  beginningOfYesterday: (now) => startOf(now - DAY, DAY),
  endOfYesterday: (now) => endOf(now - DAY, DAY),
  beginningOfLastHour: (now) => startOf(now - HOUR, HOUR),
  endOfLastHour: (now) => endOf(now - HOUR, HOUR),
  beginningOfLast15Minutes: (now) => startOf(now - 15 * MINUTE, MINUTE),
  beginningOfLast30Minutes: (now) => startOf(now - 30 * MINUTE, MINUTE),
  beginningOfLast60Minutes: (now) => startOf(now - 60 * MINUTE, MINUTE),
};

const CALL = /^javascript:\s*gs\.([A-Za-z0-9]+)\(\s*(-?\d+)?\s*\)\s*;?\s*$/;

export type RelativeDate = { kind: "date"; date: Date } | { kind: "not_script" } | { kind: "unsupported" };

/** A `javascript:gs.…()` value as a date, or why it is not one. */
export function evaluateRelativeDate(value: string, now: Date): RelativeDate {
  if (!value.startsWith("javascript:")) return { kind: "not_script" };
  const match = CALL.exec(value);
  const fn = match?.[1] !== undefined && Object.hasOwn(FUNCTIONS, match[1]) ? FUNCTIONS[match[1]] : undefined;
  if (!match || !fn) return { kind: "unsupported" };
  return { kind: "date", date: new Date(fn(now.getTime(), Number(match[2] ?? 0))) };
}
