/**
 * The ServiceNow emulator: an HTTP server on loopback speaking the Table API subset the
 * orchestrator uses (docs/servicenow.md lists it) and the OAuth token endpoint, on its own port:
 * started by a scenario's `servicenow` section (src/sandbox/server.ts), by the demo's queue, or by a test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EmulatorAuth } from "./auth.js";
import { parseEncodedQuery } from "./encoded-query.js";
import { FaultQueue, type ServiceNowFaults } from "./faults.js";
import { matchesQuery, orderRows, UnsupportedQueryError } from "./query-match.js";
import { InstanceRecords, type Actor } from "./records.js";
import { renderRow, type DisplayValueMode, type RenderOptions } from "./render.js";
import { ServiceNowSeedSchema, type ServiceNowSeedInput } from "./seed.js";
import { errorBody, TableApiError } from "./table-error.js";
import { isEmulatedTable, type EmulatedTable } from "./tables.js";

export interface ServiceNowEmulatorOptions {
  readonly seed: ServiceNowSeedInput;
  /** The instance's clock (token expiry, sys_updated_on, relative dates in queries); real time by default. */
  readonly now?: () => Date;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** X-RateLimit-Limit on injected 429s (requests per hour, as a rate-limit rule counts). */
  readonly rateLimitPerHour?: number;
}

/** One request the emulator answered. */
export interface ServiceNowRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  /** The authenticated user's user_name, when there was one. */
  readonly user: string | undefined;
  readonly fault: "rate_limited" | "server_error" | null;
}

