/**
 * The data-lake tools as LangChain tools, in catalog order (catalog.ts). Each tool's description is
 * what a model and MCP clients read to choose it: what it looks at, what it returns and what it changes.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { createAwsClients, type AwsClients } from "./aws-clients.js";
import { TOOL_DEFINITIONS } from "./catalog.js";
import { toLangChainTool } from "./define.js";

/** Every data-lake tool on the given AWS clients (default: the standard configuration). */
export function createDataLakeTools(clients: AwsClients = createAwsClients()): StructuredToolInterface[] {
  return TOOL_DEFINITIONS.map((definition) => toLangChainTool(definition, clients));
}

export { createAwsClients, type AwsClients, type AwsClientsOptions } from "./aws-clients.js";
export { AirflowApiError, AirflowClient, airflowClientFor } from "./mwaa/airflow-client.js";
export { defineTool, type DataLakeTool } from "./definition.js";
export { toLangChainTool, runDataLakeTool, TOOL_OUTPUT_MAX_CHARS } from "./define.js";
export { toToolError } from "./tool-error.js";
export { toolRegistry, callTool, parseToolOutput, type ToolRegistry } from "./registry.js";
export { boundJson } from "./bound.js";
export * from "./catalog.js";
export * from "./schemas.js";
