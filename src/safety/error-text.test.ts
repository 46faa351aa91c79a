import { describe, expect, it } from "vitest";
import {
  INVESTIGATION_ERROR_CHARS,
  TOOL_ERROR_CODE_CHARS,
  TOOL_ERROR_MESSAGE_CHARS,
  UNKNOWN_ERROR_CODE,
  cleanErrorCode,
  cleanErrorText,
} from "./error-text.js";
import { REDACTED } from "./redact.js";

describe("cleanErrorText", () => {
  it("is one line, without escapes or secrets, capped with an ellipsis", () => {
    expect(cleanErrorText("boom\x1b[2J\nFAKE LINE password=hunter2", 100)).toBe(`boom FAKE LINE password=${REDACTED}`);
    const capped = cleanErrorText("x".repeat(1_000), INVESTIGATION_ERROR_CHARS);
    expect(capped).toHaveLength(INVESTIGATION_ERROR_CHARS);
    expect(capped.endsWith("…")).toBe(true);
    expect(cleanErrorText("y".repeat(1_000), TOOL_ERROR_MESSAGE_CHARS)).toHaveLength(TOOL_ERROR_MESSAGE_CHARS);
  });
});

describe("cleanErrorCode", () => {
  it("cuts a long code hard, without an ellipsis, and names an empty one", () => {
    expect(cleanErrorCode("ThrottlingException")).toBe("ThrottlingException");
    expect(cleanErrorCode("E".repeat(700))).toBe("E".repeat(TOOL_ERROR_CODE_CHARS));
    expect(cleanErrorCode(" \x1b[0m\n")).toBe(UNKNOWN_ERROR_CODE);
  });
});
