/**
 * Access to an MWAA environment's Airflow stable REST API, the documented way for this SDK version:
 * CreateWebLoginToken, then POST the token to the webserver's /aws_mwaa/login for a `session`
 * cookie, then call /api/v1/... with that cookie. Sessions are cached per environment and renewed
 * once when Airflow answers 401.
 */
import { setTimeout as delay } from "node:timers/promises";
import { CreateWebLoginTokenCommand } from "@aws-sdk/client-mwaa";
import { z } from "zod";
import { endpointOverride, type AwsClients } from "../aws-clients.js";

const REQUEST_TIMEOUT_MS = 30_000;
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const READ_RETRIES = 2;
const RETRY_BASE_DELAY_MS = 100;

/** An Airflow REST API (or login) failure, with Airflow's problem JSON detail when it sent one. */
export class AirflowApiError extends Error {
  override readonly name = "AirflowApiError";
  constructor(
    /** HTTP status, or null when the webserver could not be reached. */
    readonly status: number | null,
    readonly title: string,
    readonly detail: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path}: ${status ?? "no response"} ${title}${detail ? `: ${detail}` : ""}`);
  }
}

export const AirflowDagSchema = z.looseObject({ dag_id: z.string(), is_paused: z.boolean().nullable().optional() });
export const AirflowDagRunSchema = z.looseObject({
  dag_run_id: z.string(),
  state: z.string().nullable().optional(),
  logical_date: z.string().nullable().optional(),
  execution_date: z.string().nullable().optional(),
  start_date: z.string().nullable().optional(),
  end_date: z.string().nullable().optional(),
  conf: z.record(z.string(), z.unknown()).nullable().optional(),
});
export const AirflowTaskInstanceSchema = z.looseObject({
  task_id: z.string(),
  state: z.string().nullable().optional(),
  try_number: z.number().int().nullable().optional(),
  max_tries: z.number().int().nullable().optional(),
  operator: z.string().nullable().optional(),
  duration: z.number().nullable().optional(),
  start_date: z.string().nullable().optional(),
  end_date: z.string().nullable().optional(),
});
const DagListSchema = z.looseObject({ dags: z.array(AirflowDagSchema), total_entries: z.number().int() });
const DagRunListSchema = z.looseObject({ dag_runs: z.array(AirflowDagRunSchema) });
const TaskInstanceListSchema = z.looseObject({ task_instances: z.array(AirflowTaskInstanceSchema) });
const ProblemSchema = z.looseObject({ title: z.string().optional(), detail: z.string().optional() });

export type AirflowDag = z.infer<typeof AirflowDagSchema>;
export type AirflowDagList = z.infer<typeof DagListSchema>;
export type AirflowDagRun = z.infer<typeof AirflowDagRunSchema>;
export type AirflowTaskInstance = z.infer<typeof AirflowTaskInstanceSchema>;

export type TriggerResult = { created: true; run: AirflowDagRun } | { created: false; conflict: AirflowApiError };

export interface TriggerDagRunRequest {
  dag_run_id: string;
  logical_date?: string;
  conf: Record<string, unknown>;
}

interface Session {
  baseUrl: string;
  cookie: string;
}

export class AirflowClient {
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(private readonly clients: AwsClients) {}

  /** One page of the environment's DAGs (Airflow orders them by dag_id), with the total count. */
  listDags(environment: string, limit: number, offset: number): Promise<AirflowDagList> {
    const query = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    return this.json(environment, "GET", `/dags?${query}`, DagListSchema);
  }

  getDag(environment: string, dagId: string): Promise<AirflowDag> {
    return this.json(environment, "GET", `/dags/${enc(dagId)}`, AirflowDagSchema);
  }

  async listDagRuns(environment: string, dagId: string, limit: number): Promise<AirflowDagRun[]> {
    const query = new URLSearchParams({ order_by: "-execution_date", limit: String(limit) });
    const list = await this.json(environment, "GET", `/dags/${enc(dagId)}/dagRuns?${query}`, DagRunListSchema);
    return list.dag_runs;
  }

  getDagRun(environment: string, dagId: string, dagRunId: string): Promise<AirflowDagRun> {
    return this.json(environment, "GET", `/dags/${enc(dagId)}/dagRuns/${enc(dagRunId)}`, AirflowDagRunSchema);
  }

  async listTaskInstances(environment: string, dagId: string, dagRunId: string): Promise<AirflowTaskInstance[]> {
    const path = `/dags/${enc(dagId)}/dagRuns/${enc(dagRunId)}/taskInstances?limit=100`;
    const list = await this.json(environment, "GET", path, TaskInstanceListSchema);
    return list.task_instances;
  }

  /** The task try's log as plain text. */
  async getTaskLog(
    environment: string,
    dagId: string,
    dagRunId: string,
    taskId: string,
    tryNumber: number,
  ): Promise<string> {
    const path = `/dags/${enc(dagId)}/dagRuns/${enc(dagRunId)}/taskInstances/${enc(taskId)}/logs/${tryNumber}`;
    const response = await this.request(environment, "GET", path, { accept: "text/plain" });
    return response.text();
  }

  /** Creates a DAG run; Airflow's 409 (the run id or logical date exists) comes back as `created: false`. */
  async triggerDagRun(environment: string, dagId: string, request: TriggerDagRunRequest): Promise<TriggerResult> {
    try {
      const run = await this.json(environment, "POST", `/dags/${enc(dagId)}/dagRuns`, AirflowDagRunSchema, request);
      return { created: true, run };
    } catch (error) {
      if (error instanceof AirflowApiError && error.status === 409) return { created: false, conflict: error };
      throw error;
    }
  }

  private async json<T>(
    environment: string,
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const response = await this.request(environment, method, path, { accept: "application/json" }, body);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new AirflowApiError(response.status, "Unexpected response", z.prettifyError(parsed.error), method, path);
    }
    return parsed.data;
  }

  private async request(
    environment: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Response> {
    const send = async (session: Session): Promise<Response> =>
      fetchOrThrow(`${session.baseUrl}/api/v1${path}`, method, path, {
        method,
        headers: {
          ...headers,
          cookie: session.cookie,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    let response = await send(await this.session(environment));
    // Reads ride out a busy webserver as the AWS SDK does for AWS calls; writes are never repeated.
    for (let retry = 0; method === "GET" && TRANSIENT_STATUSES.has(response.status) && retry < READ_RETRIES; retry++) {
      await response.body?.cancel();
      await delay(RETRY_BASE_DELAY_MS * 4 ** retry);
      response = await send(await this.session(environment));
    }
    if (response.status === 401) {
      // The session expired (or the webserver restarted): log in once more.
      await response.body?.cancel();
      this.sessions.delete(environment);
      response = await send(await this.session(environment));
    }
    if (!response.ok) throw await apiError(response, method, path);
    return response;
  }

  private session(environment: string): Promise<Session> {
    let session = this.sessions.get(environment);
    if (!session) {
      session = this.login(environment);
      this.sessions.set(environment, session);
      // A failed login is not cached: the next call tries again.
      session.catch(() => this.sessions.delete(environment));
    }
    return session;
  }

  private async login(environment: string): Promise<Session> {
    const token = await this.clients.mwaa.send(new CreateWebLoginTokenCommand({ Name: environment }));
    if (!token.WebToken || !token.WebServerHostname) {
      throw new AirflowApiError(null, "No web login token", `MWAA returned none for ${environment}`, "POST", "/login");
    }
    const baseUrl = `${webServerScheme(endpointOverride(this.clients))}://${token.WebServerHostname}`;
    const path = "/aws_mwaa/login";
    const response = await fetchOrThrow(`${baseUrl}${path}`, "POST", path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: token.WebToken }).toString(),
      // The login answers with a redirect to the UI; the cookie is on the redirect itself.
      redirect: "manual",
    });
    const cookie = sessionCookie(response.headers.getSetCookie());
    if (!cookie) {
      if (response.status >= 400) throw await apiError(response, "POST", path);
      throw new AirflowApiError(response.status, "Login failed", "no session cookie in the response", "POST", path);
    }
    return { baseUrl, cookie };
  }
}

