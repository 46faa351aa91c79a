/**
 * The thirteen data-lake tools as an MCP server. Every call goes through the same path as the
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
import { isMutatingTool, TOOL_DEFINITIONS } from "../tools/catalog.js";
import { runDataLakeTool } from "../tools/define.js";
import type { DataLakeTool } from "../tools/definition.js";
import { ToolErrorSchema, type ToolError } from "../tools/schemas.js";
import { toolError } from "../tools/tool-error.js";
import { createMutationGuard, type MutationGuard } from "./guard.js";

export const MCP_SERVER_NAME = "incident-orchestrator-datalake";
export const MCP_SERVER_VERSION: string = packageJson.version;

/**
 * Which tools change the world comes from our own definitions (`mutating`), never from the tool.
 * The mutating tools only start new runs (nothing is deleted or overwritten) and take an
 * idempotency key, so repeating a call has no further effect.
 */
export function toolAnnotations(definition: Pick<DataLakeTool, "mutating">): ToolAnnotations {
  if (definition.mutating) {
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
  for (const definition of TOOL_DEFINITIONS) registerDataLakeTool(server, definition, clients, guard);
  return server;
}

function registerDataLakeTool(
  server: McpServer,
  definition: DataLakeTool,
  clients: AwsClients,
  guard: MutationGuard,
): void {
  // Widened to the base object type, as define.ts does: the per-tool generics add nothing here and
  // would make the SDK's schema inference needlessly expensive.
  const inputSchema: z.ZodObject = definition.input;
  const outputSchema: z.ZodObject = definition.output;
  const { name } = definition;
  server.registerTool(
    name,
    {
      title: definition.title,
      description: definition.description,
      inputSchema,
      outputSchema,
      annotations: toolAnnotations(definition),
    },
    (args) => {
      const call = () => callDataLakeTool(definition, clients, args);
      return isMutatingTool(name) ? guard.guard(name, args, call) : call();
    },
  );
}

/** One MCP tool call: runDataLakeTool, its answer turned into an MCP result. Never throws. */
export async function callDataLakeTool(
  definition: DataLakeTool,
  clients: AwsClients,
  args: unknown,
): Promise<CallToolResult> {
  // The unbounded output is kept in case bounding (meant for graph state) broke the output schema.
  let fullOutput: unknown;
  const capturing: DataLakeTool = {
    ...definition,
    run: async (c, input) => (fullOutput = await definition.run(c, input)),
  };
  try {
    const text = await runDataLakeTool(capturing, clients, args);
    return toCallToolResult(definition, JSON.parse(text) as unknown, fullOutput);
  } catch (error) {
    // A bug or an invalid output, not a failure in AWS: still one clean, capped line for the client.
    const failure = error instanceof Error ? error : new Error(String(error));
    return errorResult(toolError(failure.name || "Error", `${definition.name} failed: ${failure.message}`, null));
  }
}

/**
 * Pure: what runDataLakeTool answered, as an MCP result. A ToolError becomes `isError` with the
 * ToolError JSON as text (no structuredContent); an output becomes structuredContent plus the same
 * JSON as text. The bounded output is preferred; when bounding cut an array (which adds a "… N more"
 * marker the output schema does not allow), the full, already validated output is sent instead.
 */
export function toCallToolResult(
  definition: Pick<DataLakeTool, "output">,
  answer: unknown,
  fullOutput: unknown,
): CallToolResult {
  const failure = ToolErrorSchema.safeParse(answer);
  if (failure.success) return errorResult(failure.data);
  const outputSchema = definition.output;
  const bounded = outputSchema.safeParse(answer);
  const structured = (bounded.success ? answer : outputSchema.parse(fullOutput)) as Record<string, unknown>;
  return { structuredContent: structured, content: [{ type: "text", text: JSON.stringify(structured) }] };
}

function errorResult(error: ToolError): CallToolResult {
  return { isError: true, content: [{ type: "text", text: JSON.stringify(error) }] };
}
