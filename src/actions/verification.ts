/**
 * How each mutating tool's work is verified: which read-only tool reads its status, with what
 * arguments, and which states are terminal. Mutating tools start work and return its id; this is
 * the read side of that contract.
 */
import { GLUE_IDEMPOTENCY_ARGUMENT } from "../tools/glue/retry-glue-job.js";
import { DAG_RUN_ID_PREFIX } from "../tools/mwaa/retry-airflow-dag.js";
import type { MutatingToolName, ReadOnlyToolName } from "../tools/catalog.js";

export type Verdict = "succeeded" | "failed" | null;

export interface Verifier {
  readonly statusTool: ReadOnlyToolName;
  /** The id of what the mutating tool started, from its output. */
  executionId(started: Record<string, unknown>): string | null;
  statusArgs(args: Record<string, unknown>, executionId: string): Record<string, unknown>;
  /** The current state of that execution in the status tool's output, or null when it is not there. */
  status(output: Record<string, unknown>, executionId: string): string | null;
  verdict(status: string): Verdict;
  /**
   * How to find, with a read-only tool, what an earlier start with this idempotency key started:
   * the world check before repeating a side effect whose outcome was lost. null where the service
   * itself returns the same execution for the same key (Athena's ClientRequestToken).
   */
  lookup: KeyLookup | null;
}

export interface KeyLookup {
  readonly tool: ReadOnlyToolName;
  args(args: Record<string, unknown>, key: string): Record<string, unknown>;
  /** The id of the execution carrying `key` in the tool's output, or null when there is none. */
  executionId(output: Record<string, unknown>, key: string): string | null;
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
    : [];

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;

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
    lookup: {
      tool: "get_glue_logs",
      // The newest 20 runs: a run we started for this incident is among the latest.
      args: (args) => ({ job_name: args.job_name, max_runs: 20, log_lines: 0 }),
      executionId: (output, key) => {
        const run = records(output.runs).find((item) => field(item.arguments, GLUE_IDEMPOTENCY_ARGUMENT) === key);
        return str(run?.id);
      },
    },
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
    lookup: {
      tool: "get_mwaa_logs",
      args: (args) => ({ environment: args.environment, dag_id: args.dag_id, max_runs: 20, log_lines: 0 }),
      executionId: (output, key) =>
        str(records(output.runs).find((run) => run.dag_run_id === `${DAG_RUN_ID_PREFIX}${key}`)?.dag_run_id),
    },
  },
  retry_athena_query: {
    statusTool: "get_athena_query",
    executionId: (started) => str(started.query_id),
    statusArgs: (_args, queryId) => ({ query_id: queryId }),
    status: (output) => str((output.query as Record<string, unknown> | null | undefined)?.state),
    verdict: (status) =>
      status === "SUCCEEDED" ? "succeeded" : ["FAILED", "CANCELLED"].includes(status) ? "failed" : null,
    lookup: null,
  },
  retry_emr: {
    statusTool: "get_emr_logs",
    executionId: (started) => str(started.step_id),
    statusArgs: (args, stepId) => ({ cluster_id: args.cluster_id, step_id: stepId }),
    status: (output, stepId) => findState(output.steps, "id", stepId),
    verdict: (status) =>
      status === "COMPLETED" ? "succeeded" : ["FAILED", "CANCELLED", "INTERRUPTED"].includes(status) ? "failed" : null,
    lookup: {
      tool: "get_emr_logs",
      args: (args) => ({ cluster_id: args.cluster_id, max_steps: 50 }),
      // Our re-added steps are named "<name> [<key>]" (src/tools/emr/retry-emr.ts).
      executionId: (output, key) => {
        const step = records(output.steps).find((item) => str(item.name)?.endsWith(`[${key}]`) === true);
        return str(step?.id);
      },
    },
  },
};
