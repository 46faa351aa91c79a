/**
 * The Table API client: `TicketSystemClient` over fetch. Each request passes the concurrency limit
 * (p-limit) and the rate gate, carries the auth header and a timeout (AbortSignal.timeout), and is
 * retried only for transient failures (./retry.ts). An OAuth token the instance refuses (401) is
 * replaced once per attempt. Field names are checked before anything is sent.
 */
import { setTimeout as delay } from "node:timers/promises";
import pLimit from "p-limit";
import { z } from "zod";
import { causeCode, createAuthProvider, type AuthProvider } from "./auth.js";
import type { ServiceNowConfig, ServiceNowCredentials } from "./config.js";
import { errorFromResponse, ServiceNowError } from "./errors.js";
import { RateGate } from "./rate-limit.js";
import { retryAfterSeconds, withRetries, type RetryRuntime } from "./retry.js";
import { checkField, isTableName, type TableName } from "./tables.js";
import {
  fieldValue,
  TableRecordSchema,
  type ConditionalUpdateResult,
  type ListResult,
  type ReadOptions,
  type TableRecord,
  type TicketSystemClient,
  type WriteFields,
} from "./ticket-system.js";

export interface ServiceNowClientOptions {
  readonly config: ServiceNowConfig;
  readonly credentials: ServiceNowCredentials;
  /** The clock for token expiry, Retry-After dates and the rate gate. */
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Backoff jitter, in [0, 1). */
  readonly random?: () => number;
  readonly fetch?: typeof globalThis.fetch;
  readonly onRetry?: RetryRuntime["onRetry"];
}

