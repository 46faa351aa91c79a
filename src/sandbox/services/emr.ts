/**
 * Amazon EMR (JSON 1.1, `ElasticMapReduce.`): clusters and steps from `scenario.emr.clusters`.
 * AddJobFlowSteps adds steps whose progress follows the cluster's `on_rerun` (see
 * ../remediation-outcomes.ts). Like EMR, it has no idempotency: the same step added twice runs twice.
 * ListClusters pages the cluster summaries (50 a page, as EMR) in scenario order.
 */
import { z } from "zod";
import {
  AwsJsonServiceError,
  createAwsJsonEmulator,
  epochSeconds,
  EpochSecondsInput,
  paginate,
  randomChars,
  toEpochSeconds,
  UPPER_ALNUM,
} from "../protocols/aws-json.js";
import { OutcomeSequence, PolledExecution, stateName, type StateNames } from "../remediation-outcomes.js";
import type { Scenario } from "../scenario.js";
import type { EmulatorContext, EmulatorFactory } from "../types.js";

type ClusterSeed = Scenario["emr"]["clusters"][number];
type StepSeed = ClusterSeed["steps"][number];

interface StepConfig {
  readonly name: string;
  readonly actionOnFailure: string;
  readonly jar: string;
  readonly args: readonly string[];
  readonly mainClass: string | undefined;
  readonly properties: Readonly<Record<string, string>>;
}

interface SeededStep extends StepConfig {
  readonly kind: "seeded";
  readonly id: string;
  readonly seed: StepSeed;
}

interface AddedStep extends StepConfig {
  readonly kind: "added";
  readonly id: string;
  readonly execution: PolledExecution;
}

type EmrStep = SeededStep | AddedStep;

interface EmrCluster {
  readonly seed: ClusterSeed;
  /** Newest first, as ListSteps returns them. */
  readonly steps: EmrStep[];
  readonly outcomes: OutcomeSequence;
  readonly createdAt: Date;
}

const PAGE_SIZE = 50;
const EMR_STEP_STATES: StateNames = { queued: "PENDING", running: "RUNNING", succeeded: "COMPLETED", failed: "FAILED" };
const ENDED_CLUSTER_STATES = new Set(["TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS"]);

const ClusterInput = z.object({ ClusterId: z.string().min(1) });
const ListClustersInput = z.object({
  CreatedAfter: EpochSecondsInput.optional(),
  CreatedBefore: EpochSecondsInput.optional(),
  ClusterStates: z.array(z.string()).optional(),
  Marker: z.string().optional(),
});
const DescribeStepInput = ClusterInput.extend({ StepId: z.string().min(1) });
const ListStepsInput = ClusterInput.extend({
  StepStates: z.array(z.string()).optional(),
  StepIds: z.array(z.string()).optional(),
  Marker: z.string().optional(),
});
const AddJobFlowStepsInput = z.object({
  JobFlowId: z.string().min(1),
  Steps: z
    .array(
      z.object({
        Name: z.string().min(1),
        ActionOnFailure: z.string().optional(),
        HadoopJarStep: z.object({
          Jar: z.string().min(1),
          Args: z.array(z.string()).optional(),
          MainClass: z.string().optional(),
          Properties: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
        }),
      }),
    )
    .min(1)
    .max(256),
});

