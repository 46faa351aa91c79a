/**
 * ServiceNow's encoded query (`sysparm_query`), parsed: `^` joins conditions (AND), `^OR` joins a
 * condition to the one before it (OR binds tighter than AND), `^NQ` starts a new query whose rows are
 * added to the first's, `ORDERBY<field>` / `ORDERBYDESC<field>` sort. Pure: evaluation against
 * records and the clock is ./query-match.ts.
 */

/** Longest first, so `NOT IN` is not read as `IN` and `>=` not as `>`. */
export const QUERY_OPERATORS = [
  "ISNOTEMPTY",
  "ISEMPTY",
  "STARTSWITH",
  "ENDSWITH",
  "NOT LIKE",
  "NOT IN",
  "LIKE",
  "IN",
  "!=",
  ">=",
  "<=",
  "=",
  ">",
  "<",
] as const;
export type QueryOperator = (typeof QUERY_OPERATORS)[number];

export interface QueryCondition {
  readonly field: string;
  readonly operator: QueryOperator;
  readonly value: string;
}

/** Conditions of one group are alternatives (OR); a query's groups must all hold (AND). */
export type ConditionGroup = readonly QueryCondition[];

export interface OrderTerm {
  readonly field: string;
  readonly descending: boolean;
}

export interface ParsedQuery {
  /** The `^NQ`-separated queries: a row matches when any of them does. */
  readonly queries: readonly (readonly ConditionGroup[])[];
  readonly orderBy: readonly OrderTerm[];
  /** Terms that are not a condition this parser knows (an operator like BETWEEN or DATEPART). */
  readonly unparsed: readonly string[];
}

/** Field names are lowercase (dot-walks included); operators are symbols or uppercase words. */
const CONDITION = new RegExp(
  `^([a-z0-9_]+(?:\\.[a-z0-9_]+)*)(${QUERY_OPERATORS.map((op) => op.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(.*)$`,
  "s",
);

export function parseEncodedQuery(text: string): ParsedQuery {
  const queries: ConditionGroup[][] = [];
  const orderBy: OrderTerm[] = [];
  const unparsed: string[] = [];
  for (const queryText of text.split("^NQ")) {
    const groups: QueryCondition[][] = [];
    for (const term of queryText.split("^")) {
      if (term === "" || term === "EQ") continue;
      if (term.startsWith("ORDERBYDESC")) {
        orderBy.push({ field: term.slice("ORDERBYDESC".length), descending: true });
        continue;
      }
      if (term.startsWith("ORDERBY")) {
        orderBy.push({ field: term.slice("ORDERBY".length), descending: false });
        continue;
      }
      // `ORfield=value` (the `^OR` joiner): an alternative to the previous condition.
      const alternative = term.startsWith("OR");
      const condition = parseCondition(alternative ? term.slice(2) : term);
      if (!condition) {
        unparsed.push(term);
        continue;
      }
      const previous = groups.at(-1);
      if (alternative && previous) previous.push(condition);
      else groups.push([condition]);
    }
    if (groups.length > 0) queries.push(groups);
  }
  return { queries, orderBy, unparsed };
}

function parseCondition(term: string): QueryCondition | undefined {
  const match = CONDITION.exec(term);
  if (!match) return undefined;
  const [, field, operator, value] = match as unknown as [string, string, QueryOperator, string];
  // ISEMPTY / ISNOTEMPTY take no value; anything after them is not this operator.
  if ((operator === "ISEMPTY" || operator === "ISNOTEMPTY") && value !== "") return undefined;
  return { field, operator, value };
}
