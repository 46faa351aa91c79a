/**
 * Athena tools: one query execution (or the latest failed one of a workgroup), and a re-run of a
 * query with its SQL and context, made idempotent by Athena's own ClientRequestToken.
 */
import {
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  ListQueryExecutionsCommand,
  StartQueryExecutionCommand,
  type QueryExecution,
} from "@aws-sdk/client-athena";
import type { z } from "zod";
import type { AwsClients } from "./aws-clients.js";
import { isoOrNull } from "./convert.js";
import type {
  AthenaQuerySchema,
  GetAthenaQueryInput,
  GetAthenaQueryOutput,
  RetryAthenaQueryInput,
  RetryAthenaQueryOutput,
} from "./schemas.js";

/** ListQueryExecutions and BatchGetQueryExecution both stop at 50. */
const RECENT_LIMIT = 50;

export async function getAthenaQuery(
  clients: AwsClients,
  input: z.infer<typeof GetAthenaQueryInput>,
): Promise<z.infer<typeof GetAthenaQueryOutput>> {
  if (input.query_id) {
    const out = await clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: input.query_id }));
    return { query: out.QueryExecution ? toAthenaQuery(out.QueryExecution) : null, recent: [] };
  }
  const executions = await recentExecutions(clients, input.workgroup);
  const chosen = executions.find((execution) => execution.Status?.State === "FAILED") ?? executions[0];
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

export async function retryAthenaQuery(
  clients: AwsClients,
  input: z.infer<typeof RetryAthenaQueryInput>,
): Promise<z.infer<typeof RetryAthenaQueryOutput>> {
  const out = await clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: input.query_id }));
  const original = out.QueryExecution;
  if (!original?.Query) throw new Error(`GetQueryExecution ${input.query_id} returned no query text`);
  // Athena returns the same execution for a repeated ClientRequestToken: the re-run happens once.
  const started = await clients.athena.send(
    new StartQueryExecutionCommand({
      QueryString: original.Query,
      ClientRequestToken: input.idempotency_key,
      ...(original.QueryExecutionContext ? { QueryExecutionContext: original.QueryExecutionContext } : {}),
      ...(original.WorkGroup ? { WorkGroup: original.WorkGroup } : {}),
      ...(original.ResultConfiguration
        ? { ResultConfiguration: { ...original.ResultConfiguration, ...resultFolder(original) } }
        : {}),
      ...(original.ExecutionParameters?.length ? { ExecutionParameters: original.ExecutionParameters } : {}),
    }),
  );
  if (!started.QueryExecutionId) throw new Error("StartQueryExecution returned no QueryExecutionId");
  return { original_query_id: input.query_id, query_id: started.QueryExecutionId };
}

/**
 * GetQueryExecution reports where the results went, `<folder>/<query id>.csv` (.txt, .metadata...);
 * a new run must get the folder, or Athena would write beneath the old result file's name.
 */
export function resultFolder(execution: QueryExecution): { OutputLocation?: string } {
  const location = execution.ResultConfiguration?.OutputLocation;
  if (!location) return {};
  const file = location.slice(location.lastIndexOf("/") + 1);
  const ownFile = execution.QueryExecutionId !== undefined && file.startsWith(`${execution.QueryExecutionId}.`);
  return { OutputLocation: ownFile ? location.slice(0, location.length - file.length) : location };
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