export const createEmrEmulator: EmulatorFactory = (scenario, context) => {
  const clusters = new Map<string, EmrCluster>(
    scenario.emr.clusters.map((seed) => [seed.id, seedCluster(seed, context.now())]),
  );
  const logBucket = `s3://aws-logs-${scenario.account_id}-${scenario.region}/elasticmapreduce`;

  const clusterWithId = (id: string): EmrCluster => {
    const cluster = clusters.get(id);
    if (!cluster) throw invalidRequest("INVALID_CLUSTER_ID", `Cluster id '${id}' is not valid.`);
    return cluster;
  };
  const readStep = (cluster: EmrCluster, step: EmrStep) => describeStep(cluster, step, context, logBucket);

  return createAwsJsonEmulator({
    service: "emr",
    version: "1.1",
    validationErrorCode: "ValidationException",
    handlers: {
      DescribeCluster: (input) => {
        const cluster = clusterWithId(ClusterInput.parse(input).ClusterId);
        return { Cluster: describeCluster(cluster, scenario, context, logBucket) };
      },
      ListClusters: (input) => {
        const request = ListClustersInput.parse(input);
        const listed = [...clusters.values()].filter(
          (cluster) =>
            (request.ClusterStates === undefined || request.ClusterStates.includes(cluster.seed.state)) &&
            (request.CreatedAfter === undefined || cluster.createdAt >= request.CreatedAfter) &&
            (request.CreatedBefore === undefined || cluster.createdAt <= request.CreatedBefore),
        );
        const { page, nextToken } = paginate(listed, request.Marker, PAGE_SIZE);
        return { Clusters: page.map((cluster) => summarizeCluster(cluster, scenario, context)), Marker: nextToken };
      },
      ListSteps: (input) => {
        const request = ListStepsInput.parse(input);
        const cluster = clusterWithId(request.ClusterId);
        const steps = cluster.steps
          .filter((step) => request.StepIds === undefined || request.StepIds.includes(step.id))
          .map((step) => readStep(cluster, step))
          .filter((step) => request.StepStates === undefined || request.StepStates.includes(step.Status.State));
        const { page, nextToken } = paginate(steps, request.Marker, PAGE_SIZE);
        return { Steps: page, Marker: nextToken };
      },
      DescribeStep: (input) => {
        const { ClusterId, StepId } = DescribeStepInput.parse(input);
        const cluster = clusterWithId(ClusterId);
        const step = cluster.steps.find((candidate) => candidate.id === StepId);
        if (!step) throw invalidRequest("INVALID_STEP_ID", `Step id '${StepId}' is not valid.`);
        return { Step: readStep(cluster, step) };
      },
      AddJobFlowSteps: (input) => {
        const request = AddJobFlowStepsInput.parse(input);
        const cluster = clusterWithId(request.JobFlowId);
        if (ENDED_CLUSTER_STATES.has(cluster.seed.state)) {
          throw new AwsJsonServiceError(
            400,
            "ValidationException",
            "A job flow that is shutting down, terminated, or finished may not be modified.",
          );
        }
        const added = request.Steps.map((step): AddedStep => ({
          kind: "added",
          id: `s-${randomChars(context.random, UPPER_ALNUM, 13)}`,
          name: step.Name,
          actionOnFailure: step.ActionOnFailure ?? "CONTINUE",
          jar: step.HadoopJarStep.Jar,
          args: step.HadoopJarStep.Args ?? [],
          mainClass: step.HadoopJarStep.MainClass,
          properties: Object.fromEntries((step.HadoopJarStep.Properties ?? []).map((p) => [p.Key, p.Value])),
          execution: new PolledExecution(cluster.outcomes.next(), context.now()),
        }));
        cluster.steps.unshift(...[...added].reverse());
        return { StepIds: added.map((step) => step.id) };
      },
    },
  });
};

function invalidRequest(errorCode: string, message: string): AwsJsonServiceError {
  return new AwsJsonServiceError(400, "InvalidRequestException", message, { ErrorCode: errorCode });
}

function seedCluster(seed: ClusterSeed, now: Date): EmrCluster {
  const stepTime = (step: StepSeed) => Date.parse(step.started ?? step.ended ?? "") || Number.POSITIVE_INFINITY;
  const steps = [...seed.steps]
    .sort((a, b) => stepTime(b) - stepTime(a))
    .map((step): SeededStep => ({
      kind: "seeded",
      id: step.id,
      seed: step,
      name: step.name,
      actionOnFailure: step.action_on_failure,
      jar: step.jar,
      args: step.args,
      mainClass: undefined,
      properties: {},
    }));
  const firstStart = Math.min(...seed.steps.map((step) => Date.parse(step.started ?? "") || Number.POSITIVE_INFINITY));
  // The scenario has no cluster creation time: place it before the first step (or an hour ago).
  const createdAt = new Date(Number.isFinite(firstStart) ? firstStart - 600_000 : now.getTime() - 3_600_000);
  return { seed, steps, outcomes: new OutcomeSequence(seed.on_rerun), createdAt };
}

