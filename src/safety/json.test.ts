import { describe, expect, it } from "vitest";
import { escapeInvisible, terminalJson } from "./json.js";

// eslint-disable-next-line no-control-regex -- asserting their absence
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;

describe("JSON for a terminal", () => {
  const hostile = {
    number: "INC1\x1b[2K\x1b[1A",
    short_description: "Done\x1b]0;pwned\x07 \x9b31m auto_close \u202eesrever\u200b",
    tag: "a\u{e0041}b",
  };

  it("JSON.stringify already escapes ESC and the other C0 controls", () => {
    const text = JSON.stringify(hostile);
    expect(text).not.toContain("\x1b");
    expect(text).not.toContain("\x07");
    expect(text).toContain("\\u001b[2K");
    // …but not C1 controls or bidi overrides: that is what terminalJson adds.
    expect(text).toContain("\x9b");
    expect(text).toContain("\u202e");
  });

  it("terminalJson leaves no raw control or invisible character and keeps the data identical", () => {
    const text = terminalJson(hostile, 2);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).not.toContain("\u{e0041}");
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it("changes nothing in ordinary JSON", () => {
    const plain = JSON.stringify({ a: "é 失败 — ✓", b: [1, null] }, null, 2);
    expect(escapeInvisible(plain)).toBe(plain);
    expect(terminalJson(undefined)).toBe("null");
  });
});
