/**
 * Wraps a data-lake tool implementation as a LangChain tool: the input schema from TOOL_SCHEMAS is
 * what a model (and an MCP client) sees; the output is validated, bounded and returned as JSON.
 * Failures in the world come back as a ToolError JSON, so the agent can decide what to do about them;
 * bad input and bad output are bugs and throw.
 */
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import type { z } from "zod";
import type { AwsClients } from "./aws-clients.js";
import { boundJson } from "./bound.js";
import type { ToolName } from "./names.js";
import { TOOL_SCHEMAS } from "./schemas.js";
import { toToolError } from "./tool-error.js";

/** Tool output above this many characters of JSON is cut down before it reaches graph state. */
export const TOOL_OUTPUT_MAX_CHARS = 12_000;

export type DataLakeToolInput<N extends ToolName> = z.infer<(typeof TOOL_SCHEMAS)[N]["input"]>;
export type DataLakeToolOutput<N extends ToolName> = z.infer<(typeof TOOL_SCHEMAS)[N]["output"]>;
export type DataLakeToolImpl<N extends ToolName> = (
  clients: AwsClients,
  input: DataLakeToolInput<N>,
) => Promise<DataLakeToolOutput<N>>;

export function defineDataLakeTool<N extends ToolName>(
  name: N,
  description: string,
  impl: DataLakeToolImpl<N>,
  clients: AwsClients,
): StructuredToolInterface {
  const inputSchema: z.ZodObject = TOOL_SCHEMAS[name].input;
  return tool((input: unknown) => runDataLakeTool(name, impl, clients, input), {
    name,
    description,
    schema: inputSchema,
  });
}

/**
 * One call of a tool, as JSON text: validated input → impl → validated, bounded output, or a
 * ToolError for an AWS or Airflow failure. Shared by the LangChain wrapper and the MCP server.
 */
export async function runDataLakeTool<N extends ToolName>(
  name: N,
  impl: DataLakeToolImpl<N>,
  clients: AwsClients,
  rawInput: unknown,
): Promise<string> {
  const schemas = TOOL_SCHEMAS[name];
  const input = schemas.input.parse(rawInput) as DataLakeToolInput<N>;
  let output: DataLakeToolOutput<N>;
  try {
    output = await impl(clients, input);
  } catch (error) {
    const toolError = toToolError(error);
    if (toolError) return JSON.stringify(toolError);
    throw error;
  }
  const checked: unknown = schemas.output.parse(output);
  return JSON.stringify(boundJson(checked, TOOL_OUTPUT_MAX_CHARS));
}
