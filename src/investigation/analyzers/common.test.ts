import { describe, expect, it } from "vitest";
import { decisiveLine, explainFailure } from "./common.js";

const TRACEBACK = `Traceback (most recent call last):
  File "/mnt/tmp/spark-4d1c/normalise_addresses.py", line 77, in <module>
    df = df.withColumn("postcode", clean_postcode(F.col("postcode")))
  File "/mnt/tmp/spark-4d1c/normalise_addresses.py", line 31, in clean_postcode
    return value.strip().upper()
AttributeError: 'Column' object has no attribute 'strip'`;

describe("decisiveLine", () => {
  it("keeps a one-line message", () => {
    expect(decisiveLine("  Job run timed out  ")).toBe("Job run timed out");
  });

  it("picks the recognised line of a stack trace", () => {
    expect(decisiveLine(TRACEBACK)).toBe("AttributeError: 'Column' object has no attribute 'strip'");
  });

  it("falls back to the last exception line, then the first line", () => {
    expect(decisiveLine("step failed\n  at Foo.bar\nWeirdException: boom")).toBe("WeirdException: boom");
    expect(decisiveLine("step failed\nsee logs")).toBe("step failed");
  });
});

describe("explainFailure", () => {
  it("explains a traceback by its exception, classified as a code error", () => {
    const explained = explainFailure(TRACEBACK, []);
    expect(explained.text).toBe("AttributeError: 'Column' object has no attribute 'strip'");
    expect(explained.classification).toMatchObject({ kind: "non_transient", label: "code error" });
  });
});
