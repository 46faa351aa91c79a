/**
 * The intent tables of the docs, derived from the intent modules so they cannot drift (a test
 * compares; `npm run docs:tables` rewrites them). Pure.
 */
import { markdownTable } from "../io/markdown-table.js";
import { isMutatingTool } from "../tools/catalog.js";
import { INTENT_DEFINITIONS } from "./catalog.js";
import type { IntentDefinition } from "./definition.js";

/** docs/architecture.md: each intent and what it means. */
export function taxonomyTable(definitions: readonly IntentDefinition[] = INTENT_DEFINITIONS): string {
  return markdownTable(
    ["intent", "meaning"],
    definitions.map((definition) => [definition.name, definition.meaning]),
  );
}

/** docs/configuration.md: the defaults of `intent_tools` and `remediation.budgets`, per intent. */
export function intentDefaultsTable(definitions: readonly IntentDefinition[] = INTENT_DEFINITIONS): string {
  const list = (names: readonly string[]) => (names.length > 0 ? names.join(", ") : "—");
  return markdownTable(
    ["intent", "read-only tools", "remediation", "retry budget"],
    definitions.map((definition) => [
      definition.name,
      list(definition.tools.filter((tool) => !isMutatingTool(tool))),
      list(definition.tools.filter((tool) => isMutatingTool(tool))),
      String(definition.retryBudget),
    ]),
  );
}
