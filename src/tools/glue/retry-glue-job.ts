/**
 * retry_glue_job: an idempotent re-run of a Glue job. Glue has no client token, so the key travels
 * as a job argument and a retry first looks for a run carrying it.
 */
import { GetJobRunsCommand, StartJobRunCommand } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { defineTool } from "../definition.js";
import { idempotencyKey } from "../schemas.js";

/** Glue has no client token: this job argument makes our runs findable, so a retry is done once. */
export const GLUE_IDEMPOTENCY_ARGUMENT = "--incident_orchestrator_idempotency_key";
/** How far back a retry looks for a run carrying its key (GetJobRuns pages of 200). */
const IDEMPOTENCY_SCAN_PAGES = 5;

export const RetryGlueJobInput = z.object({
  job_name: z.string().min(1),
  arguments: z.record(z.string(), z.string()).optional(),
  idempotency_key: idempotencyKey,
});
export const RetryGlueJobOutput = z.object({
  job_name: z.string(),
  run_id: z.string(),
  /** true when a run carrying this idempotency key already existed and was returned instead of starting another. */
  reused: z.boolean(),
});

export const retryGlueJobTool = defineTool({
  name: "retry_glue_job",
  title: "Retry a Glue job",
  description:
    "MUTATING. Starts a new run of an AWS Glue job (with optional extra job arguments) and returns its run id. " +
    "Idempotent: the idempotency_key is stored as a job argument, and if a run with that key already exists it is " +
    "returned (reused: true) instead of starting another. Does not wait for the run to finish.",
  mutating: true,
  input: RetryGlueJobInput,
  output: RetryGlueJobOutput,
  run: retryGlueJob,
});

export async function retryGlueJob(
  clients: AwsClients,
  input: z.infer<typeof RetryGlueJobInput>,
): Promise<z.infer<typeof RetryGlueJobOutput>> {
  const existing = await findRunWithKey(clients, input.job_name, input.idempotency_key);
  if (existing) return { job_name: input.job_name, run_id: existing, reused: true };
  const started = await clients.glue.send(
    new StartJobRunCommand({
      JobName: input.job_name,
      Arguments: { ...input.arguments, [GLUE_IDEMPOTENCY_ARGUMENT]: input.idempotency_key },
    }),
  );
  if (!started.JobRunId) throw new Error(`StartJobRun for ${input.job_name} returned no JobRunId`);
  return { job_name: input.job_name, run_id: started.JobRunId, reused: false };
}

async function findRunWithKey(clients: AwsClients, jobName: string, key: string): Promise<string | undefined> {
  let nextToken: string | undefined;
  for (let page = 0; page < IDEMPOTENCY_SCAN_PAGES; page += 1) {
    const out = await clients.glue.send(
      new GetJobRunsCommand({ JobName: jobName, MaxResults: 200, ...(nextToken ? { NextToken: nextToken } : {}) }),
    );
    const match = out.JobRuns?.find((run) => run.Arguments?.[GLUE_IDEMPOTENCY_ARGUMENT] === key);
    if (match?.Id) return match.Id;
    nextToken = out.NextToken;
    if (!nextToken) return undefined;
  }
  return undefined;
}
