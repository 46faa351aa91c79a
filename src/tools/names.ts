/**
 * The data-lake tool set. Which tools mutate the world is *our* knowledge, kept here,
 * never taken from a tool's or a server's own description of itself.
 */
export const READ_ONLY_TOOLS = [
  "get_glue_logs",
  "get_mwaa_logs",
  "get_athena_query",
  "verify_source_data",
  "get_s3_logs",
  "get_cloudwatch_alarm",
  "get_emr_logs",
  "get_kafka_consumer_status",
] as const;

export const MUTATING_TOOLS = ["retry_glue_job", "retry_airflow_dag", "retry_athena_query", "retry_emr"] as const;

export type ReadOnlyToolName = (typeof READ_ONLY_TOOLS)[number];
export type MutatingToolName = (typeof MUTATING_TOOLS)[number];
export type ToolName = ReadOnlyToolName | MutatingToolName;

export const TOOL_NAMES: readonly ToolName[] = [...READ_ONLY_TOOLS, ...MUTATING_TOOLS];

export function isMutatingTool(name: string): name is MutatingToolName {
  return (MUTATING_TOOLS as readonly string[]).includes(name);
}

export function isReadOnlyTool(name: string): name is ReadOnlyToolName {
  return (READ_ONLY_TOOLS as readonly string[]).includes(name);
}
