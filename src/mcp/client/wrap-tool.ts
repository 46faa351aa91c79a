/**
 * An MCP tool as the orchestrator calls it: under our name, answering with a JSON string like our
 * own tools, bounded in time, and with an MCP error result (`isError`) turned into a ToolError
 * value — a finding for the investigation, not an exception.
 */
import type { RunnableConfig } from "@langchain/core/runnables";
import { DynamicStructuredTool, type StructuredToolInterface } from "@langchain/core/tools";
import { isMutatingTool, type ToolName } from "../../tools/catalog.js";
import { ToolErrorSchema, type ToolError } from "../../tools/schemas.js";
import { toolError } from "../../tools/tool-error.js";
import { connectionLoss, type McpServerConnection, type ServerSession } from "./server-connection.js";

export interface WrapOptions {
  callTimeoutMs: number;
}

/**
 * Our tool `ourName` as served by `connection`. The server's tool is looked up in the live session
 * on each call (a map lookup), so after a restart calls go to the new server. A read-only call that
 * lost its connection is sent once more to the restarted server; a mutating call is repeated only
 * when it was never sent — when it was in flight, nobody knows whether it started anything, so it
 * fails and the run goes to a person (the tool's idempotency key finds the run if there is one).
 */
export function wrapMcpTool(
  schemaSource: StructuredToolInterface,
  ourName: ToolName,
  connection: McpServerConnection,
  options: WrapOptions,
): DynamicStructuredTool {
  return new DynamicStructuredTool({
    name: ourName,
    description: schemaSource.description,
    // The adapter's JSON schema; the server validates the arguments again.
    schema: schemaSource.schema as Record<string, unknown>,
    func: async (args: Record<string, unknown>, _runManager, config?: RunnableConfig): Promise<string> => {
      const timeout = AbortSignal.timeout(options.callTimeoutMs);
      const signal = config?.signal ? AbortSignal.any([config.signal, timeout]) : timeout;
      const call = async (session: ServerSession): Promise<string> => {
        const tool = session.tools.get(ourName);
        if (!tool) throw new Error(`MCP server "${connection.name}" no longer provides ${ourName}`);
        try {
          // metadata.timeoutMs is the adapter's per-request timeout (the SDK's own default is 60 s).
          const output: unknown = await tool.invoke(args, { signal, metadata: { timeoutMs: options.callTimeoutMs } });
          return outputText(output);
        } catch (error) {
          if (timeout.aborted && !config?.signal?.aborted) {
            return JSON.stringify(
              toolError("TimeoutError", `${ourName} timed out after ${options.callTimeoutMs} ms`, null),
            );
          }
          const errorText = mcpErrorResultText(error);
          if (errorText !== undefined) return JSON.stringify(toolErrorFromMcp(errorText));
          throw error;
        }
      };

      const session = await connection.live();
      try {
        return await call(session);
      } catch (error) {
        // A call that failed as its session closed was in flight, whatever the error says.
        const loss = connectionLoss(error) ?? (session.alive ? undefined : "in_flight");
        if (!loss) throw error;
        connection.lost(session);
        if (loss === "in_flight" && isMutatingTool(ourName)) {
          throw new Error(
            `MCP server "${connection.name}" stopped during ${ourName}; the call is not repeated because ` +
              `whether it started a run is unknown (its idempotency key finds the run if it did)`,
          );
        }
        return call(await connection.live());
      }
    },
  });
}

/** The adapter answers with a string, a text block (with structuredContent) or content blocks. */
export function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  const blocks = Array.isArray(output) ? (output as unknown[]) : [output];
  const text = blocks.find(
    (block): block is { type: "text"; text: string } =>
      typeof block === "object" &&
      block !== null &&
      (block as { type?: unknown }).type === "text" &&
      typeof (block as { text?: unknown }).text === "string",
  );
  return text ? text.text : JSON.stringify(output);
}

/**
 * The adapter throws a ToolException for an `isError` result, with the result's text after a fixed
 * phrase; that text is what the server said. Undefined for every other failure.
 */
export function mcpErrorResultText(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "ToolException") return undefined;
  const match = /^MCP tool '[^']*' on server '[^']*' returned an error: ([\s\S]*)$/.exec(error.message);
  return match?.[1];
}

/**
 * A ToolError from an MCP error result. A server that already answers with a ToolError (ours does)
 * keeps its code and HTTP status; any other text becomes an McpToolError. Always sanitised and capped.
 */
export function toolErrorFromMcp(text: string): ToolError {
  const parsed = ToolErrorSchema.safeParse(parseJson(text));
  if (parsed.success) {
    const { code, message, http_status } = parsed.data.error;
    return toolError(code, message, http_status);
  }
  return toolError("McpToolError", text || "the MCP server returned an error without a message", null);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
