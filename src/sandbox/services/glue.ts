/**
 * AWS Glue (JSON 1.1, `AWSGlue.`): jobs and their runs from `scenario.glue.jobs`. StartJobRun adds a
 * run whose progress follows the job's `on_rerun` (see ../remediation-outcomes.ts). ListJobs pages
 * the job names in scenario order.
 */
import { z } from "zod";
import {
  AwsJsonServiceError,
  createAwsJsonEmulator,
  epochSeconds,
  HEX,
  paginate,
  randomChars,
  toEpochSeconds,
} from "../protocols/aws-json.js";
import { OutcomeSequence, PolledExecution, stateName, type StateNames } from "../remediation-outcomes.js";
import type { Scenario } from "../scenario.js";
import type { EmulatorContext, EmulatorFactory } from "../types.js";
import { GLUE_SUCCEEDED_STATE, GLUE_UNSUCCESSFUL_END_STATES } from "../../tools/glue/run-states.js";

type JobSeed = Scenario["glue"]["jobs"][number];
type RunSeed = JobSeed["runs"][number];

interface SeededRun {
  readonly kind: "seeded";
  readonly id: string;
  readonly seed: RunSeed;
  stoppedAt?: Date;
}

interface StartedRun {
  readonly kind: "started";
  readonly id: string;
  readonly startedOn: Date;
  readonly arguments: Record<string, string>;
  readonly previousRunId: string | undefined;
  readonly execution: PolledExecution;
  stoppedAt?: Date;
}

type GlueRun = SeededRun | StartedRun;

interface GlueJob {
  readonly seed: JobSeed;
  /** Newest first. */
  readonly runs: GlueRun[];
  readonly outcomes: OutcomeSequence;
}

const GLUE_VERSION = "4.0";
const GLUE_STATES: StateNames = { queued: "STARTING", running: "RUNNING", succeeded: "SUCCEEDED", failed: "FAILED" };
const DEFAULT_PAGE_SIZE = 100;
/** A seeded run in one of these has ended: it stays as seeded instead of progressing. */
const TERMINAL_SEEDED_STATES: ReadonlySet<string> = new Set([GLUE_SUCCEEDED_STATE, ...GLUE_UNSUCCESSFUL_END_STATES]);

const JobNameInput = z.object({ JobName: z.string().min(1) });
const ListJobsInput = z.object({
  NextToken: z.string().optional(),
  MaxResults: z.number().int().min(1).max(1000).optional(),
  Tags: z.record(z.string(), z.string()).optional(),
});
const GetJobInput = z.object({ JobName: z.string().min(1) });
const GetJobRunInput = JobNameInput.extend({ RunId: z.string().min(1) });
const GetJobRunsInput = JobNameInput.extend({
  NextToken: z.string().optional(),
  MaxResults: z.number().int().min(1).max(200).optional(),
});
const StartJobRunInput = JobNameInput.extend({
  JobRunId: z.string().optional(),
  Arguments: z.record(z.string(), z.string()).optional(),
});
const BatchStopJobRunInput = JobNameInput.extend({ JobRunIds: z.array(z.string()).min(1).max(25) });

export const createGlueEmulator: EmulatorFactory = (scenario, context) => {
  const jobs = new Map<string, GlueJob>(
    scenario.glue.jobs.map((seed) => [
      seed.name,
      {
        seed,
        runs: [...seed.runs]
          .sort((a, b) => Date.parse(b.started_on) - Date.parse(a.started_on))
          .map((run): GlueRun => ({ kind: "seeded", id: run.id, seed: run })),
        outcomes: new OutcomeSequence(seed.on_rerun),
      },
    ]),
  );

  const jobNamed = (name: string): GlueJob => {
    const job = jobs.get(name);
    if (!job) throw new AwsJsonServiceError(400, "EntityNotFoundException", `Job ${name} not found`);
    return job;
  };
  const runOf = (job: GlueJob, runId: string): GlueRun => {
    const run = job.runs.find((candidate) => candidate.id === runId);
    if (!run) throw new AwsJsonServiceError(400, "EntityNotFoundException", `Job run ${runId} not found`);
    return run;
  };

  return createAwsJsonEmulator({
    service: "glue",
    version: "1.1",
    validationErrorCode: "InvalidInputException",
    handlers: {
      GetJob: (input) => {
        const { JobName } = GetJobInput.parse(input);
        return { Job: describeJob(jobNamed(JobName), scenario) };
      },
      ListJobs: (input) => {
        const { NextToken, MaxResults, Tags } = ListJobsInput.parse(input);
        // Scenario jobs carry no tags: a tag filter matches none of them, as it would untagged jobs.
        const names = Tags && Object.keys(Tags).length > 0 ? [] : [...jobs.keys()];
        const { page, nextToken } = paginate(names, NextToken, MaxResults ?? DEFAULT_PAGE_SIZE);
        return { JobNames: page, NextToken: nextToken };
      },
      GetJobRun: (input) => {
        const { JobName, RunId } = GetJobRunInput.parse(input);
        const job = jobNamed(JobName);
        return { JobRun: readRun(job, runOf(job, RunId), context) };
      },
      GetJobRuns: (input) => {
        const { JobName, NextToken, MaxResults } = GetJobRunsInput.parse(input);
        const job = jobNamed(JobName);
        const { page, nextToken } = paginate(job.runs, NextToken, MaxResults ?? DEFAULT_PAGE_SIZE);
        return { JobRuns: page.map((run) => readRun(job, run, context)), NextToken: nextToken };
      },
      StartJobRun: (input) => {
        const { JobName, JobRunId, Arguments } = StartJobRunInput.parse(input);
        const job = jobNamed(JobName);
        if (JobRunId !== undefined) runOf(job, JobRunId);
        const startedOn = context.now();
        const run: StartedRun = {
          kind: "started",
          id: `jr_${randomChars(context.random, HEX, 64)}`,
          startedOn,
          arguments: { ...(Arguments ?? {}) },
          previousRunId: JobRunId,
          execution: new PolledExecution(job.outcomes.next(), startedOn),
        };
        job.runs.unshift(run);
        return { JobRunId: run.id };
      },
      BatchStopJobRun: (input) => {
        const { JobName, JobRunIds } = BatchStopJobRunInput.parse(input);
        const job = jobNamed(JobName);
        const stopped: { JobName: string; JobRunId: string }[] = [];
        const errors: {
          JobName: string;
          JobRunId: string;
          ErrorDetail: { ErrorCode: string; ErrorMessage: string };
        }[] = [];
        for (const runId of JobRunIds) {
          const run = job.runs.find((candidate) => candidate.id === runId);
          if (!run) {
            errors.push({ JobName, JobRunId: runId, ErrorDetail: detail("EntityNotFoundException", "Run not found") });
          } else if (isTerminal(run)) {
            errors.push({ JobName, JobRunId: runId, ErrorDetail: detail("InvalidInputException", "Run is finished") });
          } else {
            run.stoppedAt = context.now();
            stopped.push({ JobName, JobRunId: runId });
          }
        }
        return { SuccessfulSubmissions: stopped, Errors: errors };
      },
    },
  });
};

