import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../config/load.js";
import { GLUE_IDEMPOTENCY_ARGUMENT } from "../tools/glue/retry-glue-job.js";
import { ORCHESTRATOR_DAG_CONF_KEYS } from "../remediations/dag-rerun.js";
import { checkRemediationArguments } from "./argument-policy.js";

const config = resolveConfig({});
const withAllowed = resolveConfig({
  remediation: { allowed_arguments: { glue_jobs: ["--date"], dag_conf: ["region"] } },
});
const ownRun = { "--date": "2026-11-22", "--source_path": "s3://raw/x/" };

describe("checkRemediationArguments: Glue", () => {
  it("permits a re-run without arguments, and with an empty map", () => {
    expect(checkRemediationArguments("retry_glue_job", { job_name: "j" }, config)).toEqual({ permitted: true });
    expect(checkRemediationArguments("retry_glue_job", { job_name: "j", arguments: {} }, config).permitted).toBe(true);
  });

  it("refuses an argument that is neither allow-listed nor a run's own, naming it and the config key", () => {
    const check = checkRemediationArguments(
      "retry_glue_job",
      { job_name: "j", arguments: { "--extra-py-files": "s3://evil/x.py" } },
      config,
      [ownRun],
    );
    expect(check).toEqual({
      permitted: false,
      message: expect.stringMatching(/"--extra-py-files".*remediation\.allowed_arguments\.glue_jobs/),
    });
  });

  it("permits exactly the arguments of one of the job's own runs, and nothing added to them", () => {
    const own = { job_name: "j", arguments: { ...ownRun } };
    expect(checkRemediationArguments("retry_glue_job", own, config, [{ "--date": "x" }, ownRun]).permitted).toBe(true);
    const added = { job_name: "j", arguments: { ...ownRun, "--extra-py-files": "s3://evil/x.py" } };
    expect(checkRemediationArguments("retry_glue_job", added, config, [ownRun]).permitted).toBe(false);
    const changed = { job_name: "j", arguments: { ...ownRun, "--source_path": "s3://evil/" } };
    expect(checkRemediationArguments("retry_glue_job", changed, config, [ownRun]).permitted).toBe(false);
    const fewer = { job_name: "j", arguments: { "--source_path": ownRun["--source_path"] } };
    expect(checkRemediationArguments("retry_glue_job", fewer, config, [ownRun]).permitted).toBe(false);
    // Without the job's runs to compare with, only allow-listed names pass.
    expect(checkRemediationArguments("retry_glue_job", own, config).permitted).toBe(false);
  });

  it("permits allow-listed names with any value, but not with other names beside them", () => {
    const dated = { job_name: "j", arguments: { "--date": "2026-01-01" } };
    expect(checkRemediationArguments("retry_glue_job", dated, withAllowed).permitted).toBe(true);
    const mixed = { job_name: "j", arguments: { "--date": "2026-01-01", "--conf": "spark.x=y" } };
    const check = checkRemediationArguments("retry_glue_job", mixed, withAllowed);
    expect(check).toMatchObject({ permitted: false, message: expect.stringContaining('"--conf"') });
    expect(check.permitted === false && check.message).not.toContain('"--date"');
  });

  it("ignores the idempotency argument, which the tool overwrites with its own key", () => {
    const keyed = { job_name: "j", arguments: { [GLUE_IDEMPOTENCY_ARGUMENT]: "old-key" } };
    expect(checkRemediationArguments("retry_glue_job", keyed, config).permitted).toBe(true);
    // A failed run that was itself our re-run carries an old key; re-running it with a new one is its own run.
    const previous = { ...ownRun, [GLUE_IDEMPOTENCY_ARGUMENT]: "key-1" };
    const again = { job_name: "j", arguments: { ...ownRun, [GLUE_IDEMPOTENCY_ARGUMENT]: "key-2" } };
    expect(checkRemediationArguments("retry_glue_job", again, config, [previous]).permitted).toBe(true);
  });

  it("refuses arguments that are not a map of strings", () => {
    for (const value of [["--date"], "--date=1", { "--date": 1 }, null]) {
      expect(
        checkRemediationArguments("retry_glue_job", { arguments: value }, withAllowed).permitted,
        String(value),
      ).toBe(false);
    }
  });

  it("never permits a name that is not allow-listed unless the whole map is a run's own (property)", () => {
    const name = fc.constantFrom("--date", "--extra-py-files", "--conf", "--source_path");
    const args = fc.dictionary(name, fc.constantFrom("a", "b"), { maxKeys: 4 });
    fc.assert(
      fc.property(args, fc.array(args, { maxLength: 3 }), (given, runs) => {
        const check = checkRemediationArguments("retry_glue_job", { arguments: given }, withAllowed, runs);
        const onlyAllowed = Object.keys(given).every((key) => key === "--date");
        const isOwn = runs.some(
          (run) => JSON.stringify(Object.entries(run).sort()) === JSON.stringify(Object.entries(given).sort()),
        );
        expect(check.permitted).toBe(onlyAllowed || isOwn);
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});

describe("checkRemediationArguments: Airflow conf", () => {
  it("permits the keys the orchestrator sets", () => {
    const conf = { rerun_of: "scheduled__2026-11-22", rerun_logical_date: "2026-11-22T00:00:00Z" };
    expect(ORCHESTRATOR_DAG_CONF_KEYS).toEqual(["rerun_of", "rerun_logical_date"]);
    expect(checkRemediationArguments("retry_airflow_dag", { dag_id: "d", conf }, config).permitted).toBe(true);
    expect(checkRemediationArguments("retry_airflow_dag", { dag_id: "d" }, config).permitted).toBe(true);
  });

  it("refuses other keys unless configured, naming them and the config key", () => {
    const conf = { rerun_of: "r", region: "eu", sql: "DROP TABLE x" };
    const check = checkRemediationArguments("retry_airflow_dag", { dag_id: "d", conf }, config);
    expect(check).toEqual({
      permitted: false,
      message: expect.stringMatching(/"region", "sql".*remediation\.allowed_arguments\.dag_conf/),
    });
    const onlyRegion = { rerun_of: "r", region: "eu" };
    expect(checkRemediationArguments("retry_airflow_dag", { conf: onlyRegion }, withAllowed).permitted).toBe(true);
    expect(checkRemediationArguments("retry_airflow_dag", { conf }, withAllowed).permitted).toBe(false);
    expect(checkRemediationArguments("retry_airflow_dag", { conf: ["rerun_of"] }, config).permitted).toBe(false);
  });
});

describe("checkRemediationArguments: other tools", () => {
  it("permits Athena and EMR re-runs, which take no free-form arguments", () => {
    expect(checkRemediationArguments("retry_athena_query", { query_id: "q" }, config).permitted).toBe(true);
    expect(checkRemediationArguments("retry_emr", { cluster_id: "j-1", step_id: "s-1" }, config).permitted).toBe(true);
  });
});
