import {
  BatchStopJobRunCommand,
  EntityNotFoundException,
  GetJobCommand,
  GetJobRunCommand,
  GetJobRunsCommand,
  GlueClient,
  ListJobsCommand,
  StartJobRunCommand,
} from "@aws-sdk/client-glue";
import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";
import { sandboxClientConfig } from "./test-client-config.js";

const FAILED_RUN = "jr_" + "a".repeat(64);
const OLDER_RUN = "jr_" + "b".repeat(64);

function scenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    now: "2025-03-01T10:00:00Z",
    glue: {
      jobs: [
        {
          name: "payments-etl",
          max_retries: 1,
          worker_type: "G.2X",
          number_of_workers: 4,
          runs: [
            {
              id: OLDER_RUN,
              state: "SUCCEEDED",
              started_on: "2025-02-28T09:00:00Z",
              completed_on: "2025-02-28T09:10:00Z",
            },
            {
              id: FAILED_RUN,
              state: "FAILED",
              started_on: "2025-03-01T09:00:00Z",
              completed_on: "2025-03-01T09:05:30Z",
              error_message: "AnalysisException: Path does not exist",
              arguments: { "--day": "2025-03-01" },
            },
          ],
          on_rerun: [
            { result: "FAILED", error_message: "still broken", polls_to_complete: 2 },
            { result: "SUCCEEDED", polls_to_complete: 0 },
          ],
        },
        { name: "stuck-job", on_rerun: { result: "RUNNING", polls_to_complete: 0 } },
      ],
    },
    ...overrides,
  };
}