function detail(code: string, message: string): { ErrorCode: string; ErrorMessage: string } {
  return { ErrorCode: code, ErrorMessage: message };
}

function isTerminal(run: GlueRun): boolean {
  if (run.stoppedAt) return true;
  return run.kind === "seeded" ? TERMINAL_SEEDED_STATES.has(run.seed.state) : run.execution.peek().terminal;
}

function describeJob(job: GlueJob, scenario: Scenario): Record<string, unknown> {
  const { seed } = job;
  const firstRun = Math.min(...seed.runs.map((run) => Date.parse(run.started_on)));
  const createdOn = Number.isFinite(firstRun) ? new Date(firstRun - 86_400_000) : new Date(0);
  return {
    Name: seed.name,
    Role: `arn:aws:iam::${scenario.account_id}:role/glue-${seed.name}`,
    CreatedOn: toEpochSeconds(createdOn),
    LastModifiedOn: toEpochSeconds(createdOn),
    Command: {
      Name: "glueetl",
      ScriptLocation: `s3://aws-glue-assets-${scenario.account_id}-${scenario.region}/scripts/${seed.name}.py`,
      PythonVersion: "3",
    },
    DefaultArguments: {},
    ExecutionProperty: { MaxConcurrentRuns: 1 },
    MaxRetries: seed.max_retries,
    Timeout: seed.timeout_min,
    WorkerType: seed.worker_type,
    NumberOfWorkers: seed.number_of_workers,
    GlueVersion: GLUE_VERSION,
    ExecutionClass: "STANDARD",
  };
}

/** The run's JobRun shape; a started run counts this as one status poll. */
function readRun(job: GlueJob, run: GlueRun, context: EmulatorContext): Record<string, unknown> {
  const common = {
    Id: run.id,
    JobName: job.seed.name,
    JobMode: "SCRIPT",
    PredecessorRuns: [],
    Timeout: job.seed.timeout_min,
    WorkerType: job.seed.worker_type,
    NumberOfWorkers: job.seed.number_of_workers,
    MaxCapacity: job.seed.number_of_workers,
    GlueVersion: GLUE_VERSION,
    LogGroupName: "/aws-glue/jobs",
    ExecutionClass: "STANDARD",
  };
  return run.kind === "seeded"
    ? { ...common, ...seededRunFields(run) }
    : { ...common, ...startedRunFields(run, context) };
}

function seededRunFields(run: SeededRun): Record<string, unknown> {
  const { seed } = run;
  const completedOn = run.stoppedAt ? toEpochSeconds(run.stoppedAt) : epochSeconds(seed.completed_on);
  const startedOn = epochSeconds(seed.started_on) ?? 0;
  return {
    Attempt: seed.attempt,
    StartedOn: startedOn,
    LastModifiedOn: completedOn ?? startedOn,
    CompletedOn: completedOn,
    JobRunState: run.stoppedAt ? "STOPPED" : seed.state,
    Arguments: seed.arguments,
    ErrorMessage: seed.error_message,
    ExecutionTime: completedOn === undefined ? 0 : Math.round(completedOn - startedOn),
  };
}

function startedRunFields(run: StartedRun, context: EmulatorContext): Record<string, unknown> {
  const status = run.stoppedAt ? undefined : run.execution.read(context.now());
  const completedAt = run.stoppedAt ?? status?.completedAt;
  const state = status ? stateName(status, GLUE_STATES) : "STOPPED";
  const startedOn = toEpochSeconds(run.startedOn);
  return {
    Attempt: 0,
    PreviousRunId: run.previousRunId,
    StartedOn: startedOn,
    LastModifiedOn: toEpochSeconds(completedAt ?? run.startedOn),
    CompletedOn: completedAt ? toEpochSeconds(completedAt) : undefined,
    JobRunState: state,
    Arguments: run.arguments,
    ErrorMessage: status?.errorMessage,
    ExecutionTime: completedAt ? Math.round((completedAt.getTime() - run.startedOn.getTime()) / 1000) : 0,
  };
}
