/**
 * get_glue_logs: a Glue job's configuration and recent runs, with the error log of the failed one.
 */
import { GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetJobCommand, GetJobRunCommand, GetJobRunsCommand, type JobRun } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { isAwsErrorNamed, isoOrNull } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime, LogLineSchema, type LogLine } from "../schemas.js";
import { GLUE_FAILED_STATES } from "./run-states.js";

const GLUE_ERROR_LOG_GROUP = "/aws-glue/jobs/error";

export const GetGlueLogsInput = z.object({
  job_name: z.string().min(1),
  run_id: z.string().optional().describe("A specific run (jr_...); otherwise the most recent runs"),
  max_runs: z.number().int().min(1).max(20).default(5),
  log_lines: z.number().int().min(0).max(200).default(40),
});
export const GlueRunSchema = z.object({
  id: z.string(),
  state: z.string(), // STARTING | RUNNING | STOPPING | STOPPED | SUCCEEDED | FAILED | TIMEOUT | ERROR | WAITING | EXPIRED
  started_on: isoTime.nullable(),
  completed_on: isoTime.nullable(),
  execution_time_s: z.number().nullable(),
  error_message: z.string().nullable(),
  attempt: z.number().int(),
  arguments: z.record(z.string(), z.string()),
});
export const GetGlueLogsOutput = z.object({
  job_name: z.string(),
  job: z.object({
    max_retries: z.number().int(),
    timeout_min: z.number().nullable(),
    worker_type: z.string().nullable(),
    number_of_workers: z.number().nullable(),
  }),
  /** Newest first. */
  runs: z.array(GlueRunSchema),
  /** Error log lines (/aws-glue/jobs/error, stream = run id) of the requested or latest failed run. */
  log_run_id: z.string().nullable(),
  log_excerpt: z.array(LogLineSchema),
});

export const getGlueLogsTool = defineTool({
  name: "get_glue_logs",
  title: "Glue job runs and error log",
  description:
    "Read-only. An AWS Glue job's configuration (max retries, timeout, workers) and its most recent runs, newest " +
    "first (state, error message, duration, attempt, arguments), or one run by run_id; plus the last lines of the " +
    "error log (/aws-glue/jobs/error) of that run or of the latest FAILED/TIMEOUT/ERROR run.",
  mutating: false,
  input: GetGlueLogsInput,
  output: GetGlueLogsOutput,
  run: getGlueLogs,
});

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
  const logRunId = input.run_id ?? runs.find((run) => GLUE_FAILED_STATES.has(run.JobRunState ?? ""))?.Id ?? null;
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

/** The last lines of the run's error stream; a run that never logged has no group or stream. */
async function errorLog(clients: AwsClients, runId: string, lines: number): Promise<LogLine[]> {
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
