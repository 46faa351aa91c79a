/**
 * retry_athena_query: a failed Athena query run again with its SQL and context, made idempotent by
 * Athena's own ClientRequestToken.
 */
import { GetQueryExecutionCommand, StartQueryExecutionCommand, type QueryExecution } from "@aws-sdk/client-athena";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { defineTool } from "../definition.js";
import { idempotencyKey } from "../schemas.js";

export const RetryAthenaQueryInput = z.object({
  query_id: z.string().min(1).describe("The failed query to run again with the same SQL and context"),
  idempotency_key: idempotencyKey,
});
export const RetryAthenaQueryOutput = z.object({
  original_query_id: z.string(),
  query_id: z.string(),
});

export const retryAthenaQueryTool = defineTool({
  name: "retry_athena_query",
  title: "Re-run an Athena query",
  description:
    "MUTATING. Runs a failed Amazon Athena query again with the same SQL, database, workgroup and result " +
    "location, and returns the new query id. Idempotent through Athena's ClientRequestToken (the idempotency_key): " +
    "repeating the call returns the same execution. Does not wait for the query to finish.",
  mutating: true,
  input: RetryAthenaQueryInput,
  output: RetryAthenaQueryOutput,
  run: retryAthenaQuery,
});

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
