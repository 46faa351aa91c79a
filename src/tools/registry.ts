import type { StructuredToolInterface } from "@langchain/core/tools";

/** The tools a run may use, by name: ours, or any LangChain tools (for example loaded from MCP). */
export type ToolRegistry = ReadonlyMap<string, StructuredToolInterface>;

export function toolRegistry(tools: readonly StructuredToolInterface[]): ToolRegistry {
  return new Map(tools.map((tool) => [tool.name, tool]));
}

/**
 * Calls a tool and returns its output as data. Our tools answer with a JSON string; a tool that
 * answers with an object (or MCP content) is accepted too. Throws when the tool is missing.
 */
export async function callTool(
  registry: ToolRegistry,
  name: string,
  args: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<unknown> {
  const tool = registry.get(name);
  if (!tool) throw new Error(`tool ${name} is not available`);
  const output: unknown = await tool.invoke(args, signal ? { signal } : undefined);
  return parseToolOutput(output);
}

export function parseToolOutput(output: unknown): unknown {
  if (typeof output === "string") {
    try {
      return JSON.parse(output) as unknown;
    } catch {
      return { text: output };
    }
  }
  if (Array.isArray(output)) {
    // MCP-style content blocks: use the first text block.
    const text = output.find(
      (block): block is { type: "text"; text: string } =>
        typeof block === "object" && block !== null && (block as { type?: unknown }).type === "text",
    );
    return text ? parseToolOutput(text.text) : { content: output };
  }
  if (output !== null && typeof output === "object" && "content" in output) {
    return parseToolOutput((output as { content: unknown }).content);
  }
  return output;
}
