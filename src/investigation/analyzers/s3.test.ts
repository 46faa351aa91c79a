import { describe, expect, it } from "vitest";
import { partition, s3LogsOutput, verifyOutput } from "../../../test/fixtures/tool-outputs.js";
import { analyzeS3Logs, analyzeVerifySourceData } from "./s3.js";

describe("analyzeVerifySourceData", () => {
  it("reports the missing reference day as non-transient missing source data", () => {
    const result = analyzeVerifySourceData(
      verifyOutput({
        partitions: [partition("2024-01-13"), partition("2024-01-14")],
        missing_dates: ["2024-01-15"],
        last_available_date: "2024-01-14",
      }),
      { partition_key: "dt" },
    );
    expect(result).toMatchObject({
      cause_kind: "non_transient",
      cause_label: "missing source data",
      strength: 0.85,
      remediation: null,
      root_cause: "No objects under s3://datalake-raw/raw/payments/dt=2024-01-15/ (last available: 2024-01-14)",
    });
  });

  it("lists several missing days, and is weaker when the reference day is present", () => {
    const result = analyzeVerifySourceData(
      verifyOutput({
        partitions: [partition("2024-01-15")],
        missing_dates: ["2024-01-13", "2024-01-14"],
      }),
    );
    expect(result.root_cause).toContain("dt=… for 2024-01-13, 2024-01-14");
    expect(result.strength).toBe(0.7);
  });

  it("reports zero-byte days", () => {
    const result = analyzeVerifySourceData(
      verifyOutput({ partitions: [partition("2024-01-15", 1, 0)], empty_dates: ["2024-01-15"] }),
      { partition_key: "ingest_date" },
    );
    expect(result).toMatchObject({ cause_kind: "non_transient", cause_label: "zero-byte source data", strength: 0.85 });
    expect(result.root_cause).toContain("zero bytes under s3://datalake-raw/raw/payments/ingest_date=2024-01-15/");
  });

  it("reports present data as recovered-ish evidence, with the reference day's arrival time", () => {
    const result = analyzeVerifySourceData(
      verifyOutput({
        partitions: [
          partition("2024-01-14"),
          partition("2024-01-15", 2, 10, "2024-01-15T09:00:00Z"),
          partition("2024-01-15", 1, 10, "2024-01-15T07:00:00Z"),
        ],
      }),
    );
    expect(result).toMatchObject({
      cause_kind: "recovered",
      recovered: true,
      strength: 0.8,
      succeeded_at: "2024-01-15T09:00:00Z",
    });
    expect(result.root_cause).toContain("Expected data is present under s3://datalake-raw/raw/payments/: 6 objects");
  });

  it("does not take a far-smaller-than-usual day (a header-only file) for data that arrived", () => {
    const result = analyzeVerifySourceData(
      verifyOutput({
        partitions: [
          partition("2024-01-13", 1, 2_000_000),
          partition("2024-01-14", 1, 2_100_000),
          partition("2024-01-15", 1, 46),
        ],
      }),
    );
    expect(result).toMatchObject({
      cause_kind: "non_transient",
      cause_label: "zero-byte source data",
      recovered: false,
    });
    expect(result.root_cause).toContain("Only 46 bytes under s3://datalake-raw/raw/payments/dt=2024-01-15/");
  });

  it("reports a day without the _SUCCESS marker the other days have as incomplete", () => {
    const marked = (date: string) => partition(date, 4, 3000, `${date}T01:00:00Z`, true);
    const result = analyzeVerifySourceData(
      verifyOutput({ partitions: [marked("2024-01-13"), marked("2024-01-14"), partition("2024-01-15", 3, 3000)] }),
    );
    expect(result).toMatchObject({ cause_kind: "non_transient", cause_label: "incomplete data", recovered: false });
    expect(result.root_cause).toContain("no _SUCCESS marker");
    const complete = analyzeVerifySourceData(
      verifyOutput({ partitions: [marked("2024-01-13"), marked("2024-01-14"), marked("2024-01-15")] }),
    );
    expect(complete).toMatchObject({ cause_kind: "recovered" });
  });

  it("handles an empty check", () => {
    expect(analyzeVerifySourceData(verifyOutput({ checked_dates: [], partitions: [] }))).toMatchObject({
      strength: 0.1,
      root_cause: null,
    });
  });
});

describe("analyzeS3Logs", () => {
  it("says nothing arrived when the listing is empty", () => {
    expect(analyzeS3Logs(s3LogsOutput())).toMatchObject({
      cause_kind: "non_transient",
      root_cause: "No objects under s3://datalake-raw/raw/payments/",
      strength: 0.5,
    });
  });

  it("reads an error line out of a read log", () => {
    const result = analyzeS3Logs(
      s3LogsOutput({
        objects: [{ key: "raw/payments/_LOG", size: 10, last_modified: "2024-01-15T01:00:00Z" }],
        read_key: "raw/payments/_LOG",
        content_excerpt: ["start", "upload failed: ThrottlingException: Rate exceeded"],
      }),
    );
    expect(result).toMatchObject({ cause_kind: "transient", cause_label: "throttling" });
  });

  it("summarises a listing without concluding", () => {
    const result = analyzeS3Logs(
      s3LogsOutput({
        objects: [{ key: "raw/payments/dt=2024-01-15/a.parquet", size: 99, last_modified: "2024-01-15T01:00:00Z" }],
        truncated: true,
      }),
    );
    expect(result).toMatchObject({ root_cause: null, strength: 0.3 });
    expect(result.summary).toContain("1+ objects");
  });
});
