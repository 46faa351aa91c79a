import {
  AddJobFlowStepsCommand,
  DescribeClusterCommand,
  DescribeStepCommand,
  EMRClient,
  InvalidRequestException,
  ListClustersCommand,
  ListStepsCommand,
} from "@aws-sdk/client-emr";
import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";
import { sandboxClientConfig } from "./test-client-config.js";

const SCENARIO: ScenarioInput = {
  now: "2025-03-01T10:00:00Z",
  emr: {
    clusters: [
      {
        id: "j-LIVE",
        name: "nightly-spark",
        state: "WAITING",
        steps: [
          {
            id: "s-OLD",
            name: "aggregate",
            state: "COMPLETED",
            args: ["spark-submit", "agg.py"],
            started: "2025-02-28T01:00:00Z",
            ended: "2025-02-28T01:20:00Z",
          },
          {
            id: "s-FAILED",
            name: "aggregate",
            state: "FAILED",
            action_on_failure: "CANCEL_AND_WAIT",
            args: ["spark-submit", "agg.py"],
            started: "2025-03-01T01:00:00Z",
            ended: "2025-03-01T01:07:00Z",
            failure_reason: "Exception in thread main",
            failure_message: "java.lang.OutOfMemoryError: Java heap space",
            log_file: "s3://logs/j-LIVE/steps/s-FAILED/stderr.gz",
          },
        ],
        on_rerun: [
          { result: "FAILED", error_message: "OOM again", polls_to_complete: 1 },
          { result: "SUCCEEDED", polls_to_complete: 1 },
        ],
      },
      {
        id: "j-GONE",
        name: "old-cluster",
        state: "TERMINATED_WITH_ERRORS",
        state_change_code: "BOOTSTRAP_FAILURE",
        state_change_message: "bootstrap action 1 failed",
      },
    ],
  },
};

const sparkStep = {
  Name: "aggregate",
  ActionOnFailure: "CONTINUE" as const,
  HadoopJarStep: { Jar: "command-runner.jar", Args: ["spark-submit", "agg.py"] },
};

