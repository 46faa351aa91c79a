import { describe, expect, it } from "vitest";
import { REDACTED } from "./redact.js";
import { cap, safeBlock, safeLine } from "./text.js";

describe("safeLine", () => {
  it("strips escapes before redacting, so an escape cannot split a key from its pattern", () => {
    expect(safeLine("key AKIAIOSF\x1b[0mODNN7EXAMPLE here")).toBe(`key ${REDACTED} here`);
  });

  it("is one line, collapsed, trimmed and capped after redaction", () => {
    expect(safeLine("  a\n\n b\tc  ")).toBe("a b c");
    const line = safeLine(`password=${"p".repeat(50)} ${"x".repeat(100)}`, 40);
    expect(line).toBe(`password=${REDACTED} ${"x".repeat(19)}…`);
    expect(line).toHaveLength(40);
  });
});

describe("safeBlock", () => {
  it("keeps lines, drops escapes and carriage returns, redacts", () => {
    expect(safeBlock("\nfirst\r\nsecond\x1b[2K\x1b[1A   \rpwd=hunter2\n\n")).toBe(`first\nsecond   pwd=${REDACTED}`);
  });
});

describe("cap", () => {
  it("cuts with an ellipsis and never inside a surrogate pair", () => {
    expect(cap("abcdef", 6)).toBe("abcdef");
    expect(cap("abcdef", 4)).toBe("abc…");
    expect(cap("ab😀cd", 4)).toBe("ab…");
    expect(cap("abc", 0)).toBe("");
  });
});
