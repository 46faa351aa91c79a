/**
 * get_athena_query: one Amazon Athena query execution, or the latest failed one of a workgroup with
 * the workgroup's other recent executions.
 */
import {
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  ListQueryExecutionsCommand,
  type QueryExecution,
} from "@aws-sdk/client-athena";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { isoOrNull } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime } from "../schemas.js";
import { ATHENA_FAILED_STATE } from "./query-states.js";

export const GetAthenaQueryInput = z.object({
  query_id: z.string().optional(),
  workgroup: z.string().default("primary").describe("Used to find the latest failed query when no query_id is given"),
  history: z
    .boolean()
    .default(false)
    .describe("With query_id: also list the query's workgroup's recent executions (whether each ran the same SQL)"),
});
export const AthenaQuerySchema = z.object({
  query_id: z.string(),
  state: z.string(), // QUEUED | RUNNING | SUCCEEDED | FAILED | CANCELLED
  state_change_reason: z.string().nullable(),
  error_category: z.number().int().nullable(), // 1 system, 2 user, 3 other
  error_type: z.number().int().nullable(),
  query: z.string(),
  database: z.string().nullable(),
  workgroup: z.string().nullable(),
  output_location: z.string().nullable(),
  submitted: isoTime.nullable(),
  completed: isoTime.nullable(),
  engine_execution_time_ms: z.number().nullable(),
  data_scanned_bytes: z.number().nullable(),
});
export const GetAthenaQueryOutput = z.object({
  query: AthenaQuerySchema.nullable(),
  /** Other recent executions in the workgroup, newest first. */
  recent: z.array(
    z.object({
      query_id: z.string(),
      state: z.string(),
      submitted: isoTime.nullable(),
      /** It ran the same SQL as `query` (a nightly query's earlier nights). */
      same_query: z.boolean().optional(),
      state_change_reason: z.string().nullable().optional(),
    }),
  ),
});

export const getAthenaQueryTool = defineTool({
  name: "get_athena_query",
  title: "Athena query execution",
  description:
    "Read-only. One Amazon Athena query execution by query_id (state, error category and reason, SQL, database, " +
    "output location, timing, bytes scanned); without query_id, the latest FAILED execution of the workgroup " +
    "(else the latest) and the workgroup's other recent executions.",
  mutating: false,
  input: GetAthenaQueryInput,
  output: GetAthenaQueryOutput,
  run: getAthenaQuery,
});

/** ListQueryExecutions and BatchGetQueryExecution both stop at 50. */
const RECENT_LIMIT = 50;

export async function getAthenaQuery(
  clients: AwsClients,
  input: z.infer<typeof GetAthenaQueryInput>,
): Promise<z.infer<typeof GetAthenaQueryOutput>> {
  if (input.query_id) {
    const out = await clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: input.query_id }));
    const chosen = out.QueryExecution;
    if (!chosen || !input.history) return { query: chosen ? toAthenaQuery(chosen) : null, recent: [] };
    const others = (await recentExecutions(clients, chosen.WorkGroup ?? input.workgroup)).filter(
      (execution) => execution.QueryExecutionId !== chosen.QueryExecutionId,
    );
    return { query: toAthenaQuery(chosen), recent: others.map((execution) => recentEntry(execution, chosen)) };
  }
  const executions = await recentExecutions(clients, input.workgroup);
  const chosen = executions.find((execution) => execution.Status?.State === ATHENA_FAILED_STATE) ?? executions[0];
  return {
    query: chosen ? toAthenaQuery(chosen) : null,
    recent: executions
      .filter((execution) => execution !== chosen)
      .map((execution) => ({
        query_id: execution.QueryExecutionId ?? "",
        state: execution.Status?.State ?? "UNKNOWN",
        submitted: isoOrNull(execution.Status?.SubmissionDateTime),
      })),
  };
}

function recentEntry(execution: QueryExecution, chosen: QueryExecution) {
  return {
    query_id: execution.QueryExecutionId ?? "",
    state: execution.Status?.State ?? "UNKNOWN",
    submitted: isoOrNull(execution.Status?.SubmissionDateTime),
    same_query: execution.Query !== undefined && execution.Query === chosen.Query,
    state_change_reason: execution.Status?.StateChangeReason ?? null,
  };
}

/** The workgroup's recent executions, newest first. */
async function recentExecutions(clients: AwsClients, workgroup: string): Promise<QueryExecution[]> {
  const list = await clients.athena.send(
    new ListQueryExecutionsCommand({ WorkGroup: workgroup, MaxResults: RECENT_LIMIT }),
  );
  const ids = list.QueryExecutionIds ?? [];
  if (ids.length === 0) return [];
  const batch = await clients.athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids }));
  return [...(batch.QueryExecutions ?? [])].sort(
    (a, b) => (b.Status?.SubmissionDateTime?.getTime() ?? 0) - (a.Status?.SubmissionDateTime?.getTime() ?? 0),
  );
}

function toAthenaQuery(execution: QueryExecution): z.infer<typeof AthenaQuerySchema> {
  const status = execution.Status;
  return {
    query_id: execution.QueryExecutionId ?? "",
    state: status?.State ?? "UNKNOWN",
    state_change_reason: status?.StateChangeReason ?? null,
    error_category: status?.AthenaError?.ErrorCategory ?? null,
    error_type: status?.AthenaError?.ErrorType ?? null,
    query: execution.Query ?? "",
    database: execution.QueryExecutionContext?.Database ?? null,
    workgroup: execution.WorkGroup ?? null,
    output_location: execution.ResultConfiguration?.OutputLocation ?? null,
    submitted: isoOrNull(status?.SubmissionDateTime),
    completed: isoOrNull(status?.CompletionDateTime),
    engine_execution_time_ms: execution.Statistics?.EngineExecutionTimeInMillis ?? null,
    data_scanned_bytes: execution.Statistics?.DataScannedInBytes ?? null,
  };
}
