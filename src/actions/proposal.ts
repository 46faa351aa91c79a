/**
 * The remediation in play for a run: the investigation's recommendation, or the action a reviewer
 * edited in (which replaces it for the rest of the run). Pure.
 */
import type { Resource } from "../state/investigation.js";
import type { InvestigationState } from "../state/investigation.js";
import type { ReviewRecord } from "../state/review.js";

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
  const id = (key: string): string | null => (typeof args[key] === "string" && args[key] !== "" ? args[key] : null);
  const of = (type: Resource["type"], value: string | null): Resource | null => (value ? { type, id: value } : null);
  switch (action) {
    case "retry_glue_job":
      return of("glue_job", id("job_name"));
    case "retry_airflow_dag":
      return of("dag", id("dag_id"));
    case "retry_emr":
      return of("emr_cluster", id("cluster_id"));
    case "retry_athena_query": {
      const sameQuery = investigation?.action_args?.query_id === id("query_id");
      return sameQuery && investigation?.resource?.type === "athena_workgroup" ? investigation.resource : null;
    }
    default:
      return null;
  }
}
