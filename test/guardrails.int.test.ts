/**
 * Each guardrail, and AWS faults, through the whole graph over the sandbox with the real tools:
 * what the orchestrator decides, and what it actually did to the (emulated) world.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startSandboxSession, type SandboxSession } from "../src/sandbox/session.js";
import type { OrchestratorConfigInput } from "../src/config/schema.js";
import { createOrchestrator } from "../src/orchestrator.js";
import { ScenarioSchema, type ScenarioInput } from "../src/sandbox/scenario.js";
import { TIMEOUT_MESSAGE, glueIncident, glueWorld } from "./support/glue-world.js";

const allowGlue: OrchestratorConfigInput = {
  remediation: { allow_list: { glue_jobs: ["daily_*"] }, verify: { poll_interval_ms: 0, max_polls: 5 } },
};

let session: SandboxSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function run(world: ScenarioInput, config: OrchestratorConfigInput = allowGlue) {
  session = await startSandboxSession(ScenarioSchema.parse(world));
  const result = await createOrchestrator({ config, tools: session.tools }).orchestrate(glueIncident);
  const started = session.sandbox.calls.filter((call) => call.operation === "StartJobRun" && call.status === 200);
  return { result, jobRunsStarted: started.length, calls: session.sandbox.calls };
}

describe("guardrails through the graph", () => {
  it("re-runs a transient failure on an allow-listed job and closes once verified", async () => {
    const { result, jobRunsStarted } = await run(glueWorld(TIMEOUT_MESSAGE, { state: "TIMEOUT" }));
    expect(result.classification.intent).toBe("glue_etl_failure");
    expect(result.action).toMatchObject({ action: "retry_glue_job", success: true });
    expect(result.action.details.idempotency_key).toMatch(/^io-[0-9a-f]{40}$/);
    expect(result.decision.decision).toBe("auto_close");
    expect(jobRunsStarted).toBe(1);
  });

  it("refuses a job that is not on the allow-list", async () => {
    const config = { remediation: { ...allowGlue.remediation, allow_list: { glue_jobs: ["hourly_*"] } } };
    const { result, jobRunsStarted } = await run(glueWorld(TIMEOUT_MESSAGE, { state: "TIMEOUT" }), config);
    expect(jobRunsStarted).toBe(0);
    expect(result.decision.decision).not.toBe("auto_close");
    expect(result.decision.decision).not.toBe("auto_retry");
  });

  it("stops at the budget when every re-run fails", async () => {
    const world = glueWorld(TIMEOUT_MESSAGE, {
      state: "TIMEOUT",
      onRerun: { result: "FAILED", error_message: "Job run timed out", polls_to_complete: 0 },
    });
    const { result, jobRunsStarted } = await run(world);
    expect(jobRunsStarted).toBe(2); // glue_etl_failure's default budget
    expect(result.action.details.attempts).toBe(2);
    expect(result.decision.decision).toBe("escalate");
  });

  it("never re-runs a non-transient failure", async () => {
    const message =
      "An error occurred while calling o112.getDynamicFrame. User: arn:aws:sts::123456789012:assumed-role/GlueRole is not authorized to perform: s3:GetObject (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)";
    const { result, jobRunsStarted } = await run(glueWorld(message));
    expect(jobRunsStarted).toBe(0);
    expect(result.action.action).toBeNull();
    expect(["escalate", "human_review"]).toContain(result.decision.decision);
  });

  it("in dry-run mode reports what it would do and starts nothing", async () => {
    const config = { remediation: { ...allowGlue.remediation, dry_run: true } };
    const { result, jobRunsStarted } = await run(glueWorld(TIMEOUT_MESSAGE, { state: "TIMEOUT" }), config);
    expect(jobRunsStarted).toBe(0);
    expect(result.action.details.outcome).toBe("dry_run");
    expect(String(result.action.details.message)).toMatch(/would call retry_glue_job/);
    expect(result.decision.decision).toBe("auto_retry");
  });

  it("leaves a re-run still running after the bounded wait as auto_retry", async () => {
    const world = glueWorld(TIMEOUT_MESSAGE, {
      state: "TIMEOUT",
      onRerun: { result: "RUNNING", polls_to_complete: 0 },
    });
    const { result, jobRunsStarted } = await run(world);
    expect(jobRunsStarted).toBe(1);
    expect(result.action.details.outcome).toBe("in_progress");
    expect(result.decision.decision).toBe("auto_retry");
  });
});

describe("AWS faults", () => {
  it("absorbs throttling with the SDK's own retries", async () => {
    const faults: ScenarioInput["faults"] = [{ service: "glue", operation: "GetJobRuns", kind: "throttle", times: 2 }];
    const { result, calls } = await run(glueWorld(TIMEOUT_MESSAGE, { state: "TIMEOUT", faults }));
    expect(calls.filter((call) => call.fault === "throttle")).toHaveLength(2);
    expect(result.decision.decision).toBe("auto_close");
  });

  it("turns a persistent 5xx into a finding with an error, never an auto_close", async () => {
    const faults: ScenarioInput["faults"] = [{ service: "glue", kind: "server_error" }];
    const { result, jobRunsStarted } = await run(glueWorld(TIMEOUT_MESSAGE, { state: "TIMEOUT", faults }));
    const glueFinding = result.investigation.findings.find((finding) => finding.tool === "get_glue_logs");
    expect(glueFinding?.result).toHaveProperty("error");
    expect(jobRunsStarted).toBe(0);
    expect(result.decision.decision).not.toBe("auto_close");
  }, 60_000);
});
