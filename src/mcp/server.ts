/**
 * The twelve data-lake tools as an MCP server. Every call goes through the same path as the
 * LangChain tools (runDataLakeTool: validated input → implementation → validated, bounded output,
 * or a ToolError), so MCP clients and the orchestrator see the same behaviour. The server is a
 * boundary of its own: every mutating call passes its guard (guard.ts) — the allow-list, argument
 * policy, budget and dry-run of the config it was started with — before it can reach AWS.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };
import { resolveConfig } from "../config/load.js";
import type { AwsClients } from "../tools/aws-clients.js";
import { getAthenaQuery, retryAthenaQuery } from "../tools/athena.js";
import { getCloudwatchAlarm } from "../tools/cloudwatch.js";
import { runDataLakeTool, type DataLakeToolImpl } from "../tools/define.js";
import { getEmrLogs, retryEmr } from "../tools/emr.js";
import { getGlueLogs, retryGlueJob } from "../tools/glue.js";
import { TOOL_DESCRIPTIONS } from "../tools/index.js";
import { getKafkaConsumerStatus } from "../tools/kafka.js";
import { getMwaaLogs, retryAirflowDag } from "../tools/mwaa.js";
import { isMutatingTool, TOOL_NAMES, type ToolName } from "../tools/names.js";
import { getS3Logs, verifySourceData } from "../tools/s3.js";
import { TOOL_SCHEMAS, ToolErrorSchema, type ToolError } from "../tools/schemas.js";
import { toolError } from "../tools/tool-error.js";
import { createMutationGuard, type MutationGuard } from "./guard.js";

export const MCP_SERVER_NAME = "incident-orchestrator-datalake";
export const MCP_SERVER_VERSION: string = packageJson.version;

const IMPLEMENTATIONS: { readonly [N in ToolName]: DataLakeToolImpl<N> } = {
  get_glue_logs: getGlueLogs,
  get_mwaa_logs: getMwaaLogs,
  get_athena_query: getAthenaQuery,
  verify_source_data: verifySourceData,
  get_s3_logs: getS3Logs,
  get_cloudwatch_alarm: getCloudwatchAlarm,
  get_emr_logs: getEmrLogs,
  get_kafka_consumer_status: getKafkaConsumerStatus,
  retry_glue_job: retryGlueJob,
  retry_airflow_dag: retryAirflowDag,
  retry_athena_query: retryAthenaQuery,
  retry_emr: retryEmr,
};

/** Short human-readable names MCP clients show in their tool pickers. */
export const TOOL_TITLES: Readonly<Record<ToolName, string>> = {
  get_glue_logs: "Glue job runs and error log",
  get_mwaa_logs: "MWAA environment and Airflow DAG runs",
  get_athena_query: "Athena query execution",
  verify_source_data: "Verify S3 source partitions",
  get_s3_logs: "List and read S3 objects",
  get_cloudwatch_alarm: "CloudWatch alarms and history",
  get_emr_logs: "EMR cluster and steps",
  get_kafka_consumer_status: "MSK consumer group lag",
  retry_glue_job: "Retry a Glue job",
  retry_airflow_dag: "Trigger an Airflow DAG run",
  retry_athena_query: "Re-run an Athena query",
  retry_emr: "Re-add a failed EMR step",
};

/**
 * Which tools change the world comes from our own list (names.ts), never from the tool. The
 * mutating tools only start new runs (nothing is deleted or overwritten) and take an idempotency
 * key, so repeating a call has no further effect.
 */
export function toolAnnotations(name: ToolName): ToolAnnotations {
  if (isMutatingTool(name)) {
    return { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true };
  }
  return { readOnlyHint: true, idempotentHint: true, openWorldHint: true };
}

/**
 * The server, its mutating tools behind `guard`. Without one, the defaults' guard: nothing is on
 * the allow-list, so every mutating call is refused (a server must be given a policy to remediate).
 */
export function createDataLakeMcpServer(
  clients: AwsClients,
  guard: MutationGuard = createMutationGuard(resolveConfig({}), clients),
): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION });
  for (const name of TOOL_NAMES) registerDataLakeTool(server, name, clients, guard);
  return server;
}

function registerDataLakeTool<N extends ToolName>(
  server: McpServer,
  name: N,
  clients: AwsClients,
  guard: MutationGuard,
): void {
  // Widened to the base object type, as define.ts does: the per-tool generics add nothing here and
  // would make the SDK's schema inference needlessly expensive.
  const inputSchema: z.ZodObject = TOOL_SCHEMAS[name].input;
  const outputSchema: z.ZodObject = TOOL_SCHEMAS[name].output;
  server.registerTool(
    name,
    {
      title: TOOL_TITLES[name],
      description: TOOL_DESCRIPTIONS[name],
      inputSchema,
      outputSchema,
      annotations: toolAnnotations(name),
    },
    (args) => {
      const call = () => callDataLakeTool(name, IMPLEMENTATIONS[name], clients, args);
      return isMutatingTool(name) ? guard.guard(name, args, call) : call();
    },
  );
}

/** One MCP tool call: runDataLakeTool, its answer turned into an MCP result. Never throws. */
export async function callDataLakeTool<N extends ToolName>(
  name: N,
  impl: DataLakeToolImpl<N>,
  clients: AwsClients,
  args: unknown,
): Promise<CallToolResult> {
  // The unbounded output is kept in case bounding (meant for graph state) broke the output schema.
  let fullOutput: unknown;
  const capturing: DataLakeToolImpl<N> = async (c, input) => (fullOutput = await impl(c, input));
  try {
    const text = await runDataLakeTool(name, capturing, clients, args);
    return toCallToolResult(name, JSON.parse(text) as unknown, fullOutput);
  } catch (error) {
    // A bug or an invalid output, not a failure in AWS: still one clean, capped line for the client.
    const failure = error instanceof Error ? error : new Error(String(error));
    return errorResult(toolError(failure.name || "Error", `${name} failed: ${failure.message}`, null));
  }
}

/**
 * Pure: what runDataLakeTool answered, as an MCP result. A ToolError becomes `isError` with the
 * ToolError JSON as text (no structuredContent); an output becomes structuredContent plus the same
 * JSON as text. The bounded output is preferred; when bounding cut an array (which adds a "… N more"
 * marker the output schema does not allow), the full, already validated output is sent instead.
 */
export function toCallToolResult(name: ToolName, answer: unknown, fullOutput: unknown): CallToolResult {
  const failure = ToolErrorSchema.safeParse(answer);
  if (failure.success) return errorResult(failure.data);
  const outputSchema = TOOL_SCHEMAS[name].output;
  const bounded = outputSchema.safeParse(answer);
  const structured = (bounded.success ? answer : outputSchema.parse(fullOutput)) as Record<string, unknown>;
  return { structuredContent: structured, content: [{ type: "text", text: JSON.stringify(structured) }] };
}

function errorResult(error: ToolError): CallToolResult {
  return { isError: true, content: [{ type: "text", text: JSON.stringify(error) }] };
}
