/**
 * Re-run a Glue job (retry_glue_job). A job's arguments can change what it runs
 * (`--extra-py-files`, `--scriptLocation`, `--conf`…), so a re-run takes either arguments whose
 * names are allow-listed (`remediation.allowed_arguments.glue_jobs`) or exactly the arguments of
 * one of the job's own recent runs — the re-run of a failed run with its own `--date` and paths,
 * which is what the investigation proposes.
 */
import { GetJobRunsCommand } from "@aws-sdk/client-glue";
import { bindTo } from "../subject/binding.js";
import { GLUE_SUCCEEDED_STATE, GLUE_UNSUCCESSFUL_END_STATES } from "../tools/glue/run-states.js";
import { GLUE_IDEMPOTENCY_ARGUMENT, RetryGlueJobInput } from "../tools/glue/retry-glue-job.js";
import {
  defineRemediation,
  field,
  findState,
  listNames,
  namedBy,
  nonEmpty,
  records,
  str,
  type ArgumentCheck,
  type RunArguments,
} from "./definition.js";
import { describeReadFailure } from "./read-failure.js";

/** One GetJobRuns page: far more than the investigation looks at (get_glue_logs reads at most 20). */
const RECENT_RUNS = 200;

export const glueJobRerun = defineRemediation({
  tool: "retry_glue_job",
  resourceType: "glue_job",
  allowListKey: "glue_jobs",
  editSchema: RetryGlueJobInput.omit({ idempotency_key: true }).strict(),
  namedResource: namedBy("job_name", "glue_job"),
  bindSubject: (subject, args) => bindTo(subject, "glue_job", nonEmpty(args.job_name)),
  argumentPolicy: {
    configKey: "glue_jobs",
    check: (args, allowedNames, ownRuns) => checkGlueArguments(args.arguments, allowedNames, ownRuns),
    async readOwnRuns(clients, jobName) {
      try {
        const out = await clients.glue.send(new GetJobRunsCommand({ JobName: jobName, MaxResults: RECENT_RUNS }));
        return { value: (out.JobRuns ?? []).map((run) => run.Arguments ?? {}) };
      } catch (error) {
        return { error: `reading the job's recent runs failed: ${describeReadFailure(error)}` };
      }
    },
  },
  verification: {
    statusTool: "get_glue_logs",
    executionId: (started) => str(started.run_id),
    statusArgs: (args, runId) => ({ job_name: args.job_name, run_id: runId, max_runs: 1, log_lines: 5 }),
    status: (output, runId) => findState(output.runs, "id", runId),
    verdict: (status) =>
      status === GLUE_SUCCEEDED_STATE ? "succeeded" : GLUE_UNSUCCESSFUL_END_STATES.has(status) ? "failed" : null,
  },
  keyLookup: {
    tool: "get_glue_logs",
    // The newest 20 runs: a run we started for this incident is among the latest.
    args: (args) => ({ job_name: args.job_name, max_runs: 20, log_lines: 0 }),
    executionId: (output, key) => {
      const run = records(output.runs).find((item) => field(item.arguments, GLUE_IDEMPOTENCY_ARGUMENT) === key);
      return str(run?.id);
    },
  },
});

function checkGlueArguments(
  value: unknown,
  allowedNames: readonly string[],
  ownRunArguments: readonly RunArguments[],
): ArgumentCheck {
  if (value === undefined) return { permitted: true };
  if (!isStringRecord(value)) {
    return { permitted: false, message: "Glue job arguments must be an object of string values." };
  }
  // The tool sets the idempotency argument itself, overwriting whatever was passed under its name.
  const names = Object.keys(value).filter((name) => name !== GLUE_IDEMPOTENCY_ARGUMENT);
  const refused = names.filter((name) => !allowedNames.includes(name));
  if (refused.length === 0) return { permitted: true };
  if (ownRunArguments.some((run) => sameArguments(run, value))) return { permitted: true };
  return {
    permitted: false,
    message:
      `Glue job argument(s) ${listNames(refused)} are not on remediation.allowed_arguments.glue_jobs, ` +
      `and the arguments are not those of one of the job's own recent runs.`,
  };
}

/** Equal as argument maps, leaving out the idempotency argument (the tool sets its own). */
function sameArguments(run: RunArguments, given: Readonly<Record<string, string>>): boolean {
  const relevant = (record: RunArguments) =>
    Object.entries(record).filter(([name]) => name !== GLUE_IDEMPOTENCY_ARGUMENT);
  const a = relevant(run);
  const b = relevant(given);
  return a.length === b.length && a.every(([name, value]) => Object.hasOwn(given, name) && given[name] === value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === "string")
  );
}