describe("Glue emulator", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  async function glue(input: ScenarioInput = scenario(), maxAttempts = 3): Promise<GlueClient> {
    sandbox = await startSandbox({ scenario: input });
    return new GlueClient(sandboxClientConfig(sandbox, maxAttempts));
  }

  it("describes a job from the scenario", async () => {
    const client = await glue();
    const { Job } = await client.send(new GetJobCommand({ JobName: "payments-etl" }));
    expect(Job).toMatchObject({ Name: "payments-etl", MaxRetries: 1, WorkerType: "G.2X", NumberOfWorkers: 4 });
  });

  it("answers an unknown job with EntityNotFoundException", async () => {
    const client = await glue();
    await expect(client.send(new GetJobRunsCommand({ JobName: "nope" }))).rejects.toBeInstanceOf(
      EntityNotFoundException,
    );
  });

  it("lists job names in pages, and none for a tag filter (scenario jobs carry no tags)", async () => {
    const client = await glue();
    const first = await client.send(new ListJobsCommand({ MaxResults: 1 }));
    expect(first.JobNames).toEqual(["payments-etl"]);
    const second = await client.send(new ListJobsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect(second.JobNames).toEqual(["stuck-job"]);
    expect(second.NextToken).toBeUndefined();
    expect((await client.send(new ListJobsCommand({}))).JobNames).toEqual(["payments-etl", "stuck-job"]);
    expect((await client.send(new ListJobsCommand({ Tags: { team: "payments" } }))).JobNames).toEqual([]);
  });

  it("lists runs newest first with timestamps and pages them", async () => {
    const client = await glue();
    const first = await client.send(new GetJobRunsCommand({ JobName: "payments-etl", MaxResults: 1 }));
    expect(first.JobRuns?.map((run) => run.Id)).toEqual([FAILED_RUN]);
    expect(first.JobRuns?.[0]).toMatchObject({
      JobRunState: "FAILED",
      ErrorMessage: "AnalysisException: Path does not exist",
      Arguments: { "--day": "2025-03-01" },
      ExecutionTime: 330,
    });
    expect(first.JobRuns?.[0]?.StartedOn).toEqual(new Date("2025-03-01T09:00:00Z"));
    const second = await client.send(
      new GetJobRunsCommand({ JobName: "payments-etl", MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.JobRuns?.map((run) => run.Id)).toEqual([OLDER_RUN]);
    expect(second.NextToken).toBeUndefined();
  });

  it("reads one run", async () => {
    const client = await glue();
    const { JobRun } = await client.send(new GetJobRunCommand({ JobName: "payments-etl", RunId: OLDER_RUN }));
    expect(JobRun).toMatchObject({ Id: OLDER_RUN, JobRunState: "SUCCEEDED" });
    expect(JobRun?.CompletedOn).toEqual(new Date("2025-02-28T09:10:00Z"));
  });

  it("starts a new run that appears first and reaches its outcome after the configured polls", async () => {
    const client = await glue();
    const { JobRunId } = await client.send(
      new StartJobRunCommand({ JobName: "payments-etl", Arguments: { "--day": "2025-03-01", "--key": "k1" } }),
    );
    expect(JobRunId).toMatch(/^jr_[0-9a-f]{64}$/);

    const listed = await client.send(new GetJobRunsCommand({ JobName: "payments-etl" }));
    expect(listed.JobRuns?.map((run) => run.Id)).toEqual([JobRunId, FAILED_RUN, OLDER_RUN]);
    expect(listed.JobRuns?.[0]).toMatchObject({ JobRunState: "STARTING", Arguments: { "--key": "k1" } });

    const read = () => client.send(new GetJobRunCommand({ JobName: "payments-etl", RunId: JobRunId }));
    expect((await read()).JobRun?.JobRunState).toBe("RUNNING");
    const done = (await read()).JobRun;
    expect(done).toMatchObject({ JobRunState: "FAILED", ErrorMessage: "still broken" });
    expect(done?.CompletedOn).toBeInstanceOf(Date);
    expect((await read()).JobRun?.JobRunState).toBe("FAILED");
  });

  it("follows the on_rerun sequence, repeating its last entry", async () => {
    const client = await glue();
    const states: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { JobRunId } = await client.send(new StartJobRunCommand({ JobName: "payments-etl" }));
      let state: string | undefined;
      for (let poll = 0; poll < 5; poll += 1) {
        state = (await client.send(new GetJobRunCommand({ JobName: "payments-etl", RunId: JobRunId }))).JobRun
          ?.JobRunState;
      }
      states.push(state ?? "none");
    }
    expect(states).toEqual(["FAILED", "SUCCEEDED", "SUCCEEDED"]);
  });

  it("keeps a RUNNING outcome running, and stops it on request", async () => {
    const client = await glue();
    const { JobRunId = "" } = await client.send(new StartJobRunCommand({ JobName: "stuck-job" }));
    for (let poll = 0; poll < 4; poll += 1) {
      const { JobRun } = await client.send(new GetJobRunCommand({ JobName: "stuck-job", RunId: JobRunId }));
      expect(["STARTING", "RUNNING"]).toContain(JobRun?.JobRunState);
    }
    const stop = await client.send(new BatchStopJobRunCommand({ JobName: "stuck-job", JobRunIds: [JobRunId, "jr_0"] }));
    expect(stop.SuccessfulSubmissions).toEqual([{ JobName: "stuck-job", JobRunId }]);
    expect(stop.Errors?.[0]?.ErrorDetail?.ErrorCode).toBe("EntityNotFoundException");
    const { JobRun } = await client.send(new GetJobRunCommand({ JobName: "stuck-job", RunId: JobRunId }));
    expect(JobRun?.JobRunState).toBe("STOPPED");
  });

  it("generates the same run ids for the same seed", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const client = await glue();
      ids.push((await client.send(new StartJobRunCommand({ JobName: "payments-etl" }))).JobRunId ?? "");
      await sandbox?.close();
      sandbox = undefined;
    }
    expect(ids[0]).toBe(ids[1]);
  });

  it("absorbs injected throttles with the SDK's retries", async () => {
    const client = await glue(
      scenario({ faults: [{ service: "glue", operation: "GetJobRuns", kind: "throttle", times: 2 }] }),
    );
    const { JobRuns } = await client.send(new GetJobRunsCommand({ JobName: "payments-etl" }));
    expect(JobRuns).toHaveLength(2);
    const calls = sandbox?.calls.filter((call) => call.operation === "GetJobRuns") ?? [];
    expect(calls.map((call) => [call.status, call.fault])).toEqual([
      [429, "throttle"],
      [429, "throttle"],
      [200, null],
    ]);
  });

  it("surfaces a persistent server error after the SDK's retries", async () => {
    const client = await glue(scenario({ faults: [{ service: "glue", kind: "server_error" }] }), 2);
    const failure = client.send(new GetJobCommand({ JobName: "payments-etl" }));
    await expect(failure).rejects.toMatchObject({ name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
    await failure.catch((error: unknown) => {
      expect((error as { $metadata: { attempts?: number } }).$metadata.attempts).toBe(2);
    });
    expect(sandbox?.calls.map((call) => call.status)).toEqual([503, 503]);
  });
});
