/**
 * The tools table of docs/mcp.md, derived from the catalog so the docs cannot drift from the
 * definitions (a test compares; `npm run docs:tables` rewrites it). Pure.
 */
import { TOOL_DEFINITIONS } from "./catalog.js";
import type { DataLakeTool } from "./definition.js";

/** A Markdown table padded the way Prettier pads one, so the checked-in docs stay formatted. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(3, cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

export function toolsTable(definitions: readonly DataLakeTool[] = TOOL_DEFINITIONS): string {
  return markdownTable(
    ["tool", "changes the world?", "what it is"],
    definitions.map((tool) => [`\`${tool.name}\``, tool.mutating ? "**yes**" : "no", tool.title]),
  );
}
