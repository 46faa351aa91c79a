/**
 * A row as the Table API returns it, per sysparm_fields, sysparm_display_value (false: values;
 * true: display values; all: both) and sysparm_exclude_reference_link. A reference is
 * `{"link","value"}` (or its display value) unless links are excluded; a field sysparm_fields names
 * that the table lacks is left out, as an instance leaves it out.
 */
import { formatGlideTime, parseGlideTime } from "./glide-time.js";
import type { Row } from "./query-match.js";
import type { InstanceRecords } from "./records.js";
import { fieldOf, TABLES, type EmulatedTable } from "./tables.js";

export type DisplayValueMode = "false" | "true" | "all";

export interface RenderOptions {
  readonly fields: readonly string[] | undefined;
  readonly displayValue: DisplayValueMode;
  readonly excludeReferenceLink: boolean;
  /** The instance's base URL, for reference links. */
  readonly baseUrl: string;
}

type Rendered = string | Record<string, string>;

export function renderRow(
  records: InstanceRecords,
  table: EmulatedTable,
  row: Row,
  options: RenderOptions,
): Record<string, Rendered> {
  const names = options.fields ?? Object.keys(TABLES[table].fields);
  const out: Record<string, Rendered> = {};
  for (const name of names) {
    const rendered = renderField(records, table, row, name, options);
    if (rendered !== undefined) out[name] = rendered;
  }
  return out;
}

function renderField(
  records: InstanceRecords,
  table: EmulatedTable,
  row: Row,
  path: string,
  options: RenderOptions,
): Rendered | undefined {
  const segments = path.split(".");
  let currentTable = table;
  let current: Row | undefined = row;
  for (const segment of segments.slice(0, -1)) {
    const field = fieldOf(currentTable, segment);
    if (field?.type !== "reference" || !field.reference) return undefined;
    current = current?.[segment] ? records.find(field.reference, current[segment]) : undefined;
    currentTable = field.reference;
  }
  const name = segments.at(-1) as string;
  const field = fieldOf(currentTable, name);
  if (!field) return undefined;
  const value = field.type === "journal_input" ? "" : (current?.[name] ?? "");
  const display = (): string => {
    if (field.type === "journal_input") return journalText(records, currentTable, current?.sys_id ?? "", name);
    if (value === "") return "";
    if (field.type === "reference" && field.reference) {
      const target = records.find(field.reference, value);
      return target?.[TABLES[field.reference].displayField] ?? "";
    }
    if (field.choice) return records.choiceLabel(currentTable, name, value);
    return value;
  };
  if (field.type === "reference" && field.reference) {
    if (value === "") return options.displayValue === "all" ? { display_value: "", value: "" } : "";
    const link = `${options.baseUrl}/api/now/table/${field.reference}/${value}`;
    if (options.displayValue === "false") return options.excludeReferenceLink ? value : { link, value };
    if (options.displayValue === "true")
      return options.excludeReferenceLink ? display() : { link, display_value: display() };
    return options.excludeReferenceLink
      ? { display_value: display(), value }
      : { display_value: display(), link, value };
  }
  if (options.displayValue === "false") return value;
  if (options.displayValue === "true") return display();
  return { display_value: display(), value };
}

/** A journal field's display value: its entries, newest first, headed by time and author. */
function journalText(records: InstanceRecords, table: EmulatedTable, sysId: string, element: string): string {
  const label = element === "work_notes" ? "Work notes" : "Additional comments";
  return records
    .journal(table, sysId, element)
    .map((entry) => {
      const at = formatGlideTime(new Date(parseGlideTime(entry.sys_created_on ?? "")));
      return `${at} - ${entry.sys_created_by ?? ""} (${label})\n${entry.value ?? ""}\n\n`;
    })
    .join("");
}
