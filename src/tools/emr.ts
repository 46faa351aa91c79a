/**
 * EMR tools: a cluster's state and its recent (or one) steps with their failure details, and an
 * idempotent re-run of a failed step as a new step with the same configuration.
 */
import {
  AddJobFlowStepsCommand,
  DescribeClusterCommand,
  DescribeStepCommand,
  ListStepsCommand,
  type Step,
  type StepSummary,
} from "@aws-sdk/client-emr";
import type { z } from "zod";
import type { AwsClients } from "./aws-clients.js";
import { isoOrNull } from "./convert.js";
import type { EmrStepSchema, GetEmrLogsInput, GetEmrLogsOutput, RetryEmrInput, RetryEmrOutput } from "./schemas.js";

/** ListSteps answers 50 steps a page, newest first; a retry looks this far back for its own step. */
const IDEMPOTENCY_SCAN_PAGES = 10;
/** EMR step names stop at 256 characters. */
const MAX_STEP_NAME = 256;

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

export async function retryEmr(
  clients: AwsClients,
  input: z.infer<typeof RetryEmrInput>,
): Promise<z.infer<typeof RetryEmrOutput>> {
  const described = await clients.emr.send(
    new DescribeStepCommand({ ClusterId: input.cluster_id, StepId: input.step_id }),
  );
  const original = described.Step;
  const config = original?.Config;
  if (!original || !config?.Jar) throw new Error(`DescribeStep ${input.step_id} returned no step configuration`);
  const suffix = `[${input.idempotency_key}]`;
  const existing = await findStepNamedWith(clients, input.cluster_id, suffix);
  const reply = (stepId: string, reused: boolean) => ({
    cluster_id: input.cluster_id,
    original_step_id: input.step_id,
    step_id: stepId,
    reused,
  });
  if (existing) return reply(existing, true);
  const properties = Object.entries(config.Properties ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const added = await clients.emr.send(
    new AddJobFlowStepsCommand({
      JobFlowId: input.cluster_id,
      Steps: [
        {
          Name: retryStepName(original.Name ?? input.step_id, suffix),
          // A failed re-run must never take the cluster down with it.
          ActionOnFailure: "CONTINUE",
          HadoopJarStep: {
            Jar: config.Jar,
            Args: config.Args ?? [],
            ...(config.MainClass ? { MainClass: config.MainClass } : {}),
            ...(properties.length > 0 ? { Properties: properties } : {}),
          },
        },
      ],
    }),
  );
  const stepId = added.StepIds?.[0];
  if (!stepId) throw new Error(`AddJobFlowSteps on ${input.cluster_id} returned no step id`);
  return reply(stepId, false);
}

/** `${name} [key]`, the name cut so the key (what makes the step findable) always fits. */
export function retryStepName(name: string, suffix: string): string {
  return `${name.slice(0, MAX_STEP_NAME - suffix.length - 1)} ${suffix}`;
}

async function findStepNamedWith(clients: AwsClients, clusterId: string, suffix: string): Promise<string | undefined> {
  let marker: string | undefined;
  for (let page = 0; page < IDEMPOTENCY_SCAN_PAGES; page += 1) {
    const out = await clients.emr.send(
      new ListStepsCommand({ ClusterId: clusterId, ...(marker ? { Marker: marker } : {}) }),
    );
    const match = out.Steps?.find((step) => step.Name?.endsWith(suffix));
    if (match?.Id) return match.Id;
    marker = out.Marker;
    if (!marker) return undefined;
  }
  return undefined;
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
