/**
 * How each mutating tool's work is verified: which read-only tool reads its status, with what
 * arguments, and which states are terminal. Mutating tools start work and return its id; this is
 * the read side of that contract.
 */
import type { MutatingToolName, ReadOnlyToolName } from "../tools/names.js";

export type Verdict = "succeeded" | "failed" | null;

export interface Verifier {
  readonly statusTool: ReadOnlyToolName;
  /** The id of what the mutating tool started, from its output. */
  executionId(started: Record<string, unknown>): string | null;
  statusArgs(args: Record<string, unknown>, executionId: string): Record<string, unknown>;
  /** The current state of that execution in the status tool's output, or null when it is not there. */
  status(output: Record<string, unknown>, executionId: string): string | null;
  verdict(status: string): Verdict;
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
    : [];

const findState = (list: unknown, idKey: string, id: string, stateKey = "state"): string | null =>
  str(records(list).find((item) => item[idKey] === id)?.[stateKey]);

export const VERIFIERS: Record<MutatingToolName, Verifier> = {
  retry_glue_job: {
    statusTool: "get_glue_logs",
    executionId: (started) => str(started.run_id),
    statusArgs: (args, runId) => ({ job_name: args.job_name, run_id: runId, max_runs: 1, log_lines: 5 }),
    status: (output, runId) => findState(output.runs, "id", runId),
    verdict: (status) =>
      status === "SUCCEEDED"
        ? "succeeded"
        : ["FAILED", "TIMEOUT", "ERROR", "STOPPED", "EXPIRED"].includes(status)
          ? "failed"
          : null,
  },
  retry_airflow_dag: {
    statusTool: "get_mwaa_logs",
    executionId: (started) => str(started.dag_run_id),
    statusArgs: (args, runId) => ({
      environment: args.environment,
      dag_id: args.dag_id,
      dag_run_id: runId,
      log_lines: 5,
    }),
    status: (output, runId) => findState(output.runs, "dag_run_id", runId),
    verdict: (status) => (status === "success" ? "succeeded" : status === "failed" ? "failed" : null),
  },
  retry_athena_query: {
    statusTool: "get_athena_query",
    executionId: (started) => str(started.query_id),
    statusArgs: (_args, queryId) => ({ query_id: queryId }),
    status: (output) => str((output.query as Record<string, unknown> | null | undefined)?.state),
    verdict: (status) =>
      status === "SUCCEEDED" ? "succeeded" : ["FAILED", "CANCELLED"].includes(status) ? "failed" : null,
  },
  retry_emr: {
    statusTool: "get_emr_logs",
    executionId: (started) => str(started.step_id),
    statusArgs: (args, stepId) => ({ cluster_id: args.cluster_id, step_id: stepId }),
    status: (output, stepId) => findState(output.steps, "id", stepId),
    verdict: (status) =>
      status === "COMPLETED" ? "succeeded" : ["FAILED", "CANCELLED", "INTERRUPTED"].includes(status) ? "failed" : null,
  },
};