/** ListClusters' ClusterSummary: the members DescribeCluster's Cluster shares with it. */
function summarizeCluster(cluster: EmrCluster, scenario: Scenario, context: EmulatorContext) {
  const { seed } = cluster;
  const lastEnd = Math.max(...seed.steps.map((step) => Date.parse(step.ended ?? "") || 0));
  const ended = seed.state.startsWith("TERMINATED")
    ? new Date(lastEnd > 0 ? lastEnd : context.now().getTime())
    : undefined;
  return {
    Id: seed.id,
    Name: seed.name,
    Status: {
      State: seed.state,
      StateChangeReason: { Code: seed.state_change_code, Message: seed.state_change_message },
      Timeline: {
        CreationDateTime: toEpochSeconds(cluster.createdAt),
        ReadyDateTime: toEpochSeconds(cluster.createdAt) + 300,
        EndDateTime: ended ? toEpochSeconds(ended) : undefined,
      },
    },
    NormalizedInstanceHours: 0,
    ClusterArn: `arn:aws:elasticmapreduce:${scenario.region}:${scenario.account_id}:cluster/${seed.id}`,
  };
}

function describeCluster(cluster: EmrCluster, scenario: Scenario, context: EmulatorContext, logBucket: string) {
  return {
    ...summarizeCluster(cluster, scenario, context),
    ReleaseLabel: cluster.seed.release_label,
    Applications: [{ Name: "Hadoop" }, { Name: "Spark" }],
    LogUri: `${logBucket}/`,
    AutoTerminate: false,
    TerminationProtected: false,
    VisibleToAllUsers: true,
    ServiceRole: "EMR_DefaultRole",
    StepConcurrencyLevel: 1,
  };
}

/** The Step shape (ListSteps' StepSummary has the same members); an added step counts one poll. */
function describeStep(cluster: EmrCluster, step: EmrStep, context: EmulatorContext, logBucket: string) {
  const config = {
    Jar: step.jar,
    Args: step.args,
    MainClass: step.mainClass,
    Properties: step.properties,
  };
  const status = step.kind === "seeded" ? seededStepStatus(step.seed) : addedStepStatus(step, context);
  if (status.FailureDetails && status.FailureDetails.LogFile === undefined && step.kind === "added") {
    status.FailureDetails.LogFile = `${logBucket}/${cluster.seed.id}/steps/${step.id}/`;
  }
  return { Id: step.id, Name: step.name, Config: config, ActionOnFailure: step.actionOnFailure, Status: status };
}

interface StepStatus {
  State: string;
  StateChangeReason: { Code?: string; Message?: string };
  FailureDetails?: { Reason?: string; Message?: string; LogFile?: string };
  Timeline: { CreationDateTime?: number; StartDateTime?: number; EndDateTime?: number };
}

function seededStepStatus(seed: StepSeed): StepStatus {
  const failed = seed.state === "FAILED" || seed.failure_reason !== undefined || seed.failure_message !== undefined;
  const started = epochSeconds(seed.started);
  return {
    State: seed.state,
    StateChangeReason: seed.failure_message ? { Message: seed.failure_message } : {},
    FailureDetails: failed
      ? { Reason: seed.failure_reason, Message: seed.failure_message, LogFile: seed.log_file }
      : undefined,
    Timeline: {
      CreationDateTime: started ?? epochSeconds(seed.ended),
      StartDateTime: started,
      EndDateTime: epochSeconds(seed.ended),
    },
  };
}

function addedStepStatus(step: AddedStep, context: EmulatorContext): StepStatus {
  const status = step.execution.read(context.now());
  const created = toEpochSeconds(status.startedAt);
  const state = stateName(status, EMR_STEP_STATES);
  if (!status.terminal) {
    const pending = state === EMR_STEP_STATES.queued;
    return {
      State: state,
      StateChangeReason: {},
      Timeline: { CreationDateTime: created, StartDateTime: pending ? undefined : created },
    };
  }
  const ended = status.completedAt ? toEpochSeconds(status.completedAt) : undefined;
  const timeline = { CreationDateTime: created, StartDateTime: created, EndDateTime: ended };
  if (status.state === "FAILED") {
    return {
      State: state,
      StateChangeReason: { Message: status.errorMessage },
      FailureDetails: { Reason: status.errorMessage, Message: status.errorMessage },
      Timeline: timeline,
    };
  }
  return { State: state, StateChangeReason: {}, Timeline: timeline };
}
