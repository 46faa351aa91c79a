import { CreateWebLoginTokenCommand, MWAAClient } from "@aws-sdk/client-mwaa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";

const scenario: ScenarioInput = {
  now: "2024-06-02T06:00:00Z",
  mwaa: {
    environments: [
      {
        name: "prod-airflow",
        airflow_version: "2.8.1",
        dags: [
          {
            dag_id: "daily_sales",
            runs: [
              {
                dag_run_id: "scheduled__2024-05-31T02:00:00+00:00",
                state: "success",
                logical_date: "2024-05-31T02:00:00Z",
                start_date: "2024-06-01T02:00:05Z",
                end_date: "2024-06-01T02:20:00Z",
                tasks: [
                  { task_id: "extract", state: "success", duration_s: 300 },
                  { task_id: "load", state: "success", duration_s: 600, operator: "GlueJobOperator" },
                ],
              },
              {
                dag_run_id: "scheduled__2024-06-01T02:00:00+00:00",
                state: "failed",
                logical_date: "2024-06-01T02:00:00Z",
                start_date: "2024-06-02T02:00:04Z",
                end_date: "2024-06-02T02:31:00Z",
                tasks: [
                  { task_id: "extract", state: "success", duration_s: 310 },
                  {
                    task_id: "load",
                    state: "failed",
                    try_number: 2,
                    max_tries: 2,
                    duration_s: 1500,
                    operator: "GlueJobOperator",
                    log: [
                      "[2024-06-02 02:30:58,101] {glue.py:201} ERROR - Glue job daily_sales_load failed",
                      "airflow.exceptions.AirflowException: Glue job run jr_abc123 FAILED: OutOfMemoryError",
                    ],
                  },
                ],
              },
            ],
            on_rerun: [
              {
                result: "FAILED",
                error_message: "S3 path s3://datalake-raw/sales/dt=2024-06-01/ is empty",
                polls_to_complete: 1,
              },
              { result: "SUCCEEDED", polls_to_complete: 2 },
            ],
          },
          { dag_id: "paused_dag", is_paused: true },
        ],
      },
      {
        name: "dev-airflow",
        dags: [{ dag_id: "dev_only", on_rerun: { result: "SUCCEEDED", polls_to_complete: 0 } }],
      },
    ],
  },
  faults: [{ service: "airflow", operation: "GET /api/v1/dags/{dag_id}", kind: "server_error", times: 1 }],
};

let sandbox: Sandbox;
let mwaa: MWAAClient;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario });
  mwaa = new MWAAClient({
    endpoint: sandbox.endpoint,
    disableHostPrefix: true,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
});

afterAll(async () => {
  mwaa.destroy();
  await sandbox.close();
});

interface Webserver {
  readonly base: string;
  readonly cookie: string;
}

