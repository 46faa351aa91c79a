import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { startSandbox } from "../../sandbox/server.js";
import { airflowClientFor } from "./airflow-client.js";
import { AIRFLOW_IDEMPOTENCY_CONF_KEY, DAG_RUN_ID_PREFIX } from "./retry-airflow-dag.js";
import { idempotencyKey, openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

const LOGIN = "POST /aws_mwaa/login";
const TRIGGER = "POST /api/v1/dags/{dag_id}/dagRuns";

const scenario: ScenarioInput = {
  mwaa: {
    environments: [
      {
        name: "prod-airflow",
        status: "AVAILABLE",
        last_update: { status: "FAILED", error_code: "INCORRECT_CONFIGURATION", error_message: "requirements.txt" },
        dags: [
          {
            dag_id: "daily_payments",
            runs: [
              {
                dag_run_id: "scheduled__2026-03-01T00:00:00+00:00",
                state: "success",
                logical_date: "2026-03-01T00:00:00Z",
                start_date: "2026-03-02T00:00:05Z",
                end_date: "2026-03-02T00:10:00Z",
                tasks: [{ task_id: "extract", state: "success" }],
              },
              {
                dag_run_id: "scheduled__2026-03-02T00:00:00+00:00",
                state: "failed",
                logical_date: "2026-03-02T00:00:00Z",
                start_date: "2026-03-03T00:00:05Z",
                end_date: "2026-03-03T00:07:00Z",
                tasks: [
                  { task_id: "extract", state: "success", duration_s: 30 },
                  {
                    task_id: "transform",
                    state: "failed",
                    try_number: 2,
                    max_tries: 2,
                    log: ["starting", "reading s3://raw/payments", "KeyError: 'amount'", "Task failed"],
                  },
                  { task_id: "load", state: "upstream_failed", try_number: 0 },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
};

let box: ToolSandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe("get_mwaa_logs (sandbox)", () => {
  it("without dag_id returns the environment's health only", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_mwaa_logs", { environment: "prod-airflow" });
    expect(out.environment).toEqual({
      name: "prod-airflow",
      status: "AVAILABLE",
      last_update_status: "FAILED",
      last_update_error: "INCORRECT_CONFIGURATION: requirements.txt",
    });
    expect(out).toMatchObject({ dag: null, runs: [], tasks: [], log_excerpt: [] });
    expect(box.count(LOGIN)).toBe(0);
  });

  it("with dag_id returns runs newest first, the failed run's tasks and the failed task's last log lines", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_mwaa_logs", {
      environment: "prod-airflow",
      dag_id: "daily_payments",
      log_lines: 2,
    });
    expect(out.dag).toEqual({ dag_id: "daily_payments", is_paused: false });
    expect(out.runs.map((run) => run.state)).toEqual(["failed", "success"]);
    expect(out.tasks_run_id).toBe("scheduled__2026-03-02T00:00:00+00:00");
    expect(out.tasks.map((task) => [task.task_id, task.state])).toEqual([
      ["extract", "success"],
      ["transform", "failed"],
      ["load", "upstream_failed"],
    ]);
    expect(out.log_task_id).toBe("transform");
    expect(out.log_excerpt.join("\n")).toContain("KeyError: 'amount'");
    expect(out.log_excerpt.length).toBeLessThanOrEqual(2);
    // One login serves every Airflow call of the environment.
    expect(box.count(LOGIN)).toBe(1);
  });

  it("logs in again when the webserver no longer knows the session (401)", async () => {
    box = await openToolSandbox(scenario);
    const { clients } = box;
    const port = Number(new URL(box.sandbox.endpoint).port);
    await airflowClientFor(clients).getDag("prod-airflow", "daily_payments");
    // A restarted webserver (a new sandbox on the same port) has forgotten every session.
    await box.close();
    box = undefined;
    const restarted = await startSandbox({ scenario, port });
    try {
      const dag = await airflowClientFor(clients).getDag("prod-airflow", "daily_payments");
      expect(dag.dag_id).toBe("daily_payments");
      const apiCalls = restarted.calls.filter((call) => call.service === "airflow").map((c) => [c.operation, c.status]);
      expect(apiCalls).toEqual([
        ["GET /api/v1/dags/{dag_id}", 401],
        [LOGIN, 302],
        ["GET /api/v1/dags/{dag_id}", 200],
      ]);
    } finally {
      await restarted.close();
    }
  });

  it("reads the tasks of the requested run; a run without failed tasks has no log", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_mwaa_logs", {
      environment: "prod-airflow",
      dag_id: "daily_payments",
      dag_run_id: "scheduled__2026-03-01T00:00:00+00:00",
    });
    expect(out.tasks_run_id).toBe("scheduled__2026-03-01T00:00:00+00:00");
    expect(out.tasks.map((task) => task.task_id)).toEqual(["extract"]);
    expect(out).toMatchObject({ log_task_id: null, log_excerpt: [] });
  });

  it("answers a failing webserver with a ToolError carrying the status", async () => {
    const fault = {
      service: "airflow" as const,
      operation: "GET /api/v1/dags/{dag_id}/dagRuns",
      kind: "server_error" as const,
    };
    box = await openToolSandbox({ ...scenario, faults: [fault] });
    const error = await box.callFailing("get_mwaa_logs", { environment: "prod-airflow", dag_id: "daily_payments" });
    expect(error.error).toMatchObject({ code: "AirflowApiError", http_status: 503 });
    expect(box.count("GET /api/v1/dags/{dag_id}/dagRuns")).toBe(3);
  });

  it("rides out a transient webserver error on reads", async () => {
    const fault = {
      service: "airflow" as const,
      operation: "GET /api/v1/dags/{dag_id}",
      kind: "server_error" as const,
      times: 1,
    };
    box = await openToolSandbox({ ...scenario, faults: [fault] });
    const out = await box.call("get_mwaa_logs", { environment: "prod-airflow", dag_id: "daily_payments" });
    expect(out.dag?.dag_id).toBe("daily_payments");
    expect(box.count("GET /api/v1/dags/{dag_id}")).toBe(2);
  });

  it("answers an unknown DAG with a ToolError carrying Airflow's detail", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("get_mwaa_logs", { environment: "prod-airflow", dag_id: "nope" });
    expect(error.error).toMatchObject({ code: "AirflowApiError", http_status: 404 });
  });

  it("answers an unknown environment with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("get_mwaa_logs", { environment: "nope" });
    expect(error.error).toMatchObject({ code: "ResourceNotFoundException", http_status: 404 });
  });
});

