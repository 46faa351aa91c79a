import { describe, expect, it } from "vitest";
import { compileFilterPattern } from "./logs-filter-pattern.js";

describe("compileFilterPattern", () => {
  it("matches everything without a pattern", () => {
    expect(compileFilterPattern(undefined)("anything")).toBe(true);
    expect(compileFilterPattern("  ")("anything")).toBe(true);
  });

  it("needs every bare term, case-insensitively", () => {
    const match = compileFilterPattern("error s3");
    expect(match("ERROR reading S3 object")).toBe(true);
    expect(match("ERROR reading HDFS")).toBe(false);
  });

  it("needs one of the ?terms and none of the -terms", () => {
    const match = compileFilterPattern("?Exception ?ERROR -retrying");
    expect(match("java.lang.NullPointerException")).toBe(true);
    expect(match("ERROR, retrying")).toBe(false);
    expect(match("INFO all good")).toBe(false);
  });

  it("treats a quoted phrase as one term", () => {
    const match = compileFilterPattern('"path does not exist"');
    expect(match("AnalysisException: Path does not exist: s3://b/k")).toBe(true);
    expect(match("path exists, does not matter")).toBe(false);
  });

  it("refuses JSON patterns instead of matching them wrongly", () => {
    expect(() => compileFilterPattern('{ $.level = "ERROR" }')).toThrow(/term filter patterns/);
  });
});
