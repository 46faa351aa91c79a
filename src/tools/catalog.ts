/**
 * The data-lake tools: the one list of definitions. Everything that needs "every tool" derives from
 * it — the names and their types, the schemas by name, the LangChain tools (index.ts), the MCP
 * registration (src/mcp/server.ts) and the docs table (docs/mcp.md, checked by a test).
 *
 * Adding a tool is its own file under src/tools/<service>/ plus one line here (and its emulation in
 * the sandbox); a mutating tool also needs its remediation (src/remediations), which the compiler
 * asks for.
 */
import type { z } from "zod";
import { getAthenaQueryTool } from "./athena/get-athena-query.js";
import { retryAthenaQueryTool } from "./athena/retry-athena-query.js";
import { getCloudwatchAlarmTool } from "./cloudwatch/get-cloudwatch-alarm.js";
import type { DataLakeTool } from "./definition.js";
import { getEmrLogsTool } from "./emr/get-emr-logs.js";
import { retryEmrTool } from "./emr/retry-emr.js";
import { getGlueLogsTool } from "./glue/get-glue-logs.js";
import { retryGlueJobTool } from "./glue/retry-glue-job.js";
import { getKafkaConsumerStatusTool } from "./kafka/get-kafka-consumer-status.js";
import { getMwaaLogsTool } from "./mwaa/get-mwaa-logs.js";
import { retryAirflowDagTool } from "./mwaa/retry-airflow-dag.js";
import { listResourcesTool } from "./resources/list-resources.js";
import { getS3LogsTool } from "./s3/get-s3-logs.js";
import { verifySourceDataTool } from "./s3/verify-source-data.js";

/** The read-only tools, in the order they are listed to clients. */
export const READ_ONLY_TOOL_DEFINITIONS = [
  getGlueLogsTool,
  getMwaaLogsTool,
  getAthenaQueryTool,
  verifySourceDataTool,
  getS3LogsTool,
  getCloudwatchAlarmTool,
  getEmrLogsTool,
  getKafkaConsumerStatusTool,
  listResourcesTool,
] as const satisfies readonly DataLakeTool<string, false>[];

/** The tools that change the world, listed after the read-only ones. */
export const MUTATING_TOOL_DEFINITIONS = [
  retryGlueJobTool,
  retryAirflowDagTool,
  retryAthenaQueryTool,
  retryEmrTool,
] as const satisfies readonly DataLakeTool<string, true>[];

export const TOOL_DEFINITIONS = [...READ_ONLY_TOOL_DEFINITIONS, ...MUTATING_TOOL_DEFINITIONS] as const;

type Names<T extends readonly DataLakeTool[]> = { -readonly [K in keyof T]: T[K]["name"] };

/** The names in catalog order, as a tuple type (so `z.enum` can take them). */
function namesOf<const T extends readonly DataLakeTool[]>(definitions: T): Names<T> {
  return definitions.map((definition) => definition.name) as Names<T>;
}

export const READ_ONLY_TOOLS = namesOf(READ_ONLY_TOOL_DEFINITIONS);
export const MUTATING_TOOLS = namesOf(MUTATING_TOOL_DEFINITIONS);
export const TOOL_NAMES = namesOf(TOOL_DEFINITIONS);

export type ReadOnlyToolName = (typeof READ_ONLY_TOOLS)[number];
export type MutatingToolName = (typeof MUTATING_TOOLS)[number];
export type ToolName = (typeof TOOL_NAMES)[number];

/** The definition of each tool, by name. */
export type ToolDefinitionOf<N extends ToolName> = Extract<(typeof TOOL_DEFINITIONS)[number], { name: N }>;

export const TOOL_BY_NAME = Object.fromEntries(TOOL_DEFINITIONS.map((definition) => [definition.name, definition])) as {
  readonly [N in ToolName]: ToolDefinitionOf<N>;
};

export type ToolOutput<N extends ToolName> = z.infer<ToolDefinitionOf<N>["output"]>;
export type ToolInput<N extends ToolName> = z.input<ToolDefinitionOf<N>["input"]>;

export function isMutatingTool(name: string): name is MutatingToolName {
  return (MUTATING_TOOLS as readonly string[]).includes(name);
}

export function isReadOnlyTool(name: string): name is ReadOnlyToolName {
  return (READ_ONLY_TOOLS as readonly string[]).includes(name);
}
