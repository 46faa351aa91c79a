/**
 * Evaluates a parsed encoded query against rows, as an instance does: a condition on a field the
 * table does not have is dropped (the instance ignores it and returns more rows; the client guards
 * against that), strings compare case-insensitively, integers as numbers and date-times as times,
 * with `javascript:gs.…()` values read from the clock.
 */
import type { ConditionGroup, OrderTerm, ParsedQuery, QueryCondition } from "./encoded-query.js";
import { parseGlideTime } from "./glide-time.js";
import { evaluateRelativeDate } from "./relative-dates.js";
import type { FieldType } from "./tables.js";

export type Row = Readonly<Record<string, string>>;

/** A field's type and the row's value for it (dot-walks followed), or undefined: no such field. */
export type FieldReader = (row: Row, path: string) => { type: FieldType; value: string } | undefined;

/** A value the emulator cannot evaluate (a script other than the supported gs date functions). */
export class UnsupportedQueryError extends Error {
  override readonly name = "UnsupportedQueryError";
}

export function matchesQuery(query: ParsedQuery, row: Row, read: FieldReader, now: Date): boolean {
  if (query.queries.length === 0) return true;
  return query.queries.some((groups) => groups.every((group) => matchesGroup(group, row, read, now)));
}

function matchesGroup(group: ConditionGroup, row: Row, read: FieldReader, now: Date): boolean {
  const known = group.filter((condition) => read(row, condition.field) !== undefined);
  if (known.length === 0) return true; // every alternative names a field the table lacks: ignored
  return known.some((condition) => matchesCondition(condition, row, read, now));
}

function matchesCondition(condition: QueryCondition, row: Row, read: FieldReader, now: Date): boolean {
  const field = read(row, condition.field);
  if (!field) return true;
  const { operator } = condition;
  const actual = field.value;
  if (operator === "ISEMPTY") return actual === "";
  if (operator === "ISNOTEMPTY") return actual !== "";
  const expected = resolveValue(condition.value, now);
  const compare = comparator(field.type);
  switch (operator) {
    case "=":
      return compare(actual, expected) === 0;
    case "!=":
      return compare(actual, expected) !== 0;
    case "IN":
      return expected.split(",").some((candidate) => compare(actual, candidate) === 0);
    case "NOT IN":
      return expected.split(",").every((candidate) => compare(actual, candidate) !== 0);
    case ">":
    case ">=":
    case "<":
    case "<=": {
      if (actual === "") return false;
      const order = compare(actual, expected);
      if (Number.isNaN(order)) return false;
      if (operator === ">") return order > 0;
      if (operator === ">=") return order >= 0;
      if (operator === "<") return order < 0;
      return order <= 0;
    }
    case "LIKE":
      return actual.toLowerCase().includes(expected.toLowerCase());
    case "NOT LIKE":
      return !actual.toLowerCase().includes(expected.toLowerCase());
    case "STARTSWITH":
      return actual.toLowerCase().startsWith(expected.toLowerCase());
    case "ENDSWITH":
      return actual.toLowerCase().endsWith(expected.toLowerCase());
  }
}

function resolveValue(value: string, now: Date): string {
  const relative = evaluateRelativeDate(value, now);
  if (relative.kind === "not_script") return value;
  if (relative.kind === "unsupported") {
    throw new UnsupportedQueryError(`the emulator evaluates only gs date functions, not ${value}`);
  }
  return relative.date.toISOString();
}

/** Negative, zero or positive as `a` sorts before, with or after `b`; NaN when they do not compare. */
function comparator(type: FieldType): (a: string, b: string) => number {
  if (type === "integer") {
    return (a, b) => (a === "" || b === "" ? compareText(a, b) : Number(a) - Number(b));
  }
  if (type === "glide_date_time") {
    return (a, b) => (a === "" || b === "" ? compareText(a, b) : parseGlideTime(a) - parseGlideTime(b));
  }
  if (type === "reference" || type === "sys_id") return (a, b) => (a === b ? 0 : a < b ? -1 : 1);
  return compareText;
}

function compareText(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Rows sorted by the ORDERBY terms that name a field (others are ignored, as on an instance). */
export function orderRows<T extends Row>(rows: readonly T[], orderBy: readonly OrderTerm[], read: FieldReader): T[] {
  const sorted = [...rows];
  const terms = orderBy.filter((term) => rows.length === 0 || read(rows[0] as T, term.field) !== undefined);
  if (terms.length === 0) return sorted;
  sorted.sort((a, b) => {
    for (const term of terms) {
      const left = read(a, term.field);
      const right = read(b, term.field);
      if (!left || !right) continue;
      const order = comparator(left.type)(left.value, right.value);
      if (order !== 0 && !Number.isNaN(order)) return term.descending ? -order : order;
    }
    return 0;
  });
  return sorted;
}
