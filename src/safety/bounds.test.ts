import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeZodError, UserInputError } from "../errors.js";
import {
  assertWithinBounds,
  boundedInput,
  findBoundsViolation,
  INPUT_LIMITS,
  jsonStringLength,
  MAX_ARRAY_ITEMS,
  MAX_INPUT_CHARS,
  MAX_INPUT_DEPTH,
  MAX_KEY_CHARS,
  MAX_OBJECT_KEYS,
  MAX_STRING_CHARS,
  withinBounds,
} from "./bounds.js";

/** `levels` containers nested in each other, built without recursion. */
function nestedArrays(levels: number, leaf: unknown = "x"): unknown {
  let value: unknown = leaf;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

function nestedObjects(levels: number, leaf: unknown = "x"): unknown {
  let value: unknown = leaf;
  for (let level = 0; level < levels; level += 1) value = { a: value };
  return value;
}

describe("findBoundsViolation", () => {
  it("accepts ordinary JSON data", () => {
    const incident = { sys_id: "abc", short_description: "Glue job failed", additional_info: { run: { id: "jr_1" } } };
    expect(findBoundsViolation(incident)).toBeUndefined();
    expect(
      findBoundsViolation({ optional: undefined, list: [undefined, null, 1.5, -0, true, "é✓😀"] }),
    ).toBeUndefined();
  });

  it("rejects 2,000 nested arrays at the first level too deep, naming the path", () => {
    const violation = findBoundsViolation({ additional_info: { x: nestedArrays(2_000) } });
    expect(violation?.problem).toBe(`nested deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(violation?.path).toMatch(/^additional_info\.x\[0\]\[0\]/);
    expect(violation?.path).toMatch(/…\(\d+ more\)\[0\]\[0\]$/);
  });

  it("rejects 5,000 nested objects", () => {
    const violation = findBoundsViolation({ additional_info: nestedObjects(5_000) });
    expect(violation?.problem).toMatch(/nested deeper than 32 levels/);
    expect(violation?.path).toMatch(/^additional_info\.a\.a\.a/);
  });

  it("survives 100,000 nested arrays, built in memory or parsed from text", () => {
    expect(findBoundsViolation(nestedArrays(100_000))?.problem).toMatch(/nested deeper/);
    const parsed: unknown = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(findBoundsViolation(parsed)?.problem).toMatch(/nested deeper/);
  });

  it("accepts exactly the depth limit and rejects one more", () => {
    // The outer object is level 1, so the input holds MAX_INPUT_DEPTH containers in all.
    expect(findBoundsViolation({ a: nestedArrays(MAX_INPUT_DEPTH - 1) })).toBeUndefined();
    expect(findBoundsViolation({ a: nestedArrays(MAX_INPUT_DEPTH) })?.problem).toMatch(/nested deeper/);
  });

  it("rejects a lone surrogate in a value and in a key, saying where", () => {
    expect(findBoundsViolation({ sys_id: "\ud800abc" })).toEqual({
      path: "sys_id",
      problem: "string is not well-formed Unicode (a lone surrogate at character 0)",
    });
    expect(findBoundsViolation({ x: "ok \udc00" })?.problem).toMatch(/lone surrogate at character 3/);
    const key = findBoundsViolation({ additional_info: { "bad\ud800key": 1 } });
    expect(key?.path).toBe("additional_info");
    expect(key?.problem).toBe('key is not well-formed Unicode (a lone surrogate at character 3) (key "bad\\ud800key")');
    // A surrogate pair is a character like any other.
    expect(findBoundsViolation({ "😀": "😀" })).toBeUndefined();
  });

  it("rejects NUL, __proto__ keys and values JSON has no place for", () => {
    expect(findBoundsViolation({ a: ["x\u0000y"] })).toEqual({
      path: "a[0]",
      problem: "string contains a NUL character (at character 1)",
    });
    expect(findBoundsViolation(JSON.parse('{"info":{"__proto__":{"admin":true}}}'))).toEqual({
      path: "info",
      problem: 'key "__proto__" is not allowed',
    });
    expect(findBoundsViolation({ constructor: "fine", prototype: "fine" })).toBeUndefined();
    expect(findBoundsViolation({ when: new Date(0) })?.problem).toBe("is a Date, not JSON data");
    expect(findBoundsViolation({ n: 10n })?.problem).toBe("is a bigint, not JSON data");
    expect(findBoundsViolation({ f: () => 1 })?.problem).toBe("is a function, not JSON data");
  });

  it("rejects a 10 MB string without scanning it, and accepts one at the limit", () => {
    const huge = "y".repeat(10 * 1024 * 1024);
    expect(findBoundsViolation({ description: huge })).toEqual({
      path: "description",
      problem: `string of ${huge.length} characters, longer than the limit of ${MAX_STRING_CHARS}`,
    });
    expect(findBoundsViolation({ description: "y".repeat(MAX_STRING_CHARS) })).toBeUndefined();
    expect(findBoundsViolation({ description: "y".repeat(MAX_STRING_CHARS + 1) })?.path).toBe("description");
  });

  it("holds keys, object sizes and array lengths to their limits", () => {
    expect(findBoundsViolation({ ["k".repeat(MAX_KEY_CHARS)]: 1 })).toBeUndefined();
    expect(findBoundsViolation({ ["k".repeat(MAX_KEY_CHARS + 1)]: 1 })?.problem).toMatch(/^key of 1025 characters/);
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(findBoundsViolation({ info: keys(MAX_OBJECT_KEYS) })).toBeUndefined();
    expect(findBoundsViolation({ info: keys(MAX_OBJECT_KEYS + 1) })).toEqual({
      path: "info",
      problem: `object of ${MAX_OBJECT_KEYS + 1} keys, more than the limit of ${MAX_OBJECT_KEYS}`,
    });
    expect(findBoundsViolation({ list: new Array(MAX_ARRAY_ITEMS).fill(0) })).toBeUndefined();
    expect(findBoundsViolation({ list: new Array(MAX_ARRAY_ITEMS + 1).fill(0) })?.problem).toMatch(/^array of 10001/);
  });

  it("measures the whole input as JSON.stringify writes it: the limit accepted, one character more not", () => {
    // Strings under the per-string limit, the last one padded to reach exactly the total limit.
    const value: Record<string, string> = {};
    for (const key of ["a", "b", "c", "d"]) value[key] = key.repeat(200_000);
    value.e = "";
    value.e = "e".repeat(MAX_INPUT_CHARS - JSON.stringify(value).length);
    expect(JSON.stringify(value).length).toBe(MAX_INPUT_CHARS);
    expect(findBoundsViolation(value)).toBeUndefined();
    value.e += "e";
    expect(findBoundsViolation(value)).toEqual({
      path: "e",
      problem: `the input passes the limit of ${MAX_INPUT_CHARS} characters of JSON at this field`,
    });
  });

  it("counts exactly what JSON.stringify writes (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(!JSON.stringify(value).includes('"__proto__":'));
        const length = JSON.stringify(value).length;
        const limits = { ...INPUT_LIMITS, chars: length, depth: 1_000, stringChars: 1e9 };
        expect(findBoundsViolation(value, limits)).toBeUndefined();
        expect(findBoundsViolation(value, { ...limits, chars: length - 1 })?.problem).toMatch(/passes the limit/);
      }),
      { seed: 7, numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(jsonStringLength(text)).toBe(JSON.stringify(text).length);
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it("prints any key safely: quoted, escaped, cut", () => {
    const violation = findBoundsViolation({ info: { 'évil "key".with dots': { "x y": nestedArrays(40) } } });
    expect(violation?.path).toBe('info["\\u00e9vil \\"key\\".with dots"]["x y"][0][0][0][0][0][0]…(21 more)[0][0]');
    expect(violation?.path).toMatch(/^[\x20-\x7e…]+$/);
    const long = findBoundsViolation({ ["k".repeat(100)]: { a: "\ud800" } });
    expect(long?.path).toBe(`["${"k".repeat(40)}…"].a`);
  });

  it("rejects control characters in keys (error messages quote keys), not in values", () => {
    for (const key of ["a\nb", "\u001b[2J", "x\u007f", "\u0085", "a\u2028", "\u202eevil"]) {
      expect(findBoundsViolation({ info: { [key]: 1 } })?.problem).toMatch(/^key contains a control character/);
    }
    expect(findBoundsViolation({ log: "line 1\r\nline 2\t\u001b[31mred\u001b[0m \u202e" })).toBeUndefined();
  });
});

describe("assertWithinBounds", () => {
  it("throws one line naming the field under the subject", () => {
    expect(() => assertWithinBounds({ additional_info: { a: { b: [0, 1, 2, "\ud800"] } } }, "incident")).toThrow(
      new UserInputError(
        "invalid incident: incident.additional_info.a.b[3]: string is not well-formed Unicode (a lone surrogate at character 0)",
      ),
    );
    expect(() => assertWithinBounds(nestedArrays(50), "edit")).toThrow(/^invalid edit: edit\[0\]\[0\]/);
    expect(() => assertWithinBounds({ fine: true }, "config")).not.toThrow();
  });
});

describe("boundedInput", () => {
  it("checks before zod parses, so zod never quotes a forbidden key, and keeps the input type", () => {
    const Schema = boundedInput(z.strictObject({ id: z.string() }));
    const parsed = Schema.safeParse({ id: "1", "bad\nkey": 1 });
    expect(describeZodError("answer", parsed.error!)).toBe(
      'answer: key contains a control character (at character 3) (key "bad\\u000akey")',
    );
    expect(Schema.safeParse({ id: "1" }).data).toEqual({ id: "1" });
    const typed: z.input<typeof Schema> = { id: "x" };
    expect(Schema.parse(typed)).toEqual(typed);
  });
});

describe("withinBounds", () => {
  it("reports a violation as a zod issue at the field, under any parent", () => {
    const Inner = withinBounds(z.looseObject({ id: z.string() }));
    const Outer = z.object({ incident: Inner });
    const parsed = Outer.safeParse({ incident: { id: "1", info: nestedObjects(3_000) } });
    expect(parsed.success).toBe(false);
    expect(describeZodError("case", parsed.error!)).toMatch(
      /^case\.incident\.info\.a\.a\.a.*: nested deeper than 32 levels$/,
    );
    expect(Inner.safeParse({ id: "1", info: { a: 1 } }).success).toBe(true);
  });
});
