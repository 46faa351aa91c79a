/**
 * Glue tools: a job's recent runs with the error log of the failed one, and an idempotent re-run.
 */
import { GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  GetJobCommand,
  GetJobRunCommand,
  GetJobRunsCommand,
  StartJobRunCommand,
  type JobRun,
} from "@aws-sdk/client-glue";
import type { z } from "zod";
import type { AwsClients } from "./aws-clients.js";
import { isAwsErrorNamed, isoOrNull } from "./convert.js";
import type {
  GetGlueLogsInput,
  GetGlueLogsOutput,
  GlueRunSchema,
  LogLineSchema,
  RetryGlueJobInput,
  RetryGlueJobOutput,
} from "./schemas.js";

/** Glue has no client token: this job argument makes our runs findable, so a retry is done once. */
export const GLUE_IDEMPOTENCY_ARGUMENT = "--incident_orchestrator_idempotency_key";
const GLUE_ERROR_LOG_GROUP = "/aws-glue/jobs/error";
const FAILED_STATES = new Set(["FAILED", "TIMEOUT", "ERROR"]);
/** How far back a retry looks for a run carrying its key (GetJobRuns pages of 200). */
const IDEMPOTENCY_SCAN_PAGES = 5;

export async function getGlueLogs(
  clients: AwsClients,
  input: z.infer<typeof GetGlueLogsInput>,
): Promise<z.infer<typeof GetGlueLogsOutput>> {
  // The recent runs always come back, with the requested run added when it is older: a failed run
  // is only understood next to what ran after it (a later success means it already recovered).
  const [job, recent, requested] = await Promise.all([
    clients.glue.send(new GetJobCommand({ JobName: input.job_name })),
    clients.glue
      .send(new GetJobRunsCommand({ JobName: input.job_name, MaxResults: input.max_runs }))
      .then((out) => newestFirst(out.JobRuns ?? []).slice(0, input.max_runs)),
    input.run_id
      ? clients.glue
          .send(new GetJobRunCommand({ JobName: input.job_name, RunId: input.run_id }))
          .then((out) => out.JobRun ?? null)
      : Promise.resolve(null),
  ]);
  const runs =
    requested && !recent.some((run) => run.Id === requested.Id) ? newestFirst([...recent, requested]) : recent;
  const logRunId = input.run_id ?? runs.find((run) => FAILED_STATES.has(run.JobRunState ?? ""))?.Id ?? null;
  const logExcerpt = logRunId ? await errorLog(clients, logRunId, input.log_lines) : [];
  return {
    job_name: input.job_name,
    job: {
      max_retries: job.Job?.MaxRetries ?? 0,
      timeout_min: job.Job?.Timeout ?? null,
      worker_type: job.Job?.WorkerType ?? null,
      number_of_workers: job.Job?.NumberOfWorkers ?? null,
    },
    runs: runs.map(toGlueRun),
    log_run_id: logRunId,
    log_excerpt: logExcerpt,
  };
}

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

/** The last lines of the run's error stream; a run that never logged has no group or stream. */
async function errorLog(clients: AwsClients, runId: string, lines: number): Promise<z.infer<typeof LogLineSchema>[]> {
  if (lines <= 0) return [];
  try {
    const out = await clients.logs.send(
      new GetLogEventsCommand({
        logGroupName: GLUE_ERROR_LOG_GROUP,
        logStreamName: runId,
        limit: lines,
        startFromHead: false,
      }),
    );
    return (out.events ?? []).slice(-lines).map((event) => ({
      timestamp: new Date(event.timestamp ?? 0).toISOString(),
      message: (event.message ?? "").trimEnd(),
    }));
  } catch (error) {
    if (isAwsErrorNamed(error, "ResourceNotFoundException")) return [];
    throw error;
  }
}

function newestFirst(runs: JobRun[]): JobRun[] {
  return [...runs].sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0));
}

function toGlueRun(run: JobRun): z.infer<typeof GlueRunSchema> {
  return {
    id: run.Id ?? "",
    state: run.JobRunState ?? "UNKNOWN",
    started_on: isoOrNull(run.StartedOn),
    completed_on: isoOrNull(run.CompletedOn),
    execution_time_s: run.ExecutionTime ?? null,
    error_message: run.ErrorMessage ?? null,
    attempt: run.Attempt ?? 0,
    arguments: run.Arguments ?? {},
  };
}
