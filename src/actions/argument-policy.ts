/**
 * The argument policy of remediations: which arguments a re-run may carry. Pure, so the graph's
 * guardrails and the MCP server apply the same rule.
 *
 * A Glue job's arguments can change what the job runs (`--extra-py-files`, `--scriptLocation`,
 * `--conf`…), so a re-run takes either arguments whose names are allow-listed
 * (`remediation.allowed_arguments.glue_jobs`) or exactly the arguments of one of the job's own
 * recent runs — the re-run of a failed run with its own `--date` and paths, which is what the
 * investigation proposes. A DAG run's `conf` may carry the keys the orchestrator itself sets plus
 * `remediation.allowed_arguments.dag_conf`. Athena and EMR re-runs take no free-form arguments:
 * they repeat the original query or step as it was.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { GLUE_IDEMPOTENCY_ARGUMENT } from "../tools/glue/retry-glue-job.js";

/** The `conf` keys the orchestrator sets when it re-triggers a DAG (src/investigation/analyzers/airflow.ts). */
export const ORCHESTRATOR_DAG_CONF_KEYS: readonly string[] = ["rerun_of", "rerun_logical_date"];

export type ArgumentCheck = { permitted: true } | { permitted: false; message: string };

/** A Glue run's arguments, as GetJobRuns (or get_glue_logs' `runs[].arguments`) reports them. */
export type RunArguments = Readonly<Record<string, string>>;

/**
 * Whether `args` (a remediation tool's input, without or with its idempotency key) keeps to the
 * argument policy. `ownRunArguments` are the arguments of the target job's recent runs; without
 * them only allow-listed names pass. Tools other than retry_glue_job and retry_airflow_dag carry no
 * free-form arguments and always pass (whether the tool may run at all is the guardrails' business).
 */
export function checkRemediationArguments(
  action: string,
  args: Readonly<Record<string, unknown>>,
  config: Pick<OrchestratorConfig, "remediation">,
  ownRunArguments: readonly RunArguments[] = [],
): ArgumentCheck {
  const allowed = config.remediation.allowed_arguments;
  if (action === "retry_glue_job") return checkGlueArguments(args.arguments, allowed.glue_jobs, ownRunArguments);
  if (action === "retry_airflow_dag") return checkDagConf(args.conf, allowed.dag_conf);
  return { permitted: true };
}

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

function checkDagConf(value: unknown, allowedKeys: readonly string[]): ArgumentCheck {
  if (value === undefined) return { permitted: true };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { permitted: false, message: "A DAG run's conf must be an object." };
  }
  const refused = Object.keys(value).filter(
    (key) => !ORCHESTRATOR_DAG_CONF_KEYS.includes(key) && !allowedKeys.includes(key),
  );
  if (refused.length === 0) return { permitted: true };
  return {
    permitted: false,
    message:
      `DAG conf key(s) ${listNames(refused)} are neither set by the orchestrator ` +
      `(${ORCHESTRATOR_DAG_CONF_KEYS.join(", ")}) nor on remediation.allowed_arguments.dag_conf.`,
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

/** Names quoted as JSON (so a name with odd characters cannot break the line), at most five. */
function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => JSON.stringify(name.slice(0, 80)));
  return names.length > 5 ? `${shown.join(", ")} and ${names.length - 5} more` : shown.join(", ");
}
