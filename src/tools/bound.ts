/**
 * Caps a JSON value to about `maxChars` characters of serialised JSON, so large tool output never
 * floods graph state: long strings are cut with a visible `… [truncated N chars]`, long arrays keep
 * their first items and say how many were dropped, containers nested deeper than
 * MAX_INPUT_DEPTH become a marker string. The result is plain JSON data of the same shape where it
 * matters: lone surrogates and NULs become U+FFFD (Postgres cannot store them), `__proto__` keys
 * and values JSON has no place for are dropped. Nothing here recurses: tool output from an MCP
 * server is input too, and may be nested arbitrarily deep.
 */
import { isWellFormedText, jsonStringLength, MAX_INPUT_DEPTH } from "../safety/bounds.js";

export const DEEP_MARKER = `… [nested deeper than ${MAX_INPUT_DEPTH} levels]`;

export function boundJson(value: unknown, maxChars: number): unknown {
  const whole = boundedCopy(value, { maxString: Infinity, maxItems: Infinity, abortAbove: maxChars });
  if (whole) return whole.value;
  // Shrink string and array limits together until the value fits.
  for (let budget = Math.max(16, Math.floor(maxChars / 4)); budget >= 16; budget = Math.floor(budget / 2)) {
    const maxItems = Math.max(2, Math.floor(budget / 16));
    const shrunk = boundedCopy(value, { maxString: budget, maxItems, abortAbove: maxChars });
    if (shrunk) return shrunk.value;
  }
  // Pathological shapes (thousands of keys): keep a textual preview; escaping can grow it, so re-check.
  const copy = boundedCopy(value, { maxString: maxChars, maxItems: maxChars });
  const text = JSON.stringify(copy?.value ?? null);
  for (let length = maxChars - 40; ; length = Math.floor(length * 0.8)) {
    const preview = { truncated: true, preview: `${text.slice(0, Math.max(0, length))}…` };
    if (length <= 0 || JSON.stringify(preview).length <= maxChars) return preview;
  }
}

/**
 * The text cut to at most `maxChars` characters, ending with `… [truncated N chars]` (N: how many
 * were cut; just `…` when the limit is too small for that). Never splits a surrogate pair, and is
 * idempotent: a cut text is within the limit, so cutting it again changes nothing.
 */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // The marker's length depends on N; N has at most as many digits as the text's length.
  const longestMarker = `… [truncated ${text.length} chars]`.length;
  const withMarker = maxChars >= longestMarker;
  let keep = withMarker ? maxChars - longestMarker : Math.max(0, maxChars - 1);
  if (keep > 0 && isHighSurrogate(text.charCodeAt(keep - 1))) keep--;
  return `${text.slice(0, keep)}${withMarker ? `… [truncated ${text.length - keep} chars]` : "…"}`;
}

interface CopyOptions {
  maxString: number;
  maxItems: number;
  /** Give up (undefined) as soon as the copy passes this many characters of JSON. */
  abortAbove?: number;
}

interface Frame {
  readonly source: object;
  readonly keys: readonly string[] | null;
  readonly length: number;
  next: number;
  emitted: number;
  readonly target: unknown[] | Record<string, unknown>;
  readonly depth: number;
  readonly dropped: number;
}

const SKIP = Symbol("skip");

/** A JSON-data copy within the limits, and its exact JSON length (or an over-estimate). Iterative. */
function boundedCopy(input: unknown, options: CopyOptions): { value: unknown; chars: number } | undefined {
  const abortAbove = options.abortAbove ?? Infinity;
  const stack: Frame[] = [];
  let chars = 0;

  /** One value: a leaf is returned as copied; a container gets an empty target, filled via the stack. */
  const convert = (raw: unknown, depth: number): unknown => {
    let value = raw;
    if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
      value = (value as { toJSON(): unknown }).toJSON();
    }
    if (typeof value === "string") {
      const text = cleanText(truncateText(value, options.maxString));
      chars += jsonStringLength(text);
      return text;
    }
    if (typeof value === "number") {
      chars += Number.isFinite(value) ? String(value).length : 4;
      return Number.isFinite(value) ? value : null;
    }
    if (typeof value === "boolean") {
      chars += value ? 4 : 5;
      return value;
    }
    if (typeof value === "bigint") {
      chars += value.toString().length + 2;
      return value.toString();
    }
    if (value === null) {
      chars += 4;
      return null;
    }
    if (typeof value !== "object") return SKIP; // undefined, functions, symbols: JSON has none
    if (depth > MAX_INPUT_DEPTH) {
      chars += jsonStringLength(DEEP_MARKER);
      return DEEP_MARKER;
    }
    chars += 2;
    if (Array.isArray(value)) {
      const kept = Math.min(value.length, options.maxItems);
      const target: unknown[] = [];
      stack.push({
        source: value,
        keys: null,
        length: kept,
        next: 0,
        emitted: 0,
        target,
        depth,
        dropped: value.length - kept,
      });
      return target;
    }
    const keys = Object.keys(value).filter((key) => key !== "__proto__");
    const target: Record<string, unknown> = {};
    stack.push({ source: value, keys, length: keys.length, next: 0, emitted: 0, target, depth, dropped: 0 });
    return target;
  };

  const root = convert(input, 1);
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    if (chars > abortAbove) return undefined;
    if (top.next >= top.length) {
      if (top.dropped > 0) {
        const note = `… ${top.dropped} more`;
        (top.target as unknown[]).push(note);
        chars += jsonStringLength(note) + (top.emitted > 0 ? 1 : 0);
      }
      stack.pop();
      continue;
    }
    const index = top.next++;
    if (top.keys === null) {
      let item = convert((top.source as unknown[])[index], top.depth + 1);
      if (item === SKIP) {
        item = null;
        chars += 4;
      }
      if (top.emitted++ > 0) chars += 1;
      (top.target as unknown[]).push(item);
    } else {
      const key = top.keys[index] as string;
      const item = convert((top.source as Record<string, unknown>)[key], top.depth + 1);
      if (item === SKIP) continue;
      const cleanKey = cleanText(key);
      chars += jsonStringLength(cleanKey) + 1 + (top.emitted++ > 0 ? 1 : 0);
      (top.target as Record<string, unknown>)[cleanKey] = item;
    }
  }
  if (chars > abortAbove) return undefined;
  return { value: root === SKIP ? undefined : root, chars };
}

/** Lone surrogates and NULs as U+FFFD. */
function cleanText(text: string): string {
  const formed = isWellFormedText(text) ? text : (text as unknown as { toWellFormed(): string }).toWellFormed();
  return formed.includes("\u0000") ? formed.replaceAll("\u0000", "\ufffd") : formed;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
