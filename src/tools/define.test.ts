import { EntityNotFoundException } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { AirflowApiError } from "./mwaa/airflow-client.js";
import { createAwsClients } from "./aws-clients.js";
import { toLangChainTool, TOOL_OUTPUT_MAX_CHARS } from "./define.js";
import { getGlueLogsTool } from "./glue/get-glue-logs.js";
import { retryGlueJobTool } from "./glue/retry-glue-job.js";
import { ToolErrorSchema } from "./schemas.js";

// Building clients touches no network; the fake implementations below never use them.
const clients = createAwsClients({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
const KEY = "k".repeat(32);

type GlueLogsRun = (typeof getGlueLogsTool)["run"];
type RetryGlueJobRun = (typeof retryGlueJobTool)["run"];

const glueLogs = (lines: number): GlueLogsRun =>
  async function fakeGlueLogs(_clients, input) {
    return {
      job_name: input.job_name,
      job: { max_retries: 0, timeout_min: 60, worker_type: "G.1X", number_of_workers: 2 },
      runs: [],
      log_run_id: "jr_1",
      log_excerpt: Array.from({ length: lines }, (_, i) => ({
        timestamp: "2026-01-01T00:00:00.000Z",
        message: `line ${i} ${"x".repeat(200)}`,
      })),
    };
  };

function failing(error: unknown): RetryGlueJobRun {
  return () => Promise.reject(error);
}

describe("toLangChainTool", () => {
  it("applies the input schema's defaults and returns the output as JSON", async () => {
    let seen: unknown;
    const recording: typeof getGlueLogsTool = {
      ...getGlueLogsTool,
      run: async (c, input) => {
        seen = input;
        return glueLogs(1)(c, input);
      },
    };
    const tool = toLangChainTool(recording, clients);
    const text = (await tool.invoke({ job_name: "payments" })) as string;
    expect(seen).toEqual({ job_name: "payments", max_runs: 5, log_lines: 40 });
    expect(JSON.parse(text)).toMatchObject({ job_name: "payments", log_run_id: "jr_1" });
  });

  it("throws on invalid input: that is a bug in the caller", async () => {
    const tool = toLangChainTool({ ...retryGlueJobTool, run: failing(new Error("never called")) }, clients);
    await expect(tool.invoke({ job_name: "payments", idempotency_key: "short" })).rejects.toThrow(/idempotency_key/);
  });

  it("throws when the implementation's output breaks the output schema", async () => {
    const bad = (async () => ({
      job_name: "j",
      run_id: 42,
      reused: false,
    })) as unknown as RetryGlueJobRun;
    const tool = toLangChainTool({ ...retryGlueJobTool, run: bad }, clients);
    await expect(tool.invoke({ job_name: "j", idempotency_key: KEY })).rejects.toThrow();
  });

  it("bounds large output", async () => {
    const tool = toLangChainTool({ ...getGlueLogsTool, run: glueLogs(500) }, clients);
    const text = (await tool.invoke({ job_name: "payments", log_lines: 200 })) as string;
    expect(text.length).toBeLessThanOrEqual(TOOL_OUTPUT_MAX_CHARS);
    expect(JSON.parse(text)).toMatchObject({ job_name: "payments" });
  });

  it("returns an AWS service error as a ToolError", async () => {
    const error = new EntityNotFoundException({
      message: "Job not found: nope",
      $metadata: { httpStatusCode: 400 },
    });
    const tool = toLangChainTool({ ...retryGlueJobTool, run: failing(error) }, clients);
    const output: unknown = JSON.parse((await tool.invoke({ job_name: "nope", idempotency_key: KEY })) as string);
    expect(ToolErrorSchema.parse(output)).toEqual({
      error: { code: "EntityNotFoundException", message: "Job not found: nope", http_status: 400 },
    });
  });

  it("returns an Airflow API error as a ToolError", async () => {
    const error = new AirflowApiError(404, "DAG not found", "DAG with dag_id: 'x' not found", "GET", "/dags/x");
    const tool = toLangChainTool({ ...retryGlueJobTool, run: failing(error) }, clients);
    const output = ToolErrorSchema.parse(
      JSON.parse((await tool.invoke({ job_name: "j", idempotency_key: KEY })) as string),
    );
    expect(output.error).toMatchObject({ code: "AirflowApiError", http_status: 404 });
    expect(output.error.message).toContain("DAG with dag_id: 'x' not found");
  });

  it("sanitises and caps error messages", async () => {
    const error = Object.assign(new Error(`bad\n\tthing AKIAABCDEFGHIJKLMNOP ${"y".repeat(1000)}`), {
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
    });
    const tool = toLangChainTool({ ...retryGlueJobTool, run: failing(error) }, clients);
    const output = ToolErrorSchema.parse(
      JSON.parse((await tool.invoke({ job_name: "j", idempotency_key: KEY })) as string),
    );
    expect(output.error.message.length).toBeLessThanOrEqual(500);
    expect(output.error.message).toMatch(/^bad thing \[redacted\] y+…$/);
  });

  it("rethrows errors that are not failures in the world", async () => {
    const tool = toLangChainTool({ ...retryGlueJobTool, run: failing(new TypeError("oops")) }, clients);
    await expect(tool.invoke({ job_name: "j", idempotency_key: KEY })).rejects.toThrow("oops");
  });
});
