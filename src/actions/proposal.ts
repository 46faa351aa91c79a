/**
 * The remediation in play for a run: the investigation's recommendation, or the action a reviewer
 * edited in (which replaces it for the rest of the run). Pure.
 */
import type { Resource } from "../state/investigation.js";
import type { InvestigationState } from "../state/investigation.js";
import type { ReviewRecord } from "../state/review.js";
import { isMutatingTool, type MutatingToolName } from "../tools/catalog.js";
import { RESOURCE_TYPE_FOR_ACTION } from "./guardrails.js";

export interface Proposal {
  action: string;
  /** Without the idempotency key, which the action node adds. */
  args: Record<string, unknown>;
  resource: Resource | null;
}

export function currentProposal(
  investigation: InvestigationState | null,
  reviews: readonly ReviewRecord[],
): Proposal | null {
  const edited = reviews.findLast((review) => review.response === "edit" && review.action !== null)?.action;
  if (edited)
    return {
      action: edited.action,
      args: edited.args,
      resource: resourceOf(edited.action, edited.args, investigation),
    };
  if (!investigation?.recommended_action) return null;
  return {
    action: investigation.recommended_action,
    args: investigation.action_args ?? {},
    resource: investigation.resource,
  };
}

/**
 * The resource an action's arguments aim at, for the allow-list. An Athena query names no
 * workgroup, so it keeps the investigation's workgroup only when it is the same query; any other
 * query id has no resource, and the guardrails refuse it.
 */
export function resourceOf(
  action: string,
  args: Record<string, unknown>,
  investigation: InvestigationState | null,
): Resource | null {
  if (!isMutatingTool(action)) return null;
  if (action !== "retry_athena_query") return namedResource(action, args);
  const queryId = typeof args.query_id === "string" && args.query_id !== "" ? args.query_id : null;
  const sameQuery = queryId !== null && investigation?.action_args?.query_id === queryId;
  return sameQuery && investigation?.resource?.type === "athena_workgroup" ? investigation.resource : null;
}

/** The argument that names each mutating tool's resource; an Athena re-run names only a query. */
const RESOURCE_ARGUMENT: Readonly<Record<MutatingToolName, string | null>> = {
  retry_glue_job: "job_name",
  retry_airflow_dag: "dag_id",
  retry_emr: "cluster_id",
  retry_athena_query: null,
};

/**
 * The resource a mutating call's own arguments name (a Glue job, a DAG, an EMR cluster); null for
 * an Athena re-run, whose workgroup only the query knows. The graph's proposals and the MCP
 * server's policy read targets the same way.
 */
export function namedResource(action: MutatingToolName, args: Readonly<Record<string, unknown>>): Resource | null {
  const key = RESOURCE_ARGUMENT[action];
  const value = key === null ? undefined : args[key];
  return typeof value === "string" && value !== "" ? { type: RESOURCE_TYPE_FOR_ACTION[action], id: value } : null;
}
