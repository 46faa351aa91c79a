/**
 * get_emr_logs: an Amazon EMR cluster's state and its recent (or one) steps with their failure
 * details.
 */
import {
  DescribeClusterCommand,
  DescribeStepCommand,
  ListStepsCommand,
  type Step,
  type StepSummary,
} from "@aws-sdk/client-emr";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { isoOrNull } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime } from "../schemas.js";

export const GetEmrLogsInput = z.object({
  cluster_id: z.string().min(1),
  step_id: z.string().optional(),
  max_steps: z.number().int().min(1).max(50).default(10),
});
export const EmrStepSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(), // PENDING | RUNNING | COMPLETED | CANCELLED | FAILED | INTERRUPTED
  failure_reason: z.string().nullable(),
  failure_message: z.string().nullable(),
  log_file: z.string().nullable(),
  started: isoTime.nullable(),
  ended: isoTime.nullable(),
});
export const GetEmrLogsOutput = z.object({
  cluster: z.object({
    id: z.string(),
    name: z.string(),
    state: z.string(), // STARTING | BOOTSTRAPPING | RUNNING | WAITING | TERMINATING | TERMINATED | TERMINATED_WITH_ERRORS
    state_change_code: z.string().nullable(),
    state_change_message: z.string().nullable(),
  }),
  /** Newest first. */
  steps: z.array(EmrStepSchema),
});

export const getEmrLogsTool = defineTool({
  name: "get_emr_logs",
  title: "EMR cluster and steps",
  description:
    "Read-only. An Amazon EMR cluster's state and state-change reason, and its most recent steps newest first " +
    "(or one step by step_id) with state, failure reason, failure message and the log file location.",
  mutating: false,
  input: GetEmrLogsInput,
  output: GetEmrLogsOutput,
  run: getEmrLogs,
});

export async function getEmrLogs(
  clients: AwsClients,
  input: z.infer<typeof GetEmrLogsInput>,
): Promise<z.infer<typeof GetEmrLogsOutput>> {
  // The recent steps always come back, with the requested step added when it is older: a failed
  // step is only understood next to what ran after it (a later success means it already recovered).
  const [described, recent, requested] = await Promise.all([
    clients.emr.send(new DescribeClusterCommand({ ClusterId: input.cluster_id })),
    listSteps(clients, input.cluster_id, input.max_steps),
    input.step_id
      ? clients.emr
          .send(new DescribeStepCommand({ ClusterId: input.cluster_id, StepId: input.step_id }))
          .then((out) => out.Step ?? null)
      : Promise.resolve(null),
  ]);
  const listed = newestFirst(recent).slice(0, input.max_steps);
  const steps = requested && !listed.some((step) => step.Id === requested.Id) ? [...listed, requested] : listed;
  const cluster = described.Cluster;
  return {
    cluster: {
      id: cluster?.Id ?? input.cluster_id,
      name: cluster?.Name ?? "",
      state: cluster?.Status?.State ?? "UNKNOWN",
      state_change_code: cluster?.Status?.StateChangeReason?.Code ?? null,
      state_change_message: cluster?.Status?.StateChangeReason?.Message ?? null,
    },
    steps: newestFirst(steps).map(toEmrStep),
  };
}

async function listSteps(clients: AwsClients, clusterId: string, maxSteps: number): Promise<StepSummary[]> {
  const steps: StepSummary[] = [];
  let marker: string | undefined;
  do {
    const out = await clients.emr.send(
      new ListStepsCommand({ ClusterId: clusterId, ...(marker ? { Marker: marker } : {}) }),
    );
    steps.push(...(out.Steps ?? []));
    marker = out.Marker;
  } while (marker && steps.length < maxSteps);
  return steps;
}

/** ListSteps is newest first already; sorting keeps that true whatever the page order. */
function newestFirst<T extends Step | StepSummary>(steps: T[]): T[] {
  const created = (step: T): number => step.Status?.Timeline?.CreationDateTime?.getTime() ?? 0;
  return [...steps].sort((a, b) => created(b) - created(a));
}

function toEmrStep(step: Step | StepSummary): z.infer<typeof EmrStepSchema> {
  const status = step.Status;
  return {
    id: step.Id ?? "",
    name: step.Name ?? "",
    state: status?.State ?? "UNKNOWN",
    failure_reason: status?.FailureDetails?.Reason ?? null,
    failure_message: status?.FailureDetails?.Message ?? null,
    log_file: status?.FailureDetails?.LogFile ?? null,
    started: isoOrNull(status?.Timeline?.StartDateTime),
    ended: isoOrNull(status?.Timeline?.EndDateTime),
  };
}
