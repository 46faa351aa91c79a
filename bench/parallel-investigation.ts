/**
 * Investigation wall time with an injected per-call latency L, against L itself: the playbook's
 * tools run in parallel, so the investigation should cost about one L, not one per tool. The same
 * investigation with `max_parallel: 1` is the serial baseline, measured in the same run.
 */
import { performance } from "node:perf_hooks";
import { resolveConfig } from "../src/config/load.js";
import { investigate } from "../src/investigation/index.js";
import type { ScenarioInput } from "../src/sandbox/scenario.js";
import { startSandbox } from "../src/sandbox/server.js";
import type { Incident } from "../src/state/incident.js";
import { createAwsClients } from "../src/tools/aws-clients.js";
import { createDataLakeTools } from "../src/tools/index.js";
import { toolRegistry } from "../src/tools/registry.js";

const NOW = "2026-11-23T06:00:00Z";

/** A batch recovery that gave up: the playbook reads an alarm, the MWAA environment and a Glue job. */
function scenario(latencyMs: number): ScenarioInput {
  return {
    now: NOW,
    glue: {
      jobs: [
        {
          name: "daily_sales_etl",
          runs: [
            {
              id: "jr_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
              state: "FAILED",
              started_on: "2026-11-23T04:00:00Z",
              completed_on: "2026-11-23T04:30:00Z",
              error_message: "Command failed with exit code 1",
            },
          ],
        },
      ],
    },
    mwaa: { environments: [{ name: "prod-data-airflow", status: "AVAILABLE" }] },
    cloudwatch: {
      alarms: [
        {
          name: "batch-recovery-daily_sales_etl",
          state: "ALARM",
          reason: "Auto-recovery exhausted 3 attempts",
          updated: "2026-11-23T05:00:00Z",
        },
      ],
    },
    // One operation per tool carries the latency, so each tool's own critical path is one L.
    faults: [
      { service: "glue", operation: "GetJob", kind: "latency", latency_ms: latencyMs },
      { service: "cloudwatch", operation: "DescribeAlarms", kind: "latency", latency_ms: latencyMs },
      { service: "mwaa", operation: "GetEnvironment", kind: "latency", latency_ms: latencyMs },
    ],
  };
}

const incident: Incident = {
  sys_id: "bench-parallel",
  short_description: "Batch auto-recovery failed for daily_sales_etl",
  opened_at: NOW,
};

export interface ParallelResult {
  latency_ms: number;
  tools: number;
  parallel_ms: number;
  serial_ms: number;
  parallel_over_latency: number;
  serial_over_latency: number;
}

export async function measureParallelInvestigation(latencyMs: number): Promise<ParallelResult> {
  const sandbox = await startSandbox({ scenario: scenario(latencyMs) });
  try {
    const tools = toolRegistry(
      createDataLakeTools(
        createAwsClients({ endpoint: sandbox.endpoint, credentials: { accessKeyId: "b", secretAccessKey: "b" } }),
      ),
    );
    const entities = {
      glue_job_name: "daily_sales_etl",
      mwaa_environment: "prod-data-airflow",
      alarm_name: "batch-recovery-daily_sales_etl",
    };
    const run = async (maxParallel: number) => {
      const config = resolveConfig({ investigation: { max_parallel: maxParallel } });
      const started = performance.now();
      const result = await investigate({ intent: "batch_auto_recovery_failed", entities, incident, tools, config });
      return { ms: performance.now() - started, tools: result.findings.length };
    };
    await run(6); // warm-up: connections, module code
    const parallel = await run(6);
    const serial = await run(1);
    return {
      latency_ms: latencyMs,
      tools: parallel.tools,
      parallel_ms: parallel.ms,
      serial_ms: serial.ms,
      parallel_over_latency: parallel.ms / latencyMs,
      serial_over_latency: serial.ms / latencyMs,
    };
  } finally {
    await sandbox.close();
  }
}
