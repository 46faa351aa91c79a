/**
 * The CloudWatch Logs a scenario's Glue runs wrote: each run's `error_log` becomes the stream
 * `<run id>` of `/aws-glue/jobs/error`, as Glue writes a job's stderr. Shared knowledge of the Glue and
 * Logs emulators, so it lives apart from both.
 */
import type { Scenario } from "../scenario.js";

export const GLUE_ERROR_LOG_GROUP = "/aws-glue/jobs/error";

export interface SeededLogEvent {
  readonly timestamp: number;
  readonly message: string;
}

export interface SeededLogStream {
  readonly name: string;
  readonly events: readonly SeededLogEvent[];
}

/** One stream per run that has error log lines; plain lines are spaced 1 s apart after started_on. */
export function glueErrorLogStreams(jobs: Scenario["glue"]["jobs"]): SeededLogStream[] {
  return jobs.flatMap((job) =>
    job.runs
      .filter((run) => run.error_log.length > 0)
      .map((run) => {
        const startedOn = Date.parse(run.started_on);
        const events = run.error_log.map((line, index) =>
          typeof line === "string"
            ? { timestamp: startedOn + (index + 1) * 1000, message: line }
            : { timestamp: Date.parse(line.timestamp), message: line.message },
        );
        return { name: run.id, events };
      }),
  );
}
