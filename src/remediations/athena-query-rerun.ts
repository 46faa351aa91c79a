/**
 * Re-run a failed Athena query (retry_athena_query). The call names only a query, so its resource,
 * the workgroup, comes from elsewhere: in the graph, the investigation's workgroup, kept only for the
 * same query; at the MCP server, the workgroup GetQueryExecution reports. It takes no free-form
 * arguments, and Athena's ClientRequestToken makes a repeat return the same execution.
 */
import { bindTo, subjectTarget } from "../subject/binding.js";
import { ATHENA_SUCCEEDED_STATE, ATHENA_UNSUCCESSFUL_END_STATES } from "../tools/athena/query-states.js";
import { getAthenaQuery } from "../tools/athena/get-athena-query.js";
import { RetryAthenaQueryInput } from "../tools/athena/retry-athena-query.js";
import { defineRemediation, nonEmpty, str } from "./definition.js";
import { describeReadFailure } from "./read-failure.js";

export const athenaQueryRerun = defineRemediation({
  tool: "retry_athena_query",
  resourceType: "athena_workgroup",
  allowListKey: "athena_workgroups",
  editSchema: RetryAthenaQueryInput.omit({ idempotency_key: true }).strict(),
  namedResource: () => null,
  proposalResource(args, investigation) {
    const queryId = nonEmpty(args.query_id);
    const sameQuery = queryId !== null && investigation?.action_args?.query_id === queryId;
    return sameQuery && investigation?.resource?.type === "athena_workgroup" ? investigation.resource : null;
  },
  async readTarget(clients, args) {
    const queryId = String(args.query_id ?? "");
    try {
      const { query } = await getAthenaQuery(clients, { query_id: queryId, workgroup: "primary", history: false });
      if (!query) return { error: `GetQueryExecution returned no query ${JSON.stringify(queryId)}` };
      if (!query.workgroup) return { error: `query ${JSON.stringify(queryId)} reports no workgroup` };
      return { value: { type: "athena_workgroup", id: query.workgroup } };
    } catch (error) {
      return { error: `reading query ${JSON.stringify(queryId)} failed: ${describeReadFailure(error)}` };
    }
  },
  // Bound by the query's id when the ticket names one, else by its workgroup.
  bindSubject: (subject, args, resource) =>
    subjectTarget(subject, "athena_query").kind === "none"
      ? bindTo(subject, "athena_workgroup", resource.id)
      : bindTo(subject, "athena_query", nonEmpty(args.query_id)),
  argumentPolicy: null,
  verification: {
    statusTool: "get_athena_query",
    executionId: (started) => str(started.query_id),
    statusArgs: (_args, queryId) => ({ query_id: queryId }),
    status: (output) => str((output.query as Record<string, unknown> | null | undefined)?.state),
    verdict: (status) =>
      status === ATHENA_SUCCEEDED_STATE ? "succeeded" : ATHENA_UNSUCCESSFUL_END_STATES.has(status) ? "failed" : null,
  },
  keyLookup: null,
});