const airflowClients = new WeakMap<AwsClients, AirflowClient>();

/** One Airflow client (and session cache) per set of AWS clients. */
export function airflowClientFor(clients: AwsClients): AirflowClient {
  let client = airflowClients.get(clients);
  if (!client) {
    client = new AirflowClient(clients);
    airflowClients.set(clients, client);
  }
  return client;
}

/** https against MWAA; http only when the AWS endpoint override is itself plain http (the sandbox). */
export function webServerScheme(endpoint: string | undefined): "http" | "https" {
  return endpoint !== undefined && endpoint.toLowerCase().startsWith("http://") ? "http" : "https";
}

/** The `session=...` pair from Set-Cookie headers, ready for a Cookie header. */
export function sessionCookie(setCookies: readonly string[]): string | undefined {
  for (const header of setCookies) {
    const pair = header.split(";", 1)[0]?.trim();
    if (pair?.startsWith("session=") && pair.length > "session=".length) return pair;
  }
  return undefined;
}

async function fetchOrThrow(url: string, method: string, path: string, init: RequestInit): Promise<Response> {
  // A kept-alive connection the webserver (or its load balancer) dropped fails at once: a read is
  // safe to send again on a fresh connection; a write is not.
  const attempts = method === "GET" ? 2 : 1;
  let failure: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      failure = error;
    }
  }
  const cause = failure instanceof Error ? (failure.cause instanceof Error ? failure.cause : failure) : undefined;
  throw new AirflowApiError(null, "Webserver unreachable", cause?.message ?? String(failure), method, path);
}

async function apiError(response: Response, method: string, path: string): Promise<AirflowApiError> {
  const text = await response.text().catch(() => "");
  let title = response.statusText || "Error";
  let detail = text.slice(0, 1000);
  try {
    const problem = ProblemSchema.safeParse(JSON.parse(text));
    if (problem.success) {
      title = problem.data.title ?? title;
      detail = problem.data.detail ?? "";
    }
  } catch {
    // Not JSON: keep the start of the body as the detail.
  }
  return new AirflowApiError(response.status, title, detail, method, path);
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
