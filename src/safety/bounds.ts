/**
 * Hard limits on what a user may hand us (incidents, config, scenarios, review answers, eval
 * cases), checked before anything walks, copies or serialises the value: deeply nested JSON
 * overflows the stack of every recursive consumer (the checkpoint serialiser, structuredClone,
 * JSON.stringify, deepmerge), a lone surrogate breaks encodeURIComponent, a NUL breaks Postgres
 * text. The checker is iterative (an explicit stack), so it survives any depth itself, and stops
 * at the first violation. docs/limits.md explains every number.
 */
import { z } from "zod";
import { UserInputError } from "../errors.js";

/** Containers nested inside each other, counting the input itself. A real incident nests 3 or 4. */
export const MAX_INPUT_DEPTH = 32;
/** The whole input as JSON text. A real incident is a few KiB; one with a pasted log, some 100 KiB. */
export const MAX_INPUT_CHARS = 1_048_576;
/** One string (a value). ServiceNow's largest text fields hold 65,000 characters by default. */
export const MAX_STRING_CHARS = 262_144;
/** One object key. ServiceNow column names are at most 80 characters. */
export const MAX_KEY_CHARS = 1_024;
/** Keys of one object. The incident table has about 100 columns. */
export const MAX_OBJECT_KEYS = 1_000;
/** Items of one array. */
export const MAX_ARRAY_ITEMS = 10_000;

/** Scenarios (and eval cases, which may carry one inline) describe a world: larger, same depth. */
export const MAX_SCENARIO_CHARS = 16_777_216;
export const MAX_SCENARIO_STRING_CHARS = 1_048_576;
export const MAX_SCENARIO_OBJECT_KEYS = 10_000;
export const MAX_SCENARIO_ARRAY_ITEMS = 100_000;

export interface InputLimits {
  readonly depth: number;
  /** Characters of the value serialised as JSON (escapes counted as JSON.stringify writes them). */
  readonly chars: number;
  readonly stringChars: number;
  readonly keyChars: number;
  readonly objectKeys: number;
  readonly arrayItems: number;
}

/** Incidents, config, review answers. */
export const INPUT_LIMITS: InputLimits = Object.freeze({
  depth: MAX_INPUT_DEPTH,
  chars: MAX_INPUT_CHARS,
  stringChars: MAX_STRING_CHARS,
  keyChars: MAX_KEY_CHARS,
  objectKeys: MAX_OBJECT_KEYS,
  arrayItems: MAX_ARRAY_ITEMS,
});

/** Scenario files and eval cases. */
export const SCENARIO_LIMITS: InputLimits = Object.freeze({
  depth: MAX_INPUT_DEPTH,
  chars: MAX_SCENARIO_CHARS,
  stringChars: MAX_SCENARIO_STRING_CHARS,
  keyChars: MAX_KEY_CHARS,
  objectKeys: MAX_SCENARIO_OBJECT_KEYS,
  arrayItems: MAX_SCENARIO_ARRAY_ITEMS,
});

/** The first thing over a limit: where (`additional_info.a.b[3]`, relative to the input) and what. */
export interface BoundsViolation {
  /** Path from the input's root; "" for the root itself. Keys are escaped: safe to print. */
  readonly path: string;
  readonly problem: string;
}

type Segment = string | number;

interface Container {
  readonly value: object;
  /** Object keys, or null for an array. */
  readonly keys: readonly string[] | null;
  readonly length: number;
  next: number;
  readonly depth: number;
  readonly parent: Container | undefined;
  readonly segment: Segment | undefined;
}

/**
 * The first violation of `limits` in a JSON-like value, in document order, or undefined when the
 * value is within them. Values must be JSON data: plain objects, arrays, strings, finite or
 * non-finite numbers, booleans, null (undefined counts as absent, as JSON.stringify drops it).
 * Every string and key must be well-formed Unicode without NUL, keys without control characters;
 * no key may be `__proto__` (copying it by assignment sets a prototype instead of a field). Pure;
 * never recurses.
 */
