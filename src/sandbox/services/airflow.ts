/**
 * The Airflow 2 webserver of each MWAA environment, reached as MWAA documents it: CreateWebLoginToken
 * (MWAA emulator), `POST /aws_mwaa/login` with `token=<WebToken>` for a `session` cookie, then the
 * stable REST API under /api/v1 with that cookie (401 without one). The session decides which
 * environment's DAGs a call sees. DAGs and runs are seeded from `scenario.mwaa.environments[].dags`;
 * runs created with `POST .../dagRuns` follow the DAG's `on_rerun` outcomes, advancing with status reads.
 *
 * Operation names (for faults and the call log) are "METHOD /api/v1/..." with the placeholders of
 * Airflow's OpenAPI spec, e.g. "GET /api/v1/dags/{dag_id}/dagRuns" or
 * "GET /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}".
 */
import { z } from "zod";
import type { Scenario } from "../scenario.js";
import type { EmulatorContext, SandboxRequest, SandboxResponse, ServiceEmulator } from "../types.js";
import { airflowTime, seedDags, type DagRunView, type DagState } from "./airflow-dags.js";
import { dagJson, dagRunJson, jsonResponse, problem, taskInstanceJson } from "./airflow-json.js";
import { parsePaging, selectDagRuns } from "./airflow-query.js";
import { sessionRegistryFor } from "./mwaa-sessions.js";

const SESSION_COOKIE = "session";

