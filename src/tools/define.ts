/**
 * Runs a data-lake tool definition, and wraps one as a LangChain tool: the input schema is what a
 * model (and an MCP client) sees; the output is validated, bounded and returned as JSON. Failures in
 * the world come back as a ToolError JSON, so the agent can decide what to do about them; bad input
 * and bad output are bugs and throw.
 */
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import type { z } from "zod";
import type { AwsClients } from "./aws-clients.js";
import { boundJson } from "./bound.js";
import type { DataLakeTool } from "./definition.js";
import { toToolError } from "./tool-error.js";

/** Tool output above this many characters of JSON is cut down before it reaches graph state. */
export const TOOL_OUTPUT_MAX_CHARS = 12_000;

export function toLangChainTool(definition: DataLakeTool, clients: AwsClients): StructuredToolInterface {
  // Widened to the base object type: the per-tool generics add nothing here.
  const schema: z.ZodObject = definition.input;
  return tool((input: unknown) => runDataLakeTool(definition, clients, input), {
    name: definition.name,
    description: definition.description,
    schema,
  });
}

/**
 * One call of a tool, as JSON text: validated input → run → validated, bounded output, or a
 * ToolError for an AWS or Airflow failure. Shared by the LangChain wrapper and the MCP server.
 */
export async function runDataLakeTool(
  definition: DataLakeTool,
  clients: AwsClients,
  rawInput: unknown,
): Promise<string> {
  const input = definition.input.parse(rawInput);
  let output: unknown;
  try {
    output = await definition.run(clients, input);
  } catch (error) {
    const toolError = toToolError(error);
    if (toolError) return JSON.stringify(toolError);
    throw error;
  }
  const checked: unknown = definition.output.parse(output);
  return JSON.stringify(boundJson(checked, TOOL_OUTPUT_MAX_CHARS));
}