export interface ServiceNowEmulator {
  /** Base URL, e.g. http://127.0.0.1:43121: the instance URL for the client. */
  readonly url: string;
  readonly faults: ServiceNowFaults;
  /** Every request answered so far, in order. */
  readonly requests: readonly ServiceNowRequestRecord[];
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

const TABLE_PATH = /^\/api\/now(?:\/v\d+)?\/table\/([A-Za-z0-9_]+)(?:\/([^/]+))?\/?$/;
/** An instance's default and maximum page (glide.rest.query.max_records is similar). */
const DEFAULT_LIMIT = 10_000;
const JSON_HEADERS = { "Content-Type": "application/json;charset=UTF-8" };

export async function startServiceNowEmulator(options: ServiceNowEmulatorOptions): Promise<ServiceNowEmulator> {
  const seed = ServiceNowSeedSchema.parse(options.seed);
  const now = options.now ?? (() => new Date());
  const records = new InstanceRecords(seed, now);
  const auth = new EmulatorAuth(seed, records, now);
  const faults = new FaultQueue(() => auth.revokeAll());
  const requests: ServiceNowRequestRecord[] = [];
  const rateLimitPerHour = options.rateLimitPerHour ?? 1000;
  let url = "";

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      send(res, { status: 500, headers: JSON_HEADERS, body: errorBody("emulator error", message) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const requestUrl = new URL(req.url ?? "/", url);
    const method = req.method ?? "GET";
    const record = (status: number, user: string | undefined, fault: ServiceNowRequestRecord["fault"]): void => {
      requests.push({
        method,
        path: requestUrl.pathname,
        query: Object.fromEntries(requestUrl.searchParams),
        status,
        user,
        fault,
      });
    };
    const fault = faults.take();
    if (fault) {
      const answer = fault.kind === "rate_limited" ? rateLimited(fault.retryAfterS) : serverError(fault.status);
      record(answer.status, undefined, fault.kind);
      send(res, answer);
      return;
    }
    if (requestUrl.pathname === "/oauth_token.do") {
      const answer = tokenEndpoint(method, body);
      record(answer.status, undefined, null);
      send(res, answer);
      return;
    }
    const actor = auth.authenticate(req.headers.authorization);
    const answer = actor
      ? tableApi(method, requestUrl, body, actor)
      : {
          status: 401,
          headers: { ...JSON_HEADERS, "WWW-Authenticate": 'BASIC realm="Service-now"' },
          body: errorBody("User Not Authenticated", "Required to provide Auth information"),
        };
    record(answer.status, actor?.user_name, null);
    send(res, answer);
  }

  function rateLimited(retryAfterS: number): Answer {
    const reset = Math.ceil(now().getTime() / 1000) + retryAfterS;
    return {
      status: 429,
      headers: {
        ...JSON_HEADERS,
        "Retry-After": String(retryAfterS),
        "X-RateLimit-Limit": String(rateLimitPerHour),
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(reset),
      },
      body: errorBody("Rate limit exceeded", "Too many requests: the rate limit rule for this user was exceeded"),
    };
  }

  function serverError(status: number): Answer {
    // 500 comes from the instance (its JSON error); 502-504 from the load balancer in front of it.
    if (status === 500) return { status, headers: JSON_HEADERS, body: errorBody("Internal Server Error", null) };
    return { status, headers: { "Content-Type": "text/html" }, body: `<html><body>${status}</body></html>` };
  }

  function tokenEndpoint(method: string, body: Buffer): Answer {
    if (method !== "POST") return { status: 405, headers: JSON_HEADERS, body: errorBody("Method not Supported", null) };
    const answer = auth.issueToken(new URLSearchParams(body.toString("utf8")));
    return { status: answer.ok ? 200 : answer.status, headers: JSON_HEADERS, body: JSON.stringify(answer.body) };
  }

  function tableApi(method: string, requestUrl: URL, body: Buffer, actor: Actor): Answer {
    const match = TABLE_PATH.exec(requestUrl.pathname);
    if (!match)
      return {
        status: 400,
        headers: JSON_HEADERS,
        body: errorBody("Requested URI does not represent any resource", null),
      };
    const [, tableName = "", sysId] = match;
    if (!isEmulatedTable(tableName)) {
      return { status: 400, headers: JSON_HEADERS, body: errorBody(`Invalid table ${tableName}`, null) };
    }
    try {
      const render = renderOptions(requestUrl);
      if (sysId === undefined) {
        if (method === "GET") return list(tableName, requestUrl, render);
        if (method === "POST") {
          const created = records.create(tableName, jsonObject(body), actor);
          return ok(201, { result: renderRow(records, tableName, created, render) });
        }
      } else {
        if (method === "GET")
          return ok(200, { result: renderRow(records, tableName, found(tableName, sysId), render) });
        if (method === "PATCH" || method === "PUT") {
          const updated = records.update(tableName, sysId, jsonObject(body), actor) ?? found(tableName, sysId);
          return ok(200, { result: renderRow(records, tableName, updated, render) });
        }
      }
      return {
        status: 405,
        headers: JSON_HEADERS,
        body: errorBody("Method not Supported", `${method} is not emulated here`),
      };
    } catch (error) {
      if (error instanceof TableApiError) return { status: error.status, headers: JSON_HEADERS, body: error.body() };
      throw error;
    }
  }

  function found(table: EmulatedTable, sysId: string): NonNullable<ReturnType<InstanceRecords["find"]>> {
    const row = records.find(table, sysId);
    if (!row) {
      throw new TableApiError(404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");
    }
    return row;
  }

  function list(table: EmulatedTable, requestUrl: URL, render: RenderOptions): Answer {
    const params = requestUrl.searchParams;
    const query = parseEncodedQuery(params.get("sysparm_query") ?? "");
    if (query.unparsed.length > 0) {
      throw new TableApiError(
        400,
        "Unsupported query in the ServiceNow emulator",
        `terms: ${query.unparsed.join(", ")}`,
      );
    }
    const read = records.reader(table);
    let matched;
    try {
      const at = now();
      matched = records.all(table).filter((row) => matchesQuery(query, row, read, at));
    } catch (error) {
      if (error instanceof UnsupportedQueryError) throw new TableApiError(400, "Unsupported query", error.message);
      throw error;
    }
    const ordered = orderRows(matched, query.orderBy, read);
    const limit = nonNegative(params.get("sysparm_limit"), DEFAULT_LIMIT, 1);
    const offset = nonNegative(params.get("sysparm_offset"), 0, 0);
    const page = ordered.slice(offset, offset + limit);
    return {
      status: 200,
      headers: {
        ...JSON_HEADERS,
        "X-Total-Count": String(ordered.length),
        Link: linkHeader(requestUrl, ordered.length, offset, limit),
      },
      body: JSON.stringify({ result: page.map((row) => renderRow(records, table, row, render)) }),
    };
  }

  function renderOptions(requestUrl: URL): RenderOptions {
    const params = requestUrl.searchParams;
    const fields = params.get("sysparm_fields");
    const display = (params.get("sysparm_display_value") ?? "false").toLowerCase();
    return {
      fields: fields
        ? fields
            .split(",")
            .map((field) => field.trim())
            .filter((field) => field !== "")
        : undefined,
      displayValue: (["true", "false", "all"].includes(display) ? display : "false") as DisplayValueMode,
      excludeReferenceLink: (params.get("sysparm_exclude_reference_link") ?? "false").toLowerCase() === "true",
      baseUrl: url,
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function ok(status: number, payload: unknown): Answer {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(payload) };
}

function jsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8") || "{}");
  } catch {
    throw new TableApiError(400, "Exception while reading request", "The payload is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TableApiError(400, "Exception while reading request", "The payload must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

function nonNegative(text: string | null, fallback: number, min: number): number {
  if (text === null || !/^\d+$/.test(text)) return fallback;
  return Math.max(min, Number(text));
}

/** RFC 8288 links to the first, previous, next and last pages, as an instance sends them. */
function linkHeader(requestUrl: URL, total: number, offset: number, limit: number): string {
  const at = (pageOffset: number, rel: string): string => {
    const target = new URL(requestUrl);
    target.searchParams.set("sysparm_offset", String(pageOffset));
    target.searchParams.set("sysparm_limit", String(limit));
    return `<${target.toString()}>;rel="${rel}"`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [at(0, "first")];
  if (offset > 0) links.push(at(Math.max(0, offset - limit), "prev"));
  if (offset + limit < total) links.push(at(offset + limit, "next"));
  links.push(at(lastOffset, "last"));
  return links.join(",");
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers ?? {});
  res.end(answer.body);
}
