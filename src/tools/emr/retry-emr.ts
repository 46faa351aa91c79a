/**
 * retry_emr: a failed EMR step added to its cluster again, as a new step with the same
 * configuration, named after its idempotency key so a repeat finds it instead of adding another.
 */
import { AddJobFlowStepsCommand, DescribeStepCommand, ListStepsCommand } from "@aws-sdk/client-emr";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { defineTool } from "../definition.js";
import { idempotencyKey } from "../schemas.js";

/** ListSteps answers 50 steps a page, newest first; a retry looks this far back for its own step. */
const IDEMPOTENCY_SCAN_PAGES = 10;
/** EMR step names stop at 256 characters. */
const MAX_STEP_NAME = 256;

export const RetryEmrInput = z.object({
  cluster_id: z.string().min(1),
  step_id: z.string().min(1).describe("The failed step to add again with the same configuration"),
  idempotency_key: idempotencyKey,
});
export const RetryEmrOutput = z.object({
  cluster_id: z.string(),
  original_step_id: z.string(),
  step_id: z.string(),
  reused: z.boolean(),
});

export const retryEmrTool = defineTool({
  name: "retry_emr",
  title: "Re-add a failed EMR step",
  description:
    "MUTATING. Adds a failed Amazon EMR step to its cluster again with the same jar, arguments and main class, " +
    "named '<original name> [<idempotency_key>]' and ActionOnFailure CONTINUE. Idempotent: if a step with that " +
    "name suffix exists it is returned (reused: true). Does not wait for the step to finish.",
  mutating: true,
  input: RetryEmrInput,
  output: RetryEmrOutput,
  run: retryEmr,
});

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
