import { describe, expect, it } from "vitest";
import { AllowListSchema, AllowedArgumentsSchema } from "../config/schema.js";
import { ResourceSchema } from "../state/investigation.js";
import { MUTATING_TOOLS, TOOL_BY_NAME } from "../tools/catalog.js";
import { ALLOW_LIST_FOR_RESOURCE, ALLOW_LIST_KEYS, ALLOWED_ARGUMENTS_KEYS, REMEDIATIONS } from "./catalog.js";

const KEY = "k".repeat(32);

describe("the remediation catalog", () => {
  it("has one remediation per mutating tool, each keyed by its own tool", () => {
    expect(Object.keys(REMEDIATIONS).sort()).toEqual([...MUTATING_TOOLS].sort());
    for (const tool of MUTATING_TOOLS) expect(REMEDIATIONS[tool].tool).toBe(tool);
  });

  it("gives every resource type exactly one allow-list, and the config schema its keys", () => {
    expect(new Set(ALLOW_LIST_KEYS).size).toBe(ALLOW_LIST_KEYS.length);
    expect(Object.keys(ALLOW_LIST_FOR_RESOURCE).sort()).toEqual([...ResourceSchema.shape.type.options].sort());
    expect(Object.keys(AllowListSchema.parse({}))).toEqual(["glue_jobs", "dags", "athena_workgroups", "emr_clusters"]);
    expect(Object.keys(AllowedArgumentsSchema.parse({}))).toEqual(["glue_jobs", "dag_conf"]);
    expect(ALLOWED_ARGUMENTS_KEYS).toEqual(["glue_jobs", "dag_conf"]);
  });

  it("lets a reviewer's edit carry the tool's input, never the idempotency key", () => {
    const valid: Record<(typeof MUTATING_TOOLS)[number], Record<string, unknown>> = {
      retry_glue_job: { job_name: "j", arguments: { "--date": "2026-01-01" } },
      retry_airflow_dag: { environment: "e", dag_id: "d", conf: {} },
      retry_athena_query: { query_id: "q" },
      retry_emr: { cluster_id: "j-1", step_id: "s-1" },
    };
    for (const tool of MUTATING_TOOLS) {
      const { editSchema } = REMEDIATIONS[tool];
      expect(editSchema.safeParse(valid[tool]).success, tool).toBe(true);
      expect(editSchema.safeParse({ ...valid[tool], idempotency_key: KEY }).success, tool).toBe(false);
      // The same arguments plus the key are the tool's own input.
      expect(TOOL_BY_NAME[tool].input.safeParse({ ...valid[tool], idempotency_key: KEY }).success, tool).toBe(true);
    }
  });

  it("verifies with a read-only tool, and reads the service's terminal states", () => {
    const verdicts = (tool: (typeof MUTATING_TOOLS)[number], states: string[]) =>
      states.map((state) => REMEDIATIONS[tool].verification.verdict(state));
    expect(
      verdicts("retry_glue_job", ["SUCCEEDED", "FAILED", "TIMEOUT", "ERROR", "STOPPED", "EXPIRED", "RUNNING"]),
    ).toEqual(["succeeded", "failed", "failed", "failed", "failed", "failed", null]);
    expect(verdicts("retry_airflow_dag", ["success", "failed", "queued", "running"])).toEqual([
      "succeeded",
      "failed",
      null,
      null,
    ]);
    expect(verdicts("retry_athena_query", ["SUCCEEDED", "FAILED", "CANCELLED", "RUNNING"])).toEqual([
      "succeeded",
      "failed",
      "failed",
      null,
    ]);
    expect(verdicts("retry_emr", ["COMPLETED", "FAILED", "INTERRUPTED", "CANCELLED", "PENDING"])).toEqual([
      "succeeded",
      "failed",
      "failed",
      "failed",
      null,
    ]);
    for (const tool of MUTATING_TOOLS) {
      const { verification, keyLookup } = REMEDIATIONS[tool];
      expect(TOOL_BY_NAME[verification.statusTool].mutating, tool).toBe(false);
      if (keyLookup) expect(TOOL_BY_NAME[keyLookup.tool].mutating, tool).toBe(false);
    }
  });

  it("reads the resource from the call's own arguments, except an Athena query's workgroup", () => {
    expect(REMEDIATIONS.retry_glue_job.namedResource({ job_name: "j" })).toEqual({ type: "glue_job", id: "j" });
    expect(REMEDIATIONS.retry_airflow_dag.namedResource({ dag_id: "d" })).toEqual({ type: "dag", id: "d" });
    expect(REMEDIATIONS.retry_emr.namedResource({ cluster_id: "j-1" })).toEqual({ type: "emr_cluster", id: "j-1" });
    expect(REMEDIATIONS.retry_glue_job.namedResource({ job_name: "" })).toBeNull();
    expect(REMEDIATIONS.retry_athena_query.namedResource({ query_id: "q" })).toBeNull();
    expect(REMEDIATIONS.retry_athena_query.readTarget).toBeTypeOf("function");
  });
});