describe("EMR emulator", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  async function emr(): Promise<EMRClient> {
    sandbox = await startSandbox({ scenario: SCENARIO });
    return new EMRClient(sandboxClientConfig(sandbox));
  }

  it("describes a cluster with its state change reason", async () => {
    const client = await emr();
    const { Cluster } = await client.send(new DescribeClusterCommand({ ClusterId: "j-GONE" }));
    expect(Cluster).toMatchObject({
      Id: "j-GONE",
      Name: "old-cluster",
      Status: {
        State: "TERMINATED_WITH_ERRORS",
        StateChangeReason: { Code: "BOOTSTRAP_FAILURE", Message: "bootstrap action 1 failed" },
      },
    });
    expect(Cluster?.Status?.Timeline?.CreationDateTime).toBeInstanceOf(Date);
  });

  it("lists cluster summaries, filtered by state", async () => {
    const client = await emr();
    const all = await client.send(new ListClustersCommand({}));
    expect(all.Clusters?.map((cluster) => [cluster.Id, cluster.Name, cluster.Status?.State])).toEqual([
      ["j-LIVE", "nightly-spark", "WAITING"],
      ["j-GONE", "old-cluster", "TERMINATED_WITH_ERRORS"],
    ]);
    expect(all.Marker).toBeUndefined();
    expect(all.Clusters?.[0]?.ClusterArn).toMatch(/:cluster\/j-LIVE$/);
    expect(all.Clusters?.[0]?.Status?.Timeline?.CreationDateTime).toBeInstanceOf(Date);
    const live = await client.send(new ListClustersCommand({ ClusterStates: ["RUNNING", "WAITING"] }));
    expect(live.Clusters?.map((cluster) => cluster.Id)).toEqual(["j-LIVE"]);
  });

  it("pages clusters 50 at a time by Marker", async () => {
    const clusters = Array.from({ length: 60 }, (_, i) => ({
      id: `j-C${String(i).padStart(3, "0")}`,
      name: `cluster-${i}`,
      state: "WAITING" as const,
    }));
    sandbox = await startSandbox({ scenario: { emr: { clusters } } });
    const client = new EMRClient(sandboxClientConfig(sandbox));
    const first = await client.send(new ListClustersCommand({}));
    expect(first.Clusters).toHaveLength(50);
    const second = await client.send(new ListClustersCommand({ Marker: first.Marker }));
    expect(second.Clusters?.map((cluster) => cluster.Id)).toEqual(clusters.slice(50).map((cluster) => cluster.id));
    expect(second.Marker).toBeUndefined();
  });

  it("answers an unknown cluster with InvalidRequestException", async () => {
    const client = await emr();
    await expect(client.send(new DescribeClusterCommand({ ClusterId: "j-NOPE" }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
  });

  it("lists steps newest first, filtered by state or id", async () => {
    const client = await emr();
    const all = await client.send(new ListStepsCommand({ ClusterId: "j-LIVE" }));
    expect(all.Steps?.map((step) => step.Id)).toEqual(["s-FAILED", "s-OLD"]);
    const failed = await client.send(new ListStepsCommand({ ClusterId: "j-LIVE", StepStates: ["FAILED"] }));
    expect(failed.Steps?.map((step) => step.Id)).toEqual(["s-FAILED"]);
    const byId = await client.send(new ListStepsCommand({ ClusterId: "j-LIVE", StepIds: ["s-OLD"] }));
    expect(byId.Steps?.map((step) => step.Id)).toEqual(["s-OLD"]);
  });

  it("describes a failed step with its failure details, timeline and config", async () => {
    const client = await emr();
    const { Step } = await client.send(new DescribeStepCommand({ ClusterId: "j-LIVE", StepId: "s-FAILED" }));
    expect(Step).toMatchObject({
      Name: "aggregate",
      ActionOnFailure: "CANCEL_AND_WAIT",
      Config: { Jar: "command-runner.jar", Args: ["spark-submit", "agg.py"] },
      Status: {
        State: "FAILED",
        FailureDetails: {
          Reason: "Exception in thread main",
          Message: "java.lang.OutOfMemoryError: Java heap space",
          LogFile: "s3://logs/j-LIVE/steps/s-FAILED/stderr.gz",
        },
      },
    });
    expect(Step?.Status?.Timeline?.StartDateTime).toEqual(new Date("2025-03-01T01:00:00Z"));
    expect(Step?.Status?.Timeline?.EndDateTime).toEqual(new Date("2025-03-01T01:07:00Z"));
  });

  it("adds steps that follow on_rerun, and adds the same step again (no idempotency)", async () => {
    const client = await emr();
    const first = await client.send(new AddJobFlowStepsCommand({ JobFlowId: "j-LIVE", Steps: [sparkStep] }));
    const second = await client.send(new AddJobFlowStepsCommand({ JobFlowId: "j-LIVE", Steps: [sparkStep] }));
    const [firstId] = first.StepIds ?? [];
    const [secondId] = second.StepIds ?? [];
    expect(firstId).toMatch(/^s-[0-9A-Z]{13}$/);
    expect(secondId).not.toBe(firstId);

    const listed = await client.send(new ListStepsCommand({ ClusterId: "j-LIVE" }));
    expect(listed.Steps?.map((step) => [step.Id, step.Status?.State])).toEqual([
      [secondId, "PENDING"],
      [firstId, "PENDING"],
      ["s-FAILED", "FAILED"],
      ["s-OLD", "COMPLETED"],
    ]);
    const describe = (id: string | undefined) =>
      client.send(new DescribeStepCommand({ ClusterId: "j-LIVE", StepId: id })).then(({ Step }) => Step);
    const failed = await describe(firstId);
    expect(failed?.Status).toMatchObject({ State: "FAILED", FailureDetails: { Message: "OOM again" } });
    expect(failed?.Status?.FailureDetails?.LogFile).toContain(`/j-LIVE/steps/${firstId}/`);
    expect(failed?.Status?.Timeline?.EndDateTime).toBeInstanceOf(Date);
    expect((await describe(secondId))?.Status?.State).toBe("COMPLETED");
  });

  it("refuses new steps on a terminated cluster with ValidationException", async () => {
    const client = await emr();
    await expect(
      client.send(new AddJobFlowStepsCommand({ JobFlowId: "j-GONE", Steps: [sparkStep] })),
    ).rejects.toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
  });
});
