/**
 * A small typed builder for `sysparm_query`. Pure and immutable. Every field name is checked
 * against the table's known fields (./tables.ts) when the term is added, so a typo fails here, not
 * as a query the instance silently widens. Values are refused when they carry the encoded query's
 * own separators: a `^` in ticket text would otherwise add terms of its own (`x^ORstate=6`).
 */
import { checkField, type FieldOf, type TableName } from "./tables.js";

export const QUERY_OPERATORS = [
  "=",
  "!=",
  "IN",
  "NOT IN",
  ">=",
  "<=",
  ">",
  "<",
  "LIKE",
  "NOT LIKE",
  "STARTSWITH",
  "ENDSWITH",
  "ISEMPTY",
  "ISNOTEMPTY",
] as const;
export type QueryOperator = (typeof QUERY_OPERATORS)[number];
type ValueOperator = Exclude<QueryOperator, "ISEMPTY" | "ISNOTEMPTY" | "IN" | "NOT IN">;

/** A GlideSystem date function the instance evaluates on its own clock. */
export interface RelativeDate {
  readonly kind: "relative_date";
  readonly script: string;
}

const script = (call: string): RelativeDate => ({ kind: "relative_date", script: `javascript:gs.${call}` });
const count = (n: number, name: string): number => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name}: expected a non-negative integer, got ${n}`);
  return n;
};

/** The relative dates a "created within a window" query uses. */
export const relativeDate = {
  daysAgoStart: (n: number): RelativeDate => script(`daysAgoStart(${count(n, "daysAgoStart")})`),
  hoursAgoStart: (n: number): RelativeDate => script(`hoursAgoStart(${count(n, "hoursAgoStart")})`),
  minutesAgoStart: (n: number): RelativeDate => script(`minutesAgoStart(${count(n, "minutesAgoStart")})`),
  beginningOfToday: (): RelativeDate => script("beginningOfToday()"),
};

export type QueryValue = string | number | Date | RelativeDate;

/** A field of T, or a dot-walk from one of its reference fields (checked when added). */
export type QueryField<T extends TableName> = FieldOf<T> | `${FieldOf<T>}.${string}`;

/** A finished query: the table it was checked against and its encoded form. */
export interface TableQuery<T extends TableName> {
  readonly table: T;
  readonly encoded: string;
}

type Joiner = "^" | "^OR" | "^NQ";

export class QueryBuilder<T extends TableName> {
  private constructor(
    readonly table: T,
    private readonly terms: readonly string[],
    private readonly ordering: readonly string[],
    private readonly pending: Joiner | undefined,
  ) {}

  static for<T extends TableName>(table: T): QueryBuilder<T> {
    return new QueryBuilder(table, [], [], undefined);
  }

  /** A condition that must hold (AND with what came before). */
  where(field: QueryField<T>, operator: "ISEMPTY" | "ISNOTEMPTY"): QueryBuilder<T>;
  where(field: QueryField<T>, operator: "IN" | "NOT IN", values: readonly (string | number)[]): QueryBuilder<T>;
  where(field: QueryField<T>, operator: ValueOperator, value: QueryValue): QueryBuilder<T>;
  where(
    field: QueryField<T>,
    operator: QueryOperator,
    value?: QueryValue | readonly (string | number)[],
  ): QueryBuilder<T> {
    return this.add(this.pending ?? "^", field, operator, value);
  }

  /** An alternative to the previous condition (`^OR`: binds tighter than AND). */
  or(field: QueryField<T>, operator: "ISEMPTY" | "ISNOTEMPTY"): QueryBuilder<T>;
  or(field: QueryField<T>, operator: "IN" | "NOT IN", values: readonly (string | number)[]): QueryBuilder<T>;
  or(field: QueryField<T>, operator: ValueOperator, value: QueryValue): QueryBuilder<T>;
  or(
    field: QueryField<T>,
    operator: QueryOperator,
    value?: QueryValue | readonly (string | number)[],
  ): QueryBuilder<T> {
    if (this.terms.length === 0 || this.pending === "^NQ")
      throw new Error("or(): there is no condition to be an alternative to");
    return this.add("^OR", field, operator, value);
  }

  /** Starts a new query (`^NQ`): rows matching either query are returned. */
  newQuery(): QueryBuilder<T> {
    if (this.terms.length === 0 || this.pending === "^NQ") throw new Error("newQuery(): the current query is empty");
    return new QueryBuilder(this.table, this.terms, this.ordering, "^NQ");
  }

  orderBy(field: QueryField<T>): QueryBuilder<T> {
    checkField(this.table, field, "query");
    return new QueryBuilder(this.table, this.terms, [...this.ordering, `ORDERBY${field}`], this.pending);
  }

  orderByDesc(field: QueryField<T>): QueryBuilder<T> {
    checkField(this.table, field, "query");
    return new QueryBuilder(this.table, this.terms, [...this.ordering, `ORDERBYDESC${field}`], this.pending);
  }

  build(): TableQuery<T> {
    if (this.pending === "^NQ") throw new Error("build(): newQuery() was not followed by a condition");
    return {
      table: this.table,
      encoded: [...this.terms, ...this.ordering.map((term) => `^${term}`)].join("").replace(/^\^/, ""),
    };
  }

  private add(
    joiner: Joiner,
    field: string,
    operator: QueryOperator,
    value: QueryValue | readonly (string | number)[] | undefined,
  ): QueryBuilder<T> {
    checkField(this.table, field, "query");
    if (!(QUERY_OPERATORS as readonly string[]).includes(operator))
      throw new Error(`unknown query operator ${operator}`);
    const term = `${joiner}${field}${operator}${encodeValue(field, operator, value)}`;
    return new QueryBuilder(this.table, [...this.terms, term], this.ordering, undefined);
  }
}

/** `tableQuery("incident").where("state", "IN", [1, 2]).build()` */
export function tableQuery<T extends TableName>(table: T): QueryBuilder<T> {
  return QueryBuilder.for(table);
}

function encodeValue(
  field: string,
  operator: QueryOperator,
  value: QueryValue | readonly (string | number)[] | undefined,
): string {
  if (operator === "ISEMPTY" || operator === "ISNOTEMPTY") {
    if (value !== undefined) throw new Error(`${field} ${operator} takes no value`);
    return "";
  }
  if (operator === "IN" || operator === "NOT IN") {
    if (!Array.isArray(value) || value.length === 0) throw new Error(`${field} ${operator} needs a non-empty list`);
    return value.map((item) => plainValue(field, String(item), ",")).join(",");
  }
  if (value === undefined || Array.isArray(value)) throw new Error(`${field} ${operator} needs one value`);
  const single = value as QueryValue;
  if (typeof single === "object" && "kind" in single) return single.script;
  if (single instanceof Date) {
    if (Number.isNaN(single.getTime())) throw new Error(`${field} ${operator}: invalid date`);
    return single.toISOString().slice(0, 19).replace("T", " ");
  }
  return plainValue(field, String(single));
}

function plainValue(field: string, value: string, extra = ""): string {
  const forbidden = ["^", "\n", "\r", ...extra];
  const found = forbidden.find((character) => value.includes(character));
  if (found !== undefined) throw new Error(`${field}: a query value may not contain ${JSON.stringify(found)}`);
  if (value.startsWith("javascript:")) throw new Error(`${field}: use relativeDate for a script value, not a string`);
  return value;
}
