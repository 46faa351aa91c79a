/**
 * Reads an EventBridge event's fields (`detail.jobName`, `time` …) out of ticket text, whichever
 * way it arrived:
 *  1. a complete JSON object (raw, in an SNS e-mail, in an SNS envelope's Message) — preferred, and
 *     its fields come from that object only, so text elsewhere in the ticket (a quoted comment that
 *     says `"jobName": "…"`) cannot override them;
 *  2. additional_info flattened into `key=value` lines (`detail.jobName=…`, as text.ts writes it) —
 *     only the run of such lines around the `detail-type=` line counts;
 *  3. a truncated or mangled paste — `"key": value` pairs scanned from the `"detail-type"` anchor
 *     to the end of the JSON-looking lines after it, first occurrence winning.
 */
import { escapeRegExp } from "../entity-patterns.js";
import { isJsonObject, jsonObjectsIn, textAt } from "./json-objects.js";
import type { JsonObject } from "./json-objects.js";
import { cleanNotificationText } from "./text-cleanup.js";

export type FieldReader = (path: string) => string | undefined;

export interface EventMatcher {
  /** `aws.glue`; when the paste carries a `source`, it must be this one. */
  readonly source: string;
  readonly detailTypes: readonly string[];
}

export interface EventFields {
  readonly detailType: string;
  readonly read: FieldReader;
  /** The parsed event, when it was complete JSON. */
  readonly object?: JsonObject;
}

const FLAT_LINE = /^([A-Za-z][\w.-]{0,120})=(.{0,8000})$/;
const MAX_RAW_REGION = 16_384;
const MAX_LOOKBACK = 1_500;

function matches(matcher: EventMatcher, detailType: string | undefined, source: string | undefined): boolean {
  return (
    detailType !== undefined &&
    matcher.detailTypes.includes(detailType.trim()) &&
    (source === undefined || source.trim() === matcher.source)
  );
}

function fromJson(raw: string, matcher: EventMatcher): EventFields | undefined {
  for (const object of jsonObjectsIn(raw)) {
    const detailType = textAt(object, "detail-type");
    if (!matches(matcher, detailType, textAt(object, "source")) || !isJsonObject(object.detail)) continue;
    return { detailType: (detailType ?? "").trim(), read: (path) => textAt(object, path), object };
  }
  return undefined;
}

function fromFlattened(lines: readonly string[], matcher: EventMatcher): EventFields | undefined {
  const anchor = lines.findIndex((line) => {
    const pair = FLAT_LINE.exec(line.trim());
    return pair?.[1] === "detail-type" && matcher.detailTypes.includes((pair[2] ?? "").trim());
  });
  if (anchor === -1) return undefined;
  let first = anchor;
  while (first > 0 && FLAT_LINE.test((lines[first - 1] ?? "").trim())) first -= 1;
  const fields = new Map<string, string>();
  for (let index = first; index < lines.length; index += 1) {
    const pair = FLAT_LINE.exec((lines[index] ?? "").trim());
    if (pair === null) break;
    const [, key = "", value = ""] = pair;
    if (!fields.has(key)) fields.set(key, value.trim());
  }
  const detailType = fields.get("detail-type") ?? "";
  if (!matches(matcher, detailType, fields.get("source"))) return undefined;
  return { detailType, read: (path) => fields.get(path) };
}

/** A line of prose ends the JSON region: no quote, brace, bracket or colon in it. */
function jsonRegionEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_RAW_REGION);
  let lineStart = text.indexOf("\n", from);
  while (lineStart !== -1 && lineStart < limit) {
    const lineEnd = text.indexOf("\n", lineStart + 1);
    const line = text.slice(lineStart + 1, lineEnd === -1 ? limit : Math.min(lineEnd, limit));
    if (line.trim() !== "" && !/["{}[\]:]/.test(line)) return lineStart;
    lineStart = lineEnd;
  }
  return limit;
}

function scalar(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(source);
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;
  } catch {
    return undefined;
  }
}

function fromRawScan(text: string, matcher: EventMatcher): EventFields | undefined {
  const names = matcher.detailTypes.map(escapeRegExp).join("|");
  const anchor = new RegExp(String.raw`"detail-type"\s{0,20}:\s{0,20}"(${names})"`).exec(text);
  if (anchor === null) return undefined;
  const open = text.lastIndexOf("{", anchor.index);
  const start = open !== -1 && anchor.index - open <= MAX_LOOKBACK ? open : anchor.index;
  const region = text.slice(start, jsonRegionEnd(text, anchor.index));
  const read: FieldReader = (path) => {
    const key = path.split(".").pop() ?? path;
    const value = new RegExp(
      String.raw`"${escapeRegExp(key)}"\s{0,20}:\s{0,20}("(?:[^"\\]|\\.){0,8000}"|-?\d{1,20}(?:\.\d{1,20})?|true|false)`,
    ).exec(region);
    return scalar(value?.[1]);
  };
  const source = read("source");
  // An anchor without a detail object is a fragment (or a pattern), not an event.
  if ((source !== undefined && source !== matcher.source) || !/"detail"\s{0,20}:\s{0,20}\{/.test(region)) {
    return undefined;
  }
  return { detailType: anchor[1] ?? "", read };
}

/** The first event of one of the matcher's types the text carries, or undefined. Never throws. */
export function findEvent(raw: string, matcher: EventMatcher): EventFields | undefined {
  const json = fromJson(raw, matcher);
  if (json !== undefined) return json;
  const text = cleanNotificationText(raw);
  return fromFlattened(text.split("\n"), matcher) ?? fromRawScan(text, matcher);
}
