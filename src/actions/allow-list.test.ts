import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesAllowList, matchesGlob } from "./allow-list.js";

describe("matchesAllowList", () => {
  it.each([
    ["etl_orders_daily", ["etl_orders_daily"], true],
    ["etl_orders_daily", ["etl_*"], true],
    ["etl_", ["etl_*"], true],
    ["etl_orders_daily", ["*_daily"], true],
    ["etl_orders_daily", ["etl_*_daily"], true],
    ["etl_orders_hourly", ["etl_*_daily"], false],
    ["ETL_orders", ["etl_*"], false],
    ["xetl_orders", ["etl_*"], false],
    ["etl_orders_x", ["etl_orders"], false],
    ["anything", ["*"], true],
    ["", ["*"], true],
    ["anything", [], false],
    ["a.b", ["a.b"], true],
    ["axb", ["a.b"], false],
    ["a+b(c)[d]{e}|f^g$h\\i?", ["a+b(c)[d]{e}|f^g$h\\i?"], true],
    ["ab", ["a?"], false],
    ["a-b/c", ["a-*/c"], true],
    ["second", ["first", "sec*"], true],
  ])("%j against %j → %s", (id, patterns, expected) => {
    expect(matchesAllowList(id, patterns)).toBe(expected);
  });

  it("lets * span newlines (the whole id is matched, whatever it contains)", () => {
    expect(matchesAllowList("a\nb", ["a*b"])).toBe(true);
    expect(matchesAllowList("a\nb", ["a\nb"])).toBe(true);
  });

  it("a pattern equal to the id always matches; * matches everything; [] matches nothing (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (id) => {
        expect(matchesAllowList(id, [id])).toBe(true);
        expect(matchesAllowList(id, ["*"])).toBe(true);
        expect(matchesAllowList(id, [])).toBe(false);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("a literal pattern (no *) matches only the identical string (property)", () => {
    const literal = fc.string().filter((s) => !s.includes("*"));
    fc.assert(
      fc.property(literal, literal, (id, pattern) => {
        expect(matchesAllowList(id, [pattern])).toBe(id === pattern);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("prefix* matches exactly the ids that start with the prefix (property)", () => {
    const literal = fc.string().filter((s) => !s.includes("*"));
    fc.assert(
      fc.property(literal, fc.string(), (prefix, id) => {
        expect(matchesAllowList(id, [`${prefix}*`])).toBe(id.startsWith(prefix));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

/** The glob semantics, written as directly as possible: exponential, so for small inputs only. */
function referenceMatch(pattern: string, id: string): boolean {
  if (pattern === "") return id === "";
  if (pattern[0] === "*")
    return referenceMatch(pattern.slice(1), id) || (id !== "" && referenceMatch(pattern, id.slice(1)));
  return id !== "" && pattern[0] === id[0] && referenceMatch(pattern.slice(1), id.slice(1));
}

/** The matcher this file used to have: a glob compiled to an anchored regex (fine on small inputs). */
function previousRegexMatch(pattern: string, id: string): boolean {
  const body = pattern
    .split("*")
    .map((literal) => literal.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "s").test(id);
}

describe("matchesGlob", () => {
  it("agrees with a reference matcher and with the previous regex on small inputs (property)", () => {
    // A small alphabet makes matches, near misses and literal `*`s in ids all common.
    const small = (chars: string[], maxLength: number) =>
      fc.array(fc.constantFrom(...chars), { maxLength }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(small(["a", "b", "*", "."], 8), small(["a", "b", "*", ".", "\n"], 10), (pattern, id) => {
        const expected = referenceMatch(pattern, id);
        expect(matchesGlob(pattern, id)).toBe(expected);
        expect(previousRegexMatch(pattern, id)).toBe(expected);
      }),
      { seed: 9, numRuns: 3000 },
    );
  });

  it("finishes fast on 30 `*` against a 200-character name that does not match", () => {
    // The previous regex (`^a.*a.*…b$`) took 8.5 s on this input with only 5 of the 30 stars, and
    // each further star multiplies the work: with 30 it would not finish in any useful time.
    const pattern = `${"a*".repeat(30)}b`;
    const id = "a".repeat(200);
    const started = performance.now();
    const matched = matchesGlob(pattern, id);
    const elapsed = performance.now() - started;
    expect(matched).toBe(false);
    expect(elapsed).toBeLessThan(50);
    // The same shape, made to match, is found just as fast.
    expect(matchesGlob(pattern, `${id}b`)).toBe(true);
  });

  it("finishes fast on many ids against many stars (no pathological pattern shape)", () => {
    const patterns = [`${"*a".repeat(30)}*b`, `*${"ab*".repeat(30)}c`, `${"*".repeat(30)}x`];
    const ids = ["a".repeat(200), "ab".repeat(100), "b".repeat(200), `${"ab".repeat(99)}ac`];
    const started = performance.now();
    for (const pattern of patterns) for (const id of ids) matchesGlob(pattern, id);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