describe("retry_airflow_dag (sandbox)", () => {
  it("creates one run named after the key and returns it again on a second call", async () => {
    box = await openToolSandbox(scenario);
    const key = idempotencyKey("dag");
    const args = {
      environment: "prod-airflow",
      dag_id: "daily_payments",
      conf: { day: "2026-03-02" },
      idempotency_key: key,
    };
    const first = await box.call("retry_airflow_dag", args);
    expect(first).toMatchObject({ dag_run_id: `${DAG_RUN_ID_PREFIX}${key}`, reused: false });
    const second = await box.call("retry_airflow_dag", args);
    expect(second).toMatchObject({ dag_run_id: first.dag_run_id, reused: true });
    expect(box.count(TRIGGER)).toBe(2);

    const run = await airflowClientFor(box.clients).getDagRun("prod-airflow", "daily_payments", first.dag_run_id);
    expect(run.conf).toEqual({ day: "2026-03-02", [AIRFLOW_IDEMPOTENCY_CONF_KEY]: key });
    const out = await box.call("get_mwaa_logs", {
      environment: "prod-airflow",
      dag_id: "daily_payments",
      max_runs: 20,
    });
    expect(out.runs.filter((r) => r.dag_run_id === first.dag_run_id)).toHaveLength(1);
    expect(out.runs).toHaveLength(3);
  });

  it("reports a logical date another run holds as the 409 conflict it is", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("retry_airflow_dag", {
      environment: "prod-airflow",
      dag_id: "daily_payments",
      logical_date: "2026-03-02T00:00:00Z",
      idempotency_key: idempotencyKey("dup"),
    });
    expect(error.error).toMatchObject({ code: "AirflowApiError", http_status: 409 });
  });
});