const ListBodySchema = z.object({ result: z.array(TableRecordSchema) });
const OneBodySchema = z.object({ result: TableRecordSchema });
const SYS_ID = /^[0-9a-f]{32}$/;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export function createServiceNowClient(options: ServiceNowClientOptions): TicketSystemClient {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const auth: AuthProvider = createAuthProvider(options.credentials, {
    instanceUrl: config.instance_url,
    timeoutMs: config.request_timeout_ms,
    refreshBeforeExpiryS: config.auth.kind === "oauth_client_credentials" ? config.auth.refresh_before_expiry_s : 0,
    now,
    fetch: fetchImpl,
  });
  const limit = pLimit(config.rate_limit.max_concurrency);
  const gate = new RateGate(
    { requestsPerSecond: config.rate_limit.requests_per_second, burst: config.rate_limit.burst },
    now,
    sleep,
  );
  const retry: RetryRuntime = {
    policy: {
      maxRetries: config.retry.max_retries,
      baseDelayMs: config.retry.base_delay_ms,
      maxDelayMs: config.retry.max_delay_ms,
      maxRetryAfterS: config.retry.max_retry_after_s,
    },
    sleep,
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
  };

  async function attempt(method: string, path: string, params: URLSearchParams, body: unknown): Promise<Answer> {
    await gate.acquire();
    const request = `${method} ${path}`;
    const url = `${config.instance_url}${path}${params.size > 0 ? `?${params.toString()}` : ""}`;
    let header = await auth.header();
    for (let refreshed = false; ; refreshed = true) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers: {
            Authorization: header,
            Accept: "application/json",
            ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(config.request_timeout_ms),
        });
      } catch (error) {
        const code = causeCode(error);
        throw new ServiceNowError(code === "TimeoutError" ? "timeout" : "network", null, request, "no answer", code);
      }
      gate.observe(response.headers);
      const text = await response.text();
      // A token the instance no longer accepts (revoked, or expired early): one fresh token, then give up.
      if (response.status === 401 && !refreshed && auth.invalidate(header)) {
        header = await auth.header();
        continue;
      }
      if (!response.ok) {
        throw errorFromResponse(request, response.status, text, retryAfterSeconds(response.headers, now().getTime()));
      }
      let parsed: unknown;
      try {
        parsed = text === "" ? undefined : JSON.parse(text);
      } catch {
        throw new ServiceNowError("http", response.status, request, "answer is not JSON", undefined);
      }
      return { status: response.status, headers: response.headers, body: parsed };
    }
  }

  function send(method: string, path: string, params: URLSearchParams, body?: unknown): Promise<Answer> {
    const idempotent = method === "GET";
    return withRetries(retry, idempotent, () => limit(() => attempt(method, path, params, body)));
  }

  function readParams<T extends TableName>(table: T, read: ReadOptions<T> | undefined, extraFields: string[] = []) {
    const params = new URLSearchParams();
    if (read?.fields) {
      for (const field of read.fields) checkField(table, field, "fields");
      params.set("sysparm_fields", [...new Set([...read.fields, ...extraFields])].join(","));
    }
    params.set("sysparm_display_value", read?.displayValue ?? "false");
    params.set("sysparm_exclude_reference_link", String(read?.excludeReferenceLink ?? true));
    return params;
  }

  function tablePath(table: TableName, sysId?: string): string {
    if (!isTableName(table)) throw new Error(`unknown ServiceNow table ${String(table)}`);
    if (sysId === undefined) return `/api/now/table/${table}`;
    if (!SYS_ID.test(sysId)) throw new Error(`not a sys_id: ${JSON.stringify(sysId.slice(0, 40))}`);
    return `/api/now/table/${table}/${sysId}`;
  }

  function checkWrite<T extends TableName>(table: T, fields: WriteFields<T>): void {
    for (const field of Object.keys(fields)) checkField(table, field, "write");
  }

  function one(answer: Answer, request: string): TableRecord {
    const parsed = OneBodySchema.safeParse(answer.body);
    if (!parsed.success)
      throw new ServiceNowError("http", answer.status, request, "unexpected answer shape", undefined);
    return parsed.data.result;
  }

  const client: TicketSystemClient = {
    async list(table, options = {}) {
      const path = tablePath(table);
      if (options.query && options.query.table !== table) {
        throw new Error(`a query built for ${options.query.table} cannot list ${table}`);
      }
      const maxRows = options.maxRows ?? config.paging.max_rows;
      const records: TableRecord[] = [];
      let total = 0;
      for (;;) {
        const params = readParams(table, options);
        if (options.query) params.set("sysparm_query", options.query.encoded);
        const pageSize = Math.min(config.paging.page_size, maxRows - records.length);
        params.set("sysparm_limit", String(pageSize));
        params.set("sysparm_offset", String(records.length));
        const answer = await send("GET", path, params);
        const parsed = ListBodySchema.safeParse(answer.body);
        if (!parsed.success)
          throw new ServiceNowError("http", answer.status, `GET ${path}`, "unexpected answer shape", undefined);
        const count = Number(answer.headers.get("x-total-count"));
        total =
          Number.isFinite(count) && answer.headers.has("x-total-count")
            ? count
            : records.length + parsed.data.result.length;
        records.push(...parsed.data.result);
        // A short page ends the list even if the count said more (rows removed while paging).
        if (records.length >= total || records.length >= maxRows || parsed.data.result.length < pageSize) break;
      }
      return { records, total, truncated: total > records.length } satisfies ListResult;
    },

    async get(table, sysId, options) {
      const path = tablePath(table, sysId);
      try {
        return one(await send("GET", path, readParams(table, options)), `GET ${path}`);
      } catch (error) {
        if (error instanceof ServiceNowError && error.status === 404) return undefined;
        throw error;
      }
    },

    async create(table, fields, options) {
      const path = tablePath(table);
      checkWrite(table, fields);
      return one(await send("POST", path, readParams(table, options), fields), `POST ${path}`);
    },

    async update(table, sysId, fields, options) {
      const path = tablePath(table, sysId);
      checkWrite(table, fields);
      return one(await send("PATCH", path, readParams(table, options), fields), `PATCH ${path}`);
    },

    async updateIfUnchanged(table, sysId, expectedModCount, fields, options): Promise<ConditionalUpdateResult> {
      const path = tablePath(table, sysId);
      checkWrite(table, fields);
      const current = await client.get(table, sysId, {
        fields: ["sys_mod_count"] as ReadOptions<typeof table>["fields"],
      });
      if (!current) return { outcome: "not_found" };
      const actual = Number(fieldValue(current, "sys_mod_count"));
      if (actual !== expectedModCount) return { outcome: "conflict", expectedModCount, actualModCount: actual };
      const params = readParams(table, options, ["sys_mod_count"]);
      const record = one(await send("PATCH", path, params, fields), `PATCH ${path}`);
      const after = Number(fieldValue(record, "sys_mod_count"));
      return { outcome: "updated", record, concurrentWrite: Number.isFinite(after) && after > expectedModCount + 1 };
    },
  };
  return client;
}
