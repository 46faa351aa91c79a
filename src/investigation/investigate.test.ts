import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../config/schema.js";
import { InvestigationStateSchema } from "../state/investigation.js";
import { toolRegistry } from "../tools/registry.js";
import { TOOL_BY_NAME } from "../tools/catalog.js";
import type { ReadOnlyToolName } from "../tools/catalog.js";
import { investigate } from "./investigate.js";
import { failedDagOutput, glueOutput, glueRun, partition, verifyOutput } from "../../test/fixtures/tool-outputs.js";

const config = ConfigSchema.parse({});
const incident = { sys_id: "INC1", short_description: "DAG customer_daily failed", opened_at: "2024-01-15 08:00:00" };
const now = new Date("2024-01-15T09:00:00Z");

/** In-memory tools that answer with fixed outputs (or throw) and record the arguments they got. */
function fakeTools(answers: Partial<Record<ReadOnlyToolName, (args: Record<string, unknown>) => unknown>>) {
  const calls: { tool: string; args: Record<string, unknown> }[] = [];
  const tools = Object.entries(answers).map(([name, answer]) =>
    tool(
      async (args: Record<string, unknown>) => {
        calls.push({ tool: name, args });
        return JSON.stringify(answer(args));
      },
      { name, description: name, schema: TOOL_BY_NAME[name as ReadOnlyToolName].input },
    ),
  );
  return { registry: toolRegistry(tools), calls };
}

describe("investigate", () => {
  it("follows a DAG's task log to its Glue job in a second round and recommends re-running the DAG", async () => {
    const { registry, calls } = fakeTools({
      get_mwaa_logs: () => failedDagOutput(["ERROR - glue job cust_dim_load run jr_0a1b failed: see Glue"]),
      get_glue_logs: () =>
        glueOutput([glueRun({ id: "jr_0a1b", state: "FAILED", error_message: "ThrottlingException: Rate exceeded" })]),
    });
    const state = await investigate({
      intent: "dag_failure",
      entities: { mwaa_environment: "prod-airflow", dag_id: "customer_daily" },
      incident,
      tools: registry,
      config,
      now,
    });
    expect(InvestigationStateSchema.parse(state)).toEqual(state);
    expect(calls.map((call) => call.tool)).toEqual(["get_mwaa_logs", "get_glue_logs"]);
    expect(calls[1]?.args).toMatchObject({ job_name: "cust_dim_load", run_id: "jr_0a1b" });
    expect(state).toMatchObject({
      cause_kind: "transient",
      retry_recommended: true,
      recommended_action: "retry_airflow_dag",
      resource: { type: "dag", id: "customer_daily" },
    });
    expect(state.findings.map((finding) => finding.tool)).toEqual(["get_mwaa_logs", "get_glue_logs"]);
    expect(state.evidence_score).toBeGreaterThanOrEqual(0.9);
  });

  it("checks the partition a Glue error names and re-runs for a late file that has since arrived", async () => {
    const { registry, calls } = fakeTools({
      get_glue_logs: () =>
        glueOutput([
          glueRun({
            id: "jr_7",
            state: "FAILED",
            completed_on: "2024-01-15T02:30:00Z",
            error_message: "AnalysisException: Path does not exist: s3://datalake-raw/raw/payments/dt=2024-01-15/",
          }),
        ]),
      verify_source_data: () =>
        verifyOutput({
          partitions: [
            partition("2024-01-13"),
            partition("2024-01-14"),
            partition("2024-01-15", 2, 900, "2024-01-15T05:00:00Z"),
          ],
        }),
    });
    const state = await investigate({
      intent: "glue_etl_failure",
      entities: { glue_job_name: "cust_dim_load" },
      incident,
      tools: registry,
      config,
      now,
    });
    expect(calls.map((call) => call.tool)).toEqual(["get_glue_logs", "verify_source_data"]);
    expect(calls[1]?.args).toMatchObject({ bucket: "datalake-raw", prefix: "raw/payments/", date: "2024-01-15" });
    expect(state).toMatchObject({ cause_kind: "transient", recommended_action: "retry_glue_job" });
    expect(state.root_cause).toContain("since arrived");
  });

  it("turns persistent tool failures into error findings with no evidence", async () => {
    const broken = tool(
      async () => {
        throw new Error("503 Service Unavailable");
      },
      { name: "get_glue_logs", description: "broken", schema: TOOL_BY_NAME.get_glue_logs.input },
    );
    const state = await investigate({
      intent: "glue_etl_failure",
      entities: { glue_job_name: "cust_dim_load" },
      incident,
      tools: toolRegistry([broken]),
      config,
      now,
    });
    expect(state.findings).toEqual([
      {
        tool: "get_glue_logs",
        result: { error: { code: "tool_failed", message: "Error: 503 Service Unavailable" } },
        summary: "get_glue_logs failed: tool_failed: Error: 503 Service Unavailable",
      },
    ]);
    expect(state).toMatchObject({ evidence_score: 0, retry_recommended: false, recommended_action: null });
  });

  it("does not investigate intents without tools", async () => {
    const { registry, calls } = fakeTools({});
    const state = await investigate({ intent: "access_denied", entities: {}, incident, tools: registry, config, now });
    expect(calls).toEqual([]);
    expect(state).toEqual({
      findings: [],
      root_cause: "No investigation for access_denied: its playbook has no diagnostic tools",
      evidence_score: 0,
      retry_recommended: false,
      recommended_action: null,
      cause_kind: "undetermined",
      action_args: null,
      resource: null,
    });
  });
});