interface RouteSpec {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function route(method: string, template: string): RouteSpec {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, "([^/]+)")}/?$`);
  return { method, template, pattern, names };
}

const ROUTES = {
  login: route("POST", "/aws_mwaa/login"),
  dags: route("GET", "/api/v1/dags"),
  dag: route("GET", "/api/v1/dags/{dag_id}"),
  dagRuns: route("GET", "/api/v1/dags/{dag_id}/dagRuns"),
  triggerDagRun: route("POST", "/api/v1/dags/{dag_id}/dagRuns"),
  dagRun: route("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}"),
  taskInstances: route("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances"),
  taskInstance: route("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}"),
  taskLog: route("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}"),
} as const;

type RouteName = keyof typeof ROUTES;

interface Matched {
  readonly name: RouteName;
  readonly params: Record<string, string>;
}

function match(request: SandboxRequest): Matched | undefined {
  for (const [name, spec] of Object.entries(ROUTES) as [RouteName, RouteSpec][]) {
    if (spec.method !== request.method) continue;
    const found = spec.pattern.exec(request.url.pathname);
    if (!found) continue;
    const params: Record<string, string> = {};
    spec.names.forEach((param, index) => {
      params[param] = decodeURIComponent(found[index + 1] ?? "");
    });
    return { name, params };
  }
  return undefined;
}

export function airflowOperation(request: SandboxRequest): string {
  const matched = match(request);
  return matched
    ? `${ROUTES[matched.name].method} ${ROUTES[matched.name].template}`
    : `${request.method} ${request.url.pathname}`;
}

function header(request: SandboxRequest, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value.join(", ") : value) ?? "";
}

function cookie(request: SandboxRequest, name: string): string | undefined {
  for (const pair of header(request, "cookie").split(/;\s*/)) {
    const [key, ...value] = pair.split("=");
    if (key?.trim() === name) return value.join("=");
  }
  return undefined;
}

/** The web token from the login form (or, leniently, a JSON body). */
function webTokenOf(request: SandboxRequest): string | undefined {
  const body = request.body.toString("utf8");
  if (header(request, "content-type").includes("application/json")) {
    const parsed = z.object({ token: z.string() }).safeParse(safeJson(body));
    return parsed.success ? parsed.data.token : undefined;
  }
  return new URLSearchParams(body).get("token") ?? undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** Airflow's POST dagRuns body; unknown or read-only fields are refused, as marshmallow does. */
const TriggerBodySchema = z.strictObject({
  dag_run_id: z.string().min(1).nullable().optional(),
  logical_date: isoDate.nullable().optional(),
  execution_date: isoDate.nullable().optional(),
  conf: z.record(z.string(), z.unknown()).nullable().optional(),
  note: z.string().nullable().optional(),
});

const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

interface Environment {
  readonly airflowVersion: string;
  readonly dags: Map<string, DagState>;
}

export function createAirflowEmulator(scenario: Scenario, context: EmulatorContext): ServiceEmulator {
  const sessions = sessionRegistryFor(context);
  const environments = new Map<string, Environment>(
    scenario.mwaa.environments.map((seed) => [
      seed.name,
      { airflowVersion: seed.airflow_version, dags: seedDags(seed, () => context.now()) },
    ]),
  );
  const defaultVersion = scenario.mwaa.environments[0]?.airflow_version ?? "2.10.3";

  function login(request: SandboxRequest): SandboxResponse {
    const token = webTokenOf(request);
    const opened = token === undefined ? undefined : sessions.openSession(token);
    if (!opened) {
      return { status: 401, headers: { "content-type": "text/plain" }, body: "Invalid or expired web login token" };
    }
    return {
      status: 302,
      headers: {
        location: "/home",
        "set-cookie": `${SESSION_COOKIE}=${opened.sessionId}; Path=/; HttpOnly; SameSite=Lax`,
      },
    };
  }

  function handleApi(request: SandboxRequest, matched: Matched, environment: Environment): SandboxResponse {
    const version = environment.airflowVersion;
    const { params } = matched;
    if (matched.name === "dags") {
      const paging = parsePaging(request.url.searchParams);
      if (typeof paging === "string") return problem(version, 400, "Bad Request", paging, "BadRequest");
      const all = [...environment.dags.values()];
      const page = all.slice(paging.offset, paging.offset + paging.limit);
      return jsonResponse(200, { dags: page.map((dag) => dagJson(dag, context.now())), total_entries: all.length });
    }

    const dagId = params.dag_id ?? "";
    const dag = environment.dags.get(dagId);
    if (!dag) return problem(version, 404, "DAG not found", `DAG with dag_id: '${dagId}' not found`, "NotFound");

    switch (matched.name) {
      case "dag":
        return jsonResponse(200, dagJson(dag, context.now()));
      case "dagRuns": {
        const selection = selectDagRuns(dag.runs(), request.url.searchParams);
        if (typeof selection === "string") return problem(version, 400, "Bad Request", selection, "BadRequest");
        // Every run a listing reports counts as one status read of it.
        const page = dag.readRuns(selection.page);
        return jsonResponse(200, { dag_runs: page.map(dagRunJson), total_entries: selection.totalEntries });
      }
      case "triggerDagRun":
        return trigger(request, dag, version);
      default:
        return handleRun(request, matched, dag, version);
    }
  }

  function trigger(request: SandboxRequest, dag: DagState, version: string): SandboxResponse {
    const parsed = TriggerBodySchema.safeParse(safeJson(request.body.toString("utf8") || "{}"));
    if (!parsed.success) return problem(version, 400, "Bad Request", z.prettifyError(parsed.error), "BadRequest");
    const body = parsed.data;
    if (body.logical_date && body.execution_date && body.logical_date.getTime() !== body.execution_date.getTime()) {
      return problem(version, 400, "Bad Request", "logical_date conflicts with execution_date", "BadRequest");
    }
    const logicalDate = body.logical_date ?? body.execution_date ?? undefined;
    const result = dag.trigger({
      dag_run_id: body.dag_run_id ?? undefined,
      logical_date: logicalDate,
      conf: body.conf ?? {},
    });
    if (!result.created) {
      const detail =
        result.conflict === "dag_run_id"
          ? `DAGRun with DAG ID: '${dag.dagId}' and DAGRun ID: '${result.dag_run_id}' already exists`
          : `DAGRun with DAG ID: '${dag.dagId}' and DAGRun logical date: '${logicalDate ? airflowTime(logicalDate) : ""}' already exists`;
      return problem(version, 409, "Conflict", detail, "AlreadyExists");
    }
    return jsonResponse(200, dagRunJson(result.run));
  }

  function handleRun(request: SandboxRequest, matched: Matched, dag: DagState, version: string): SandboxResponse {
    const { params } = matched;
    const dagRunId = params.dag_run_id ?? "";
    // Only the run's own status endpoint counts as a poll; task reads look without advancing it.
    const run = dag.run(dagRunId, matched.name === "dagRun");
    if (!run) {
      const detail = `DAGRun with DAG ID: '${dag.dagId}' and DagRun ID: '${dagRunId}' not found`;
      return problem(version, 404, "DAGRun not found", detail, "NotFound");
    }
    if (matched.name === "dagRun") return jsonResponse(200, dagRunJson(run));
    if (matched.name === "taskInstances") {
      return jsonResponse(200, {
        task_instances: run.tasks.map((task) => taskInstanceJson(run, task)),
        total_entries: run.tasks.length,
      });
    }
    const taskId = params.task_id ?? "";
    const task = run.tasks.find((candidate) => candidate.task_id === taskId);
    if (!task)
      return problem(version, 404, "Task instance not found", `Task instance not found: ${taskId}`, "NotFound");
    if (matched.name === "taskInstance") return jsonResponse(200, taskInstanceJson(run, task));
    return taskLog(request, run, task, params.task_try_number ?? "", version);
  }

  function taskLog(
    request: SandboxRequest,
    run: DagRunView,
    task: DagRunView["tasks"][number],
    tryParam: string,
    version: string,
  ): SandboxResponse {
    const tryNumber = Number(tryParam);
    if (!Number.isInteger(tryNumber) || tryNumber < 0) {
      return problem(version, 400, "Bad Request", `Invalid task_try_number: ${tryParam}`, "BadRequest");
    }
    // The scenario holds the log of the latest try; other tries have no log file, as Airflow says so.
    const content =
      tryNumber === task.try_number
        ? task.log.join("\n")
        : `*** Log file does not exist: dag_id=${run.dag_id}/run_id=${run.dag_run_id}/task_id=${task.task_id}/attempt=${tryNumber}.log`;
    if (header(request, "accept").includes("text/plain")) {
      return { status: 200, headers: { "content-type": "text/plain" }, body: content };
    }
    const continuationToken = Buffer.from(JSON.stringify({ end_of_log: true })).toString("base64url");
    return jsonResponse(200, { content, continuation_token: continuationToken });
  }

  return {
    service: "airflow",
    operation: airflowOperation,
    handle(request) {
      const matched = match(request);
      if (matched?.name === "login") return login(request);
      const sessionId = cookie(request, SESSION_COOKIE);
      const environmentName = sessionId === undefined ? undefined : sessions.environmentOf(sessionId);
      const environment = environmentName === undefined ? undefined : environments.get(environmentName);
      if (!environment) {
        return problem(
          defaultVersion,
          401,
          "Unauthorized",
          "No credentials were provided or they are invalid",
          "Unauthenticated",
        );
      }
      if (!matched) {
        return problem(
          environment.airflowVersion,
          404,
          "Not Found",
          `The requested URL was not found on the server: ${request.url.pathname}`,
          "NotFound",
        );
      }
      return handleApi(request, matched, environment);
    },
    error: (status, code, message) =>
      problem(defaultVersion, status, STATUS_TITLES[status] ?? code, `${code}: ${message}`, "Unknown"),
  };
}
