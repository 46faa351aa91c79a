/**
 * What the MCP server reads from AWS before it decides on a mutating call, through the same
 * implementations and clients as the tools: an Athena query's workgroup, a Glue job's recent runs.
 * Read-only; a failed read is an unknown, which the policy refuses.
 */
import { GetJobRunsCommand } from "@aws-sdk/client-glue";
import type { RunArguments } from "../actions/argument-policy.js";
import { getAthenaQuery } from "../tools/athena/get-athena-query.js";
import type { AwsClients } from "../tools/aws-clients.js";
import { toToolError } from "../tools/tool-error.js";

/** One GetJobRuns page: far more than the investigation looks at (get_glue_logs reads at most 20). */
const RECENT_RUNS = 200;

export type Fact<T> = { value: T } | { error: string };

/** The workgroup of a query, as GetQueryExecution reports it. */
export async function athenaWorkgroupOf(clients: AwsClients, queryId: string): Promise<Fact<string>> {
  try {
    const { query } = await getAthenaQuery(clients, { query_id: queryId, workgroup: "primary" });
    if (!query) return { error: `GetQueryExecution returned no query ${JSON.stringify(queryId)}` };
    if (!query.workgroup) return { error: `query ${JSON.stringify(queryId)} reports no workgroup` };
    return { value: query.workgroup };
  } catch (error) {
    return { error: `reading query ${JSON.stringify(queryId)} failed: ${describe(error)}` };
  }
}

/** The arguments of the job's recent runs, newest page first. */
export async function recentGlueRunArguments(clients: AwsClients, jobName: string): Promise<Fact<RunArguments[]>> {
  try {
    const out = await clients.glue.send(new GetJobRunsCommand({ JobName: jobName, MaxResults: RECENT_RUNS }));
    return { value: (out.JobRuns ?? []).map((run) => run.Arguments ?? {}) };
  } catch (error) {
    return { error: `reading the job's recent runs failed: ${describe(error)}` };
  }
}

function describe(error: unknown): string {
  const known = toToolError(error);
  if (known) return `${known.error.code}: ${known.error.message}`;
  return error instanceof Error ? error.message : String(error);
}
