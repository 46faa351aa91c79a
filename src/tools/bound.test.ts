import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundJson } from "./bound.js";

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
