import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { globToRegExp, matchesAllowList } from "./allow-list.js";

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
    expect(globToRegExp("a*b").test("a\nb")).toBe(true);
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