export function findBoundsViolation(value: unknown, limits: InputLimits = INPUT_LIMITS): BoundsViolation | undefined {
  let total = 0;
  const stack: Container[] = [];
  let node: unknown = value;
  let parent: Container | undefined;
  let segment: Segment | undefined;

  /** The violation at the node being visited. */
  const at = (problem: string) => ({ path: formatPath(pathOf(parent, segment)), problem });
  /** The violation at an object (one of its keys). */
  const atObject = (problem: string, object: Container) => ({ path: formatPath(pathOf(object, undefined)), problem });

  for (;;) {
    // Visit `node` (reached from `parent` through `segment`).
    const depth = (parent?.depth ?? 0) + 1;
    if (typeof node === "string") {
      const problem = stringProblem(node, limits.stringChars, "string");
      if (problem) return at(problem);
      total += jsonStringLength(node);
    } else if (node === null || node === undefined) {
      total += 4;
    } else if (typeof node === "number") {
      total += Number.isFinite(node) ? String(node).length : 4;
    } else if (typeof node === "boolean") {
      total += node ? 4 : 5;
    } else if (Array.isArray(node)) {
      if (depth > limits.depth) return at(`nested deeper than ${limits.depth} levels`);
      if (node.length > limits.arrayItems) {
        return at(`array of ${node.length} items, more than the limit of ${limits.arrayItems}`);
      }
      total += 2 + Math.max(0, node.length - 1);
      stack.push({ value: node, keys: null, length: node.length, next: 0, depth, parent, segment });
    } else if (typeof node === "object") {
      if (!isPlainObject(node)) return at(`is a ${describeKind(node)}, not JSON data`);
      if (depth > limits.depth) return at(`nested deeper than ${limits.depth} levels`);
      const keys = Object.keys(node);
      if (keys.length > limits.objectKeys) {
        return at(`object of ${keys.length} keys, more than the limit of ${limits.objectKeys}`);
      }
      total += 2 + Math.max(0, keys.length - 1);
      const container: Container = { value: node, keys, length: keys.length, next: 0, depth, parent, segment };
      for (const key of keys) {
        if (key === "__proto__") return atObject(`key "__proto__" is not allowed`, container);
        const problem = stringProblem(key, limits.keyChars, "key");
        if (problem) return atObject(`${problem} (key ${quoteKey(key)})`, container);
        total += jsonStringLength(key) + 1;
      }
      stack.push(container);
    } else {
      return at(`is a ${typeof node}, not JSON data`);
    }
    if (total > limits.chars)
      return at(`the input passes the limit of ${limits.chars} characters of JSON at this field`);

    // Move to the next child: the top container's next entry, popping those that are done.
    let top = stack.at(-1);
    while (top !== undefined && top.next >= top.length) {
      stack.pop();
      top = stack.at(-1);
    }
    if (top === undefined) return undefined;
    const index = top.next++;
    if (top.keys === null) {
      segment = index;
      node = (top.value as unknown[])[index];
    } else {
      const key = top.keys[index] as string;
      segment = key;
      node = (top.value as Record<string, unknown>)[key];
    }
    parent = top;
  }
}

/** Throws a UserInputError naming the field: `invalid incident: incident.additional_info.a[3]: nested …`. */
export function assertWithinBounds(value: unknown, subject: string, limits: InputLimits = INPUT_LIMITS): void {
  const violation = findBoundsViolation(value, limits);
  if (violation)
    throw new UserInputError(`invalid ${subject}: ${joinPath(subject, violation.path)}: ${violation.problem}`);
}

/**
 * The check first, then the schema: zod sees only input within the limits, so none of its
 * messages (which quote unrecognised keys) can carry what the limits forbid. For schemas outside
 * graph state; LangGraph turns state schemas into JSON Schema through their input side, which a
 * preprocess step hides, so those use `withinBounds`. The input type stays the schema's.
 */
