/**
 * The list parameters of Airflow's REST API (limit, offset, order_by, state and date filters) over
 * DAG runs, as pure functions.
 */
import type { DagRunView } from "./airflow-dags.js";

/** MWAA keeps Airflow's default `[api] maximum_page_limit`. */
export const MAXIMUM_PAGE_LIMIT = 100;

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

/** Reads limit/offset; a string is the problem detail for a 400. */
export function parsePaging(params: URLSearchParams): Paging | string {
  const limit = Number(params.get("limit") ?? MAXIMUM_PAGE_LIMIT);
  const offset = Number(params.get("offset") ?? 0);
  if (!Number.isInteger(limit) || limit < 0) return `Invalid limit: ${params.get("limit")}`;
  if (!Number.isInteger(offset) || offset < 0) return `Invalid offset: ${params.get("offset")}`;
  return { limit: Math.min(limit, MAXIMUM_PAGE_LIMIT), offset };
}

type Sortable = Date | string | number | null;

const ORDER_FIELDS: Record<string, (run: DagRunView, index: number) => Sortable> = {
  id: (_run, index) => index,
  dag_run_id: (run) => run.dag_run_id,
  state: (run) => run.state,
  execution_date: (run) => run.logical_date,
  logical_date: (run) => run.logical_date,
  start_date: (run) => run.start_date,
  end_date: (run) => run.end_date,
  updated_at: (run) => run.end_date ?? run.start_date ?? run.logical_date,
};

function compare(a: Sortable, b: Sortable): number {
  const left = a instanceof Date ? a.getTime() : a;
  const right = b instanceof Date ? b.getTime() : b;
  if (left === right) return 0;
  // Postgres, MWAA's metadata database: NULLs sort last ascending (and first descending).
  if (left === null) return 1;
  if (right === null) return -1;
  return left < right ? -1 : 1;
}

function dateFilter(params: URLSearchParams, name: string): Date | undefined | string {
  const value = params.get(name);
  if (value === null) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? `Invalid datetime for ${name}: ${value}` : parsed;
}

export interface DagRunSelection {
  readonly page: DagRunView[];
  readonly totalEntries: number;
}

/**
 * Filters (state, execution_date_gte/lte), orders (order_by, `-` for descending, ties by id) and
 * pages a DAG's runs; a string is the problem detail for a 400.
 */
export function selectDagRuns(runs: readonly DagRunView[], params: URLSearchParams): DagRunSelection | string {
  const paging = parsePaging(params);
  if (typeof paging === "string") return paging;
  const orderBy = params.get("order_by") ?? "id";
  const descending = orderBy.startsWith("-");
  const field = ORDER_FIELDS[descending ? orderBy.slice(1) : orderBy];
  if (!field) return `Ordering with '${orderBy}' is disallowed or the attribute does not exist on the model`;
  const gte = dateFilter(params, "execution_date_gte");
  const lte = dateFilter(params, "execution_date_lte");
  if (typeof gte === "string") return gte;
  if (typeof lte === "string") return lte;
  const states = params.getAll("state");

  const selected = runs
    .map((run, index) => ({ run, index }))
    .filter(({ run }) => states.length === 0 || states.includes(run.state))
    .filter(({ run }) => gte === undefined || run.logical_date >= gte)
    .filter(({ run }) => lte === undefined || run.logical_date <= lte)
    .sort((a, b) => {
      const order = compare(field(a.run, a.index), field(b.run, b.index));
      return (descending ? -order : order) || a.index - b.index;
    })
    .map(({ run }) => run);
  return { page: selected.slice(paging.offset, paging.offset + paging.limit), totalEntries: selected.length };
}
