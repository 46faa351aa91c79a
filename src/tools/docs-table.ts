/**
 * The tools table of docs/mcp.md, derived from the catalog so the docs cannot drift from the
 * definitions (a test compares; `npm run docs:tables` rewrites it). Pure.
 */
import { TOOL_DEFINITIONS } from "./catalog.js";
import type { DataLakeTool } from "./definition.js";
import { markdownTable } from "../io/markdown-table.js";

export function toolsTable(definitions: readonly DataLakeTool[] = TOOL_DEFINITIONS): string {
  return markdownTable(
    ["tool", "changes the world?", "what it is"],
    definitions.map((tool) => [`\`${tool.name}\``, tool.mutating ? "**yes**" : "no", tool.title]),
  );
}