/** The documented flow: CreateWebLoginToken, then POST the token to /aws_mwaa/login for a session cookie. */
async function login(environment: string): Promise<Webserver> {
  const token = await mwaa.send(new CreateWebLoginTokenCommand({ Name: environment }));
  const base = `http://${token.WebServerHostname}`;
  const response = await fetch(`${base}/aws_mwaa/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: token.WebToken ?? "" }).toString(),
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/home");
  const setCookie = response.headers.getSetCookie()[0] ?? "";
  expect(setCookie).toMatch(/^session=[^;]+;.*HttpOnly/);
  return { base, cookie: setCookie.split(";")[0] ?? "" };
}

async function api(
  server: Webserver,
  path: string,
  init: { method?: string; body?: unknown; accept?: string } = {},
): Promise<{ status: number; json: Record<string, unknown>; text: string; type: string }> {
  const response = await fetch(`${server.base}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: {
      cookie: server.cookie,
      accept: init.accept ?? "application/json",
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const json = type.includes("json") ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, json, text, type };
}

const runPath = (dagId: string, runId: string) => `/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}`;

let prod: Webserver;

describe("Airflow webserver emulator", () => {
  beforeAll(async () => {
    prod = await login("prod-airflow");
  });

  // Runs first: the scenario fails the first GET /api/v1/dags/{dag_id} (faults apply before auth).
  it("serves a DAG (after an injected 503 on the first read)", async () => {
    const injected = await api(prod, "/dags/daily_sales");
    expect(injected.status).toBe(503);
    expect(injected.json).toMatchObject({ status: 503, title: "Service Unavailable" });

    const dag = await api(prod, "/dags/daily_sales");
    expect(dag.status).toBe(200);
    expect(dag.json).toMatchObject({ dag_id: "daily_sales", is_paused: false, is_active: true });

    const paused = await api(prod, "/dags/paused_dag");
    expect(paused.json.is_paused).toBe(true);

    const list = await api(prod, "/dags");
    expect(list.json.total_entries).toBe(2);
  });

  it("refuses the API without a session, with a bad cookie, and a bad web token at login", async () => {
    const anonymous = await fetch(`${prod.base}/api/v1/dags/daily_sales`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ status: 401, title: "Unauthorized" });

    const forged = await api({ base: prod.base, cookie: "session=forged" }, "/dags/daily_sales");
    expect(forged.status).toBe(401);

    const badLogin = await fetch(`${prod.base}/aws_mwaa/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=not-a-token",
      redirect: "manual",
    });
    expect(badLogin.status).toBe(401);
    expect(badLogin.headers.getSetCookie()).toEqual([]);
  });

  it("answers Airflow problem JSON 404s for unknown DAGs, runs and tasks", async () => {
    const dag = await api(prod, "/dags/nope/dagRuns");
    expect(dag.status).toBe(404);
    expect(dag.type).toBe("application/problem+json");
    expect(dag.json).toMatchObject({
      status: 404,
      title: "DAG not found",
      detail: "DAG with dag_id: 'nope' not found",
    });
    expect(String(dag.json.type)).toContain("#section/Errors/NotFound");

    const run = await api(prod, runPath("daily_sales", "manual__nope"));
    expect(run.status).toBe(404);
    expect(run.json.title).toBe("DAGRun not found");

    const task = await api(
      prod,
      `${runPath("daily_sales", "scheduled__2024-06-01T02:00:00+00:00")}/taskInstances/nope`,
    );
    expect(task.status).toBe(404);
  });

  it("scopes a session to its environment's DAGs", async () => {
    const dev = await login("dev-airflow");
    expect((await api(dev, "/dags/dev_only")).status).toBe(200);
    expect((await api(dev, "/dags/daily_sales")).status).toBe(404);
    expect((await api(prod, "/dags/dev_only")).status).toBe(404);
  });

  it("lists the latest runs first with Airflow's DAGRun shape", async () => {
    const { status, json } = await api(prod, "/dags/daily_sales/dagRuns?order_by=-execution_date&limit=1");
    expect(status).toBe(200);
    expect(json.total_entries).toBe(2);
    expect(json.dag_runs).toEqual([
      {
        dag_run_id: "scheduled__2024-06-01T02:00:00+00:00",
        dag_id: "daily_sales",
        state: "failed",
        logical_date: "2024-06-01T02:00:00+00:00",
        execution_date: "2024-06-01T02:00:00+00:00",
        start_date: "2024-06-02T02:00:04+00:00",
        end_date: "2024-06-02T02:31:00+00:00",
        data_interval_start: "2024-06-01T02:00:00+00:00",
        data_interval_end: "2024-06-01T02:00:00+00:00",
        last_scheduling_decision: "2024-06-02T02:31:00+00:00",
        run_type: "scheduled",
        external_trigger: false,
        conf: {},
        note: null,
      },
    ]);

    const ascending = await api(prod, "/dags/daily_sales/dagRuns?order_by=execution_date&state=success");
    expect((ascending.json.dag_runs as { dag_run_id: string }[]).map((run) => run.dag_run_id)).toEqual([
      "scheduled__2024-05-31T02:00:00+00:00",
    ]);

    const invalid = await api(prod, "/dags/daily_sales/dagRuns?order_by=bogus");
    expect(invalid.status).toBe(400);
  });

  it("serves a run, its task instances and a failed task's log as text or JSON", async () => {
    const runId = "scheduled__2024-06-01T02:00:00+00:00";
    const run = await api(prod, runPath("daily_sales", runId));
    expect(run.json).toMatchObject({ dag_run_id: runId, state: "failed" });

    const tasks = await api(prod, `${runPath("daily_sales", runId)}/taskInstances`);
    expect(tasks.json.total_entries).toBe(2);
    expect(tasks.json.task_instances).toEqual([
      expect.objectContaining({ task_id: "extract", state: "success", try_number: 1, duration: 310 }),
      expect.objectContaining({
        task_id: "load",
        state: "failed",
        try_number: 2,
        max_tries: 2,
        operator: "GlueJobOperator",
        duration: 1500,
        start_date: "2024-06-02T02:00:04+00:00",
        end_date: "2024-06-02T02:25:04+00:00",
      }),
    ]);

    const logPath = `${runPath("daily_sales", runId)}/taskInstances/load/logs/2`;
    const text = await api(prod, logPath, { accept: "text/plain" });
    expect(text.type).toContain("text/plain");
    expect(text.text).toBe(
      "[2024-06-02 02:30:58,101] {glue.py:201} ERROR - Glue job daily_sales_load failed\n" +
        "airflow.exceptions.AirflowException: Glue job run jr_abc123 FAILED: OutOfMemoryError",
    );
    const json = await api(prod, logPath);
    expect(json.json.content).toBe(text.text);
    expect(typeof json.json.continuation_token).toBe("string");

    const earlier = await api(prod, `${runPath("daily_sales", runId)}/taskInstances/load/logs/1`, {
      accept: "text/plain",
    });
    expect(earlier.text).toContain("Log file does not exist");
  });

  it("runs a triggered DAG run through queued and running to its on_rerun outcome", async () => {
    const created = await api(prod, "/dags/daily_sales/dagRuns", {
      method: "POST",
      body: { dag_run_id: "remediation__INC0012345__1", conf: { incident: "INC0012345" } },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      dag_run_id: "remediation__INC0012345__1",
      state: "queued",
      external_trigger: true,
      conf: { incident: "INC0012345" },
      start_date: null,
    });

    // First re-run: FAILED after one poll.
    const path = runPath("daily_sales", "remediation__INC0012345__1");
    const firstPoll = await api(prod, path);
    expect(firstPoll.json.state).toBe("running");
    expect(firstPoll.json.start_date).not.toBeNull();
    const secondPoll = await api(prod, path);
    expect(secondPoll.json.state).toBe("failed");
    expect(secondPoll.json.end_date).not.toBeNull();
    expect((await api(prod, path)).json.state).toBe("failed");

    // It fails at the task that failed in the seeded history, with the outcome's error in its log.
    const tasks = await api(prod, `${path}/taskInstances`);
    const instances = tasks.json.task_instances as { task_id: string; state: string; try_number: number }[];
    expect(instances.map((task) => [task.task_id, task.state])).toEqual([
      ["extract", "success"],
      ["load", "failed"],
    ]);
    const failed = instances[1];
    const log = await api(prod, `${path}/taskInstances/load/logs/${failed?.try_number}`, { accept: "text/plain" });
    expect(log.text).toContain("S3 path s3://datalake-raw/sales/dt=2024-06-01/ is empty");

    // The new run shows up first in the latest-runs listing.
    const latest = await api(prod, "/dags/daily_sales/dagRuns?order_by=-execution_date&limit=1");
    expect((latest.json.dag_runs as { dag_run_id: string }[])[0]?.dag_run_id).toBe("remediation__INC0012345__1");
    expect(latest.json.total_entries).toBe(3);
  });

  it("takes the next on_rerun outcome for the next run, counting listings as status reads", async () => {
    const created = await api(prod, "/dags/daily_sales/dagRuns", {
      method: "POST",
      body: { dag_run_id: "remediation__INC0012345__2" },
    });
    expect(created.json.state).toBe("queued");
    const latestState = async () => {
      const listed = await api(prod, "/dags/daily_sales/dagRuns?order_by=-execution_date&limit=1");
      return (listed.json.dag_runs as { dag_run_id: string; state: string }[])[0];
    };
    expect(await latestState()).toEqual(
      expect.objectContaining({ dag_run_id: "remediation__INC0012345__2", state: "running" }),
    );
    expect((await api(prod, runPath("daily_sales", "remediation__INC0012345__2"))).json.state).toBe("running");
    expect((await latestState())?.state).toBe("success");
    const tasks = await api(prod, `${runPath("daily_sales", "remediation__INC0012345__2")}/taskInstances`);
    expect((tasks.json.task_instances as { state: string }[]).map((task) => task.state)).toEqual([
      "success",
      "success",
    ]);
  });

  it("refuses a duplicate dag_run_id with Airflow's 409, creating nothing", async () => {
    const duplicate = await api(prod, "/dags/daily_sales/dagRuns", {
      method: "POST",
      body: { dag_run_id: "remediation__INC0012345__1" },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toMatchObject({
      status: 409,
      title: "Conflict",
      detail: "DAGRun with DAG ID: 'daily_sales' and DAGRun ID: 'remediation__INC0012345__1' already exists",
    });
    const seeded = await api(prod, "/dags/daily_sales/dagRuns", {
      method: "POST",
      body: { logical_date: "2024-06-01T02:00:00Z" },
    });
    expect(seeded.status).toBe(409);
    const all = await api(prod, "/dags/daily_sales/dagRuns");
    expect(all.json.total_entries).toBe(4);
  });

  it("rejects an invalid trigger body with 400", async () => {
    const invalid = await api(prod, "/dags/daily_sales/dagRuns", { method: "POST", body: { state: "success" } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.title).toBe("Bad Request");
  });

  it("queues a paused DAG's run without ever starting it", async () => {
    const created = await api(prod, "/dags/paused_dag/dagRuns", { method: "POST", body: {} });
    expect(created.status).toBe(200);
    const runId = String(created.json.dag_run_id);
    expect(runId).toMatch(/^manual__2024-06-02T06:00:/);
    for (let poll = 0; poll < 3; poll += 1) {
      expect((await api(prod, runPath("paused_dag", runId))).json.state).toBe("queued");
    }
  });

  it("completes at once on the first read when polls_to_complete is 0", async () => {
    const dev = await login("dev-airflow");
    const created = await api(dev, "/dags/dev_only/dagRuns", { method: "POST", body: { dag_run_id: "r1" } });
    expect(created.json.state).toBe("queued");
    expect((await api(dev, runPath("dev_only", "r1"))).json.state).toBe("success");
  });

  it("names calls by method and templated path", () => {
    const operations = new Set(
      sandbox.calls.filter((call) => call.service === "airflow").map((call) => call.operation),
    );
    for (const operation of [
      "POST /aws_mwaa/login",
      "GET /api/v1/dags/{dag_id}",
      "GET /api/v1/dags/{dag_id}/dagRuns",
      "POST /api/v1/dags/{dag_id}/dagRuns",
      "GET /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}",
      "GET /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances",
      "GET /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
    ]) {
      expect(operations).toContain(operation);
    }
  });
});
