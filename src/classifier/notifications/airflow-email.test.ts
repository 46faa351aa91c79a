import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAirflowFailureEmail } from "./airflow-email.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

const ATHENA_EXCEPTION =
  "Final state of Athena job is FAILED, query_execution_id is 5f0d2c3e-8b1a-4c7e-9d2f-3a4b5c6d7e8f. " +
  `Error: HIVE_BAD_DATA: Error parsing field value '2026-11-2' for field 3: For input string: "2026-11-2"`;

describe("parseAirflowFailureEmail", () => {
  it("reads a body pasted as text: DAG and task from the 1.10 log file path", () => {
    expect(parseAirflowFailureEmail(fixture("airflow_failure_email-1.txt"))).toEqual({
      format: "airflow_failure_email",
      service: "airflow",
      resource: { type: "dag", name: "email_test" },
      related: [{ type: "task", name: "always_fail" }],
      run_id: "2020-10-26T17:47:50.022899+00:00",
      state: null,
      time: null,
      error: "Bash command failed (try 1 out of 1)",
    });
  });

  it("reads the default subject and HTML body, entities decoded", () => {
    expect(parseAirflowFailureEmail(fixture("airflow_failure_email-2.txt"))).toEqual({
      format: "airflow_failure_email",
      service: "airflow",
      resource: { type: "dag", name: "daily_sales" },
      related: [{ type: "task", name: "load_orders" }],
      run_id: "scheduled__2026-11-22T02:00:00+00:00",
      state: "failed",
      time: null,
      error: `${ATHENA_EXCEPTION} (try 3 out of 3)`,
    });
  });

  it("reads the DAG, task and run from the log link when the subject is missing", () => {
    const body = fixture("airflow_failure_email-2.txt").replace(/^Subject:[^\n]*\n/, "");
    expect(parseAirflowFailureEmail(body)).toMatchObject({
      resource: { type: "dag", name: "daily_sales" },
      related: [{ type: "task", name: "load_orders" }],
      run_id: "scheduled__2026-11-22T02:00:00+00:00",
      state: null,
    });
  });

  it("reads a retry alert from the subject alone, a mapped task's map_index aside", () => {
    const subject = "Airflow alert: <TaskInstance: test_dag.test_email_alert test map_index=0 [up_for_retry]>";
    expect(parseAirflowFailureEmail(subject)).toEqual({
      format: "airflow_failure_email",
      service: "airflow",
      resource: { type: "dag", name: "test_dag" },
      related: [{ type: "task", name: "test_email_alert" }],
      run_id: "test",
      state: "up_for_retry",
      time: null,
      error: null,
    });
  });

  it("keeps a multi-line exception, up to the template's next field", () => {
    const body =
      'Try 2 out of 4<br>Exception:<br>Traceback (most recent call last):<br>  File "x.py", line 3<br>' +
      "ValueError: boom<br>Log: <a href='http://af/log?dag_id=d1&amp;task_id=t1&amp;execution_date=2026-11-22T00:00:00+00:00'>Link</a><br>Host: w1<br>";
    expect(parseAirflowFailureEmail(body)).toMatchObject({
      resource: { type: "dag", name: "d1" },
      related: [{ type: "task", name: "t1" }],
      run_id: "2026-11-22T00:00:00+00:00",
      error: 'Traceback (most recent call last):\n  File "x.py", line 3\nValueError: boom (try 2 out of 4)',
    });
  });

  it("returns null for prose about a failed task", () => {
    expect(parseAirflowFailureEmail("Airflow task load_orders failed, exception in the logs")).toBeNull();
    expect(parseAirflowFailureEmail("Try 1 out of 3 times, then give up")).toBeNull();
  });
});
