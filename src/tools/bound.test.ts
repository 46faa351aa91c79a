import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_INPUT_DEPTH } from "../safety/bounds.js";
import { boundJson, DEEP_MARKER, truncateText } from "./bound.js";

describe("boundJson", () => {
  it("returns small values unchanged", () => {
    const value = { a: [1, 2, 3], b: "short" };
    expect(boundJson(value, 1000)).toEqual(value);
  });

  it("cuts long arrays and strings and says how much was dropped", () => {
    const value = { lines: Array.from({ length: 500 }, (_, i) => `line ${i} ${"x".repeat(50)}`) };
    const bounded = boundJson(value, 2000) as { lines: string[] };
    expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(2000);
    expect(bounded.lines.at(-1)).toMatch(/more$/);
    expect(bounded.lines[0]).toMatch(/^line 0/);
  });

  it("always fits the bound (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 5000 }), (value, max) => {
        expect(JSON.stringify(boundJson(value, max) ?? null).length).toBeLessThanOrEqual(max);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("boundJson on hostile shapes", () => {
  function nestedArrays(levels: number): unknown {
    let value: unknown = "leaf";
    for (let level = 0; level < levels; level += 1) value = [value];
    return value;
  }

  it("bounds 100,000 nested arrays without recursing: deeper levels become a marker", () => {
    const bounded = boundJson({ output: nestedArrays(100_000) }, 4_000);
    const text = JSON.stringify(bounded);
    expect(text.length).toBeLessThanOrEqual(4_000);
    expect(text).toContain(DEEP_MARKER);
    // The object is level 1: the arrays kept are the levels below it, down to the limit.
    expect(text.replace(DEEP_MARKER, "").split("[").length - 1).toBe(MAX_INPUT_DEPTH - 1);
  });

  it("keeps shallow data as it is and makes text storable: lone surrogates and NULs become U+FFFD", () => {
    expect(boundJson({ a: "ok", n: [1, null, true] }, 1_000)).toEqual({ a: "ok", n: [1, null, true] });
    expect(boundJson({ "k\ud800": "x\u0000y\udc00" }, 1_000)).toEqual({ "k\ufffd": "x\ufffdy\ufffd" });
  });

  it("drops __proto__ keys and what JSON has no place for; dates and bigints become strings", () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"admin": true}, "ok": 1}');
    const bounded = boundJson(parsed, 1_000) as Record<string, unknown>;
    expect(Object.keys(bounded)).toEqual(["ok"]);
    expect(Object.getPrototypeOf(bounded)).toBe(Object.prototype);
    expect(boundJson({ f: () => 1, u: undefined, at: new Date(0), n: 12n, list: [undefined] }, 1_000)).toEqual({
      at: "1970-01-01T00:00:00.000Z",
      n: "12",
      list: [null],
    });
  });

  it("marks cut strings with how much was cut", () => {
    const bounded = boundJson({ log: "x".repeat(100_000) }, 2_000) as { log: string };
    expect(bounded.log).toMatch(/^x+… \[truncated \d+ chars\]$/);
    const kept = bounded.log.length - bounded.log.replace(/^x+/, "").length;
    expect(bounded.log).toContain(`[truncated ${100_000 - kept} chars]`);
  });

  it("fits the bound for deep and wide values alike (property)", () => {
    const deep = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "large", maxDepth: 60 },
        fc.string(),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(deep, fc.integer({ min: 200, max: 3000 }), (value, max) => {
        expect(JSON.stringify(boundJson(value, max) ?? null).length).toBeLessThanOrEqual(max);
      }),
      { seed: 43, numRuns: 300 },
    );
  });
});

describe("truncateText", () => {
  it("leaves short text alone and cuts long text to the limit, marker included", () => {
    expect(truncateText("short", 100)).toBe("short");
    const cut = truncateText("y".repeat(10_000), 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toBe(`${"y".repeat(100 - "… [truncated 10000 chars]".length)}… [truncated ${10_000 - 75} chars]`);
    expect(truncateText(cut, 100)).toBe(cut);
    expect(truncateText("y".repeat(50), 10)).toBe(`${"y".repeat(9)}…`);
  });

  it("never splits a surrogate pair", () => {
    const cut = truncateText("😀".repeat(100), 60);
    expect((cut as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
  });
});
