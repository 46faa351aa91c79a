import type { Incident } from "../state/incident.js";

/** The text the classifier reads, split so that the ticket's subject can count for more. */
export interface TicketText {
  /** The short description: what the reporter or the alerting system says the ticket is about. */
  readonly subject: string;
  /** Everything else: description, category, CI, assignment group, flattened additional_info. */
  readonly body: string;
}

/** Cap per field and overall: tickets carry pasted logs, and the classifier must stay fast. */
const MAX_FIELD_CHARS = 8_000;
const MAX_BODY_CHARS = 20_000;
const MAX_FLATTEN_DEPTH = 6;
const MAX_FLATTEN_ENTRIES = 200;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const SMART_SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032]/g;
const SMART_DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
// Only well-known formatting tags: "<DagRun daily_sales @ ...>" and similar reprs must survive.
const HTML_BREAK = /<(?:br|\/p|\/div|\/li|\/tr)\b[^<>]{0,200}>/gi;
const HTML_TAG =
  /<\/?(?:p|div|span|b|i|u|strong|em|ul|ol|li|pre|code|table|tbody|thead|tr|td|th|font|a|h[1-6])\b[^<>]{0,200}>/gi;
const SERVICENOW_MARKUP = /\[\/?code\]/gi;
const HORIZONTAL_SPACE = /[ \t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/**
 * Normalises one field: Unicode NFKC (so full-width or ligature look-alikes read as plain text),
 * invisible characters removed, typographic quotes and dashes made ASCII, formatting markup
 * removed, whitespace collapsed per line. Line breaks are kept: they delimit alert fields.
 */
export function normaliseText(raw: string): string {
  const text = raw
    .slice(0, MAX_FIELD_CHARS * 2)
    .normalize("NFKC")
    .replace(ZERO_WIDTH, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, " ")
    .replace(SMART_SINGLE_QUOTES, "'")
    .replace(SMART_DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .replace(HTML_BREAK, "\n")
    .replace(HTML_TAG, " ")
    .replace(SERVICENOW_MARKUP, " ");
  const lines = text
    .split("\n")
    .map((line) => line.replace(HORIZONTAL_SPACE, " ").trim())
    .filter((line) => line.length > 0);
  return lines.join("\n").slice(0, MAX_FIELD_CHARS);
}

/**
 * Flattens additional_info into `key=value` lines, so that alert payloads such as
 * `{ "dag_id": "daily_sales", "error": { "code": "HIVE_BAD_DATA" } }` read like the alert text they
 * came from (`dag_id=daily_sales`, `error.code=HIVE_BAD_DATA`). A string that holds a JSON object is
 * parsed first. Depth and entry count are capped; any depth is safe (nothing recurses).
 */
export function flattenAdditionalInfo(info: Incident["additional_info"]): string {
  if (info === undefined) return "";
  if (typeof info === "string") {
    const parsed = parseJsonObject(info);
    return parsed === undefined ? info : flattenAdditionalInfo(parsed);
  }
  const lines: string[] = [];
  flattenInto(info, lines);
  return lines.join("\n");
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isPlainRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Depth-first, in document order, with an explicit stack: additional_info (or JSON inside its
 * string) may be nested far deeper than the call stack allows. Arrays and objects from
 * MAX_FLATTEN_DEPTH down are skipped; flattening stops at MAX_FLATTEN_ENTRIES lines.
 */
function flattenInto(root: Record<string, unknown>, lines: string[]): void {
  const stack: Array<{ value: unknown; key: string; depth: number }> = [{ value: root, key: "", depth: 0 }];
  while (stack.length > 0 && lines.length < MAX_FLATTEN_ENTRIES) {
    const { value, key, depth } = stack.pop() as { value: unknown; key: string; depth: number };
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) || isPlainRecord(value)) {
      if (depth >= MAX_FLATTEN_DEPTH) continue;
      const children: Array<readonly [string, unknown]> = Array.isArray(value)
        ? value.map((item: unknown) => [key, item] as const)
        : Object.entries(value).map(
            ([childKey, child]) => [key === "" ? childKey : `${key}.${childKey}`, child] as const,
          );
      // Pushed last-first, so the first child is the next one taken.
      for (let index = children.length - 1; index >= 0; index -= 1) {
        const [childKey, child] = children[index] as readonly [string, unknown];
        stack.push({ value: child, key: childKey, depth: depth + 1 });
      }
      continue;
    }
    const text = typeof value === "string" ? value : String(value);
    lines.push(key === "" ? text : `${key}=${text}`);
  }
}

/** Builds the subject and body the classifier reads from an incident. Pure. */
export function buildTicketText(incident: Incident): TicketText {
  const labelled: ReadonlyArray<readonly [string, string | undefined]> = [
    ["", incident.description],
    ["category", incident.category],
    ["subcategory", incident.subcategory],
    ["configuration item", incident.cmdb_ci],
    ["assignment group", incident.assignment_group],
  ];
  const bodyParts = labelled
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1].trim() !== "")
    .map(([label, value]) => (label === "" ? value : `${label}: ${value}`));
  bodyParts.push(flattenAdditionalInfo(incident.additional_info));
  const body = bodyParts
    .map((part) => normaliseText(part))
    .filter((part) => part.length > 0)
    .join("\n")
    .slice(0, MAX_BODY_CHARS);
  return { subject: normaliseText(incident.short_description ?? ""), body };
}