export function boundedInput<T extends z.ZodType>(schema: T, limits: InputLimits = INPUT_LIMITS) {
  return z.preprocess<z.input<T>, T, z.input<T>>((value, ctx) => {
    const violation = findBoundsViolation(value, limits);
    if (violation) {
      ctx.addIssue({ code: "custom", message: violation.problem, path: violation.path ? [violation.path] : [] });
    }
    return value;
  }, schema);
}

/**
 * Adds the check to a zod schema as a refinement. zod's own parse of our schemas is shallow where
 * they take arbitrary data (`z.unknown()`, records), so nothing deep is walked before this runs;
 * the violation becomes a zod issue whose path names the field (describeZodError prints it).
 */
export function withinBounds<T extends z.ZodType>(schema: T, limits: InputLimits = INPUT_LIMITS): T {
  return schema.superRefine((value, ctx) => {
    const violation = findBoundsViolation(value, limits);
    if (violation) {
      ctx.addIssue({ code: "custom", message: violation.problem, path: violation.path ? [violation.path] : [] });
    }
  }) as T;
}

/** `subject` + relative path, as printed: `incident.additional_info.a[3]`, `incident[0]`. */
export function joinPath(subject: string, path: string): string {
  if (path === "") return subject;
  return path.startsWith("[") ? `${subject}${path}` : `${subject}.${path}`;
}

/** Characters JSON.stringify writes for the string, quotes included. */
export function jsonStringLength(text: string): number {
  let length = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) length += 1;
    else if (code < 0x20)
      length += code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 1 : 5;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const pair =
        code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
      if (pair) i++;
      else length += 5; // a lone surrogate is written as \udXXX
    }
  }
  return length;
}

/** Whether the string is well-formed UTF-16 (no lone surrogate); Node 20 has it, our ES2023 lib types do not. */
export function isWellFormedText(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const KEY_CONTROL = /[\u0001-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function stringProblem(text: string, max: number, what: "string" | "key"): string | undefined {
  if (text.length > max) return `${what} of ${text.length} characters, longer than the limit of ${max}`;
  if (!isWellFormedText(text)) {
    const at = LONE_SURROGATE.exec(text)?.index ?? 0;
    return `${what} is not well-formed Unicode (a lone surrogate at character ${at})`;
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return `${what} contains a NUL character (at character ${nul})`;
  // Values may hold pasted logs (tabs, newlines, colour codes); a key never does, and keys are
  // what error messages quote: none may break a line or drive a terminal.
  const control = what === "key" ? KEY_CONTROL.exec(text) : null;
  if (control) return `key contains a control character (at character ${control.index})`;
  return undefined;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeKind(value: object): string {
  const name = (value.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === "string" && name !== "" ? name : "non-plain object";
}

function pathOf(container: Container | undefined, last: Segment | undefined): Segment[] {
  const segments: Segment[] = last === undefined ? [] : [last];
  for (let at = container; at !== undefined && at.segment !== undefined; at = at.parent) segments.push(at.segment);
  return segments.reverse();
}

/** Shown in full up to this many segments; deeper paths keep their start and end. */
const PATH_SEGMENTS_SHOWN = 12;

function formatPath(segments: readonly Segment[]): string {
  const shown =
    segments.length <= PATH_SEGMENTS_SHOWN
      ? segments.map(formatSegment)
      : [
          ...segments.slice(0, PATH_SEGMENTS_SHOWN - 3).map(formatSegment),
          `…(${segments.length - PATH_SEGMENTS_SHOWN + 1} more)`,
          ...segments.slice(-2).map(formatSegment),
        ];
  return shown.join("").replace(/^\./, "");
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

function formatSegment(segment: Segment): string {
  if (typeof segment === "number") return `[${segment}]`;
  return IDENTIFIER.test(segment) && segment.length <= 64 ? `.${segment}` : `[${quoteKey(segment)}]`;
}

/** A key as printable, one-line ASCII: quoted, escaped, cut to 40 characters. */
function quoteKey(key: string): string {
  const cut = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  const escaped = cut.replace(/["\\]/g, "\\$&").replace(/[^\x20-\x7e…]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}
