/**
 * Finds the JSON objects in ticket text: an EventBridge event pasted on its own, inside an SNS
 * e-mail, inside an SNS envelope's `Message` string (or a Lambda's `Records[].Sns.Message`), or
 * escaped once more inside a string someone copied out of a log. Work is bounded: at most
 * MAX_CANDIDATES starting braces, each scanned at most MAX_OBJECT_CHARS and all together at most
 * MAX_SCAN_CHARS (an unclosed brace costs a full scan; a closed one only its length), and envelope
 * strings are unwrapped at most MAX_NESTING levels deep.
 */
import { cleanNotificationText } from "./text-cleanup.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const MAX_CANDIDATES = 1_000;
/** Notifications are a few kilobytes; an SNS envelope with its escaped Message, a few more. */
const MAX_OBJECT_CHARS = 32_768;
const MAX_SCAN_CHARS = 2_000_000;
const MAX_NESTING = 3;
const MAX_WALK_NODES = 2_000;
/** `{\"…` or `{\n  \"…`: an object copied out of a JSON string. */
const ESCAPED_OBJECT = /\{(?:\s|\\n){0,40}\\"/;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function tryParse(source: string): JsonValue | undefined {
  try {
    return JSON.parse(source) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * The end (exclusive) of the object starting at `start`, or -1. Raw line breaks inside strings are
 * what mail clients leave when they wrap a long line; they are reported so the caller can repair
 * them (JSON forbids them) instead of losing the whole event.
 */
function objectEnd(text: string, start: number): { end: number; wrapped: boolean; scanned: number } {
  let depth = 0;
  let inString = false;
  let wrapped = false;
  const limit = Math.min(text.length, start + MAX_OBJECT_CHARS);
  for (let index = start; index < limit; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index += 1;
      else if (char === '"') inString = false;
      else if (char === "\n") wrapped = true;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth += 1;
    else if (char === "}" || char === "]") {
      depth -= 1;
      if (depth === 0) return { end: index + 1, wrapped, scanned: index + 1 - start };
    }
  }
  return { end: -1, wrapped, scanned: limit - start };
}

/** Joins string values a mail client wrapped: the line break (and the indentation after it) goes. */
function unwrapStrings(source: string): string {
  let out = "";
  let inString = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] ?? "";
    if (inString && char === "\\") {
      out += char + (source[index + 1] ?? "");
      index += 1;
      continue;
    }
    if (char === '"') inString = !inString;
    if (inString && char === "\n") {
      while (source[index + 1] === " " || source[index + 1] === "\t") index += 1;
      // A wrap at a space keeps the space before the break; a hard wrap inside a word keeps none.
      if (!out.endsWith(" ")) out += " ";
      continue;
    }
    out += char;
  }
  return out;
}

/** `{\"a\":\"b\"}` (JSON copied out of a JSON string) read one level less escaped. */
function unescapeOnce(source: string): string {
  return source.replace(/\\(["\\/])/g, "$1").replace(/\\n/g, "\n");
}

function parseObjectsIn(text: string): JsonObject[] {
  const found: JsonObject[] = [];
  const starts = text.matchAll(/\{\s{0,200}"/g);
  let candidates = 0;
  let budget = MAX_SCAN_CHARS;
  let skipUntil = -1;
  for (const match of starts) {
    if (match.index < skipUntil) continue;
    candidates += 1;
    if (candidates > MAX_CANDIDATES || budget <= 0) break;
    const { end, wrapped, scanned } = objectEnd(text, match.index);
    budget -= scanned;
    if (end === -1) continue;
    const source = text.slice(match.index, end);
    const value = tryParse(source) ?? (wrapped ? tryParse(unwrapStrings(source)) : undefined);
    if (isJsonObject(value)) {
      found.push(value);
      skipUntil = end;
    }
  }
  return found;
}

/**
 * Every object in the tree, and every object inside a string value that holds JSON (the SNS
 * `Message`, a `default` message, an SQS `body`), breadth-first, bounded by MAX_WALK_NODES.
 */
function expand(roots: readonly JsonObject[]): JsonObject[] {
  const out: JsonObject[] = [];
  const queue: Array<{ value: JsonValue; nesting: number }> = roots.map((value) => ({ value, nesting: 0 }));
  let visited = 0;
  while (queue.length > 0 && visited < MAX_WALK_NODES) {
    const { value, nesting } = queue.shift() as { value: JsonValue; nesting: number };
    visited += 1;
    if (typeof value === "string") {
      const trimmed = value.trim();
      if (nesting < MAX_NESTING && trimmed.startsWith("{") && trimmed.endsWith("}")) {
        const inner = tryParse(trimmed);
        if (isJsonObject(inner)) queue.push({ value: inner, nesting: nesting + 1 });
      }
    } else if (Array.isArray(value)) {
      for (const item of value) queue.push({ value: item, nesting });
    } else if (isJsonObject(value)) {
      out.push(value);
      for (const child of Object.values(value)) queue.push({ value: child, nesting });
    }
  }
  return out;
}

let lastInput: string | undefined;
let lastObjects: readonly JsonObject[] = [];

/**
 * All JSON objects the text holds, outermost first, in text order. The result of the last call is
 * kept: parseNotification runs several parsers over the same text, and this is the costly part.
 */
export function jsonObjectsIn(raw: string): readonly JsonObject[] {
  if (raw === lastInput) return lastObjects;
  const text = cleanNotificationText(raw);
  let roots = parseObjectsIn(text);
  if (roots.length === 0 && ESCAPED_OBJECT.test(text)) roots = parseObjectsIn(unescapeOnce(text));
  lastInput = raw;
  lastObjects = expand(roots);
  return lastObjects;
}

/** The value at a dotted path (`detail.jobName`, `Trigger.Dimensions`), if every step exists. */
export function valueAt(object: JsonObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = object;
  for (const key of path.split(".")) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A scalar at a path as text (numbers too: `errorType: 1306.0`), otherwise undefined. */
export function textAt(object: JsonObject, path: string): string | undefined {
  const value = valueAt(object, path);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
