/**
 * Five hundred cases of the library fuzz (scripts/fuzz/harness.ts; `npm run fuzz` runs 10,000):
 * hostile incidents, configs, scenarios and review answers, every one parsed and classified, a
 * tenth run through the graph on one sandbox and resumed while paused. Seeded: the same cases on
 * every run; a failure prints the path and recipe that replay it.
 */
import { describe, expect, it } from "vitest";
import { UserInputError } from "../src/errors.js";
import { expectUserError, FuzzFailure, runFuzz } from "../scripts/fuzz/harness.js";
import { applyEdits, materialize } from "../scripts/fuzz/recipes.js";

describe("library fuzz", () => {
  it("500 seeded cases: only one-line user errors naming the input, or runs that complete or pause", async () => {
    const report = await runFuzz({ seed: 20_261_123, runs: 500 });
    expect(report.failure).toBeNull();
    expect(report.runs).toBe(500);
    // The cases reach every outcome, not just rejection.
    for (const outcome of ["incident accepted", "incident rejected", "run completed", "run paused", "run rejected"]) {
      expect(report.counts[outcome] ?? 0, outcome).toBeGreaterThan(0);
    }
  }, 120_000);

  it("counts anything but a one-line user error naming the input as a failure", () => {
    expect(() => expectUserError(new UserInputError("invalid incident: incident.sys_id: bad"), "x")).not.toThrow();
    expect(() => expectUserError(new UserInputError("line 2: invalid config: config: bad"), "x")).not.toThrow();
    expect(() => expectUserError(new TypeError("Cannot read properties of undefined"), "run")).toThrow(FuzzFailure);
    expect(() => expectUserError(new RangeError("Maximum call stack size exceeded"), "run")).toThrow(FuzzFailure);
    expect(() => expectUserError(new UserInputError('invalid config: config: Unrecognized key: "\n"'), "x")).toThrow(
      /not one line/,
    );
    expect(() => expectUserError(new UserInputError("something went wrong"), "x")).toThrow(/naming the input/);
  });

  it("builds hostile values from small recipes, deeper than any stack", () => {
    const deep = materialize({ kind: "nest", container: "array", levels: 100_000, key: "a", leaf: "x" });
    let levels = 0;
    for (let at: unknown = deep; Array.isArray(at); at = at[0]) levels += 1;
    expect(levels).toBe(100_000);
    const proto = applyEdits({ a: 1 }, [{ path: ["__proto__"], value: { kind: "json", value: { admin: true } } }]);
    expect(Object.keys(proto as object)).toEqual(["a", "__proto__"]);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(materialize({ kind: "repeat", unit: "é", times: 3 })).toBe("ééé");
  });
});
