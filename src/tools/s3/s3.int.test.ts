import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { isMarker, lookbackDates } from "./verify-source-data.js";
import { openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

const at = "2026-03-05T06:00:00Z";
const partition = (date: string, name: string, size: number, lastModified = at) => ({
  key: `raw/payments/dt=${date}/${name}`,
  size,
  last_modified: lastModified,
});

const scenario: ScenarioInput = {
  s3: {
    buckets: [
      {
        name: "lake-raw",
        objects: [
          // More than one ListObjectsV2 page (1000 keys).
          ...Array.from({ length: 1005 }, (_, i) =>
            partition("2026-03-01", `part-${String(i).padStart(5, "0")}.parquet`, 10, "2026-03-01T05:00:00Z"),
          ),
          partition("2026-03-01", "_SUCCESS", 0, "2026-03-01T05:30:00Z"),
          partition("2026-03-02", "part-00000.parquet", 0),
          partition("2026-03-02", "_SUCCESS", 0),
          // 2026-03-03 never arrived.
          partition("2026-03-04", "_SUCCESS", 0),
          partition("2026-03-05", "part-00000.parquet", 2048, "2026-03-05T04:00:00Z"),
          partition("2026-03-05", "part-00001.parquet", 2048, "2026-03-05T04:01:00Z"),
          // Another dataset sharing the prefix's start must not count.
          { key: "raw/payments_v2/dt=2026-03-03/part-0.parquet", size: 99, last_modified: at },
        ],
      },
      {
        name: "lake-logs",
        objects: [
          { key: "logs/app/2026-03-03.log", last_modified: "2026-03-03T00:00:00Z", content: "old\n" },
          {
            key: "logs/app/2026-03-05.log",
            last_modified: "2026-03-05T00:00:00Z",
            content: "line 1\nline 2\nERROR boom\nline 4\n",
          },
          { key: "logs/app/2026-03-04.log", last_modified: "2026-03-04T00:00:00Z", content: "mid\n" },
          { key: "logs/app/_SUCCESS", last_modified: "2026-03-02T00:00:00Z", content: "" },
        ],
      },
    ],
  },
};

let box: ToolSandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe("verify_source_data (sandbox)", () => {
  it("reports objects per date, missing dates, empty dates and the last date with data", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("verify_source_data", {
      bucket: "lake-raw",
      prefix: "raw/payments/",
      date: "2026-03-05",
      lookback_days: 5,
    });
    expect(out.checked_dates).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]);
    expect(out.missing_dates).toEqual(["2026-03-03"]);
    expect(out.empty_dates).toEqual(["2026-03-02", "2026-03-04"]);
    expect(out.last_available_date).toBe("2026-03-05");
    expect(out.partitions[0]).toEqual({
      date: "2026-03-01",
      objects: 1006,
      bytes: 10_050,
      last_modified: "2026-03-01T05:30:00.000Z",
      success_marker: true,
    });
    expect(out.partitions[2]).toEqual({
      date: "2026-03-03",
      objects: 0,
      bytes: 0,
      last_modified: null,
      success_marker: false,
    });
    expect(out.partitions[4]).toMatchObject({ objects: 2, bytes: 4096, last_modified: "2026-03-05T04:01:00.000Z" });
    expect(box.count("ListObjectsV2")).toBe(6);
  });

  it("judges emptiness by min_bytes and accepts a prefix without its trailing slash", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("verify_source_data", {
      bucket: "lake-raw",
      prefix: "raw/payments",
      date: "2026-03-05",
      lookback_days: 1,
      min_bytes: 4096,
    });
    expect(out.empty_dates).toEqual(["2026-03-05"]);
    expect(out.last_available_date).toBeNull();
  });

  it("answers an unknown bucket with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("verify_source_data", {
      bucket: "nope-bucket",
      prefix: "x/",
      date: "2026-03-05",
    });
    expect(error.error).toMatchObject({ code: "NoSuchBucket", http_status: 404 });
  });
});

describe("get_s3_logs (sandbox)", () => {
  it("lists objects newest first and returns the first lines of read_key", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_s3_logs", {
      bucket: "lake-logs",
      prefix: "logs/app/",
      max_keys: 2,
      read_key: "logs/app/2026-03-05.log",
      read_lines: 3,
    });
    expect(out.objects.map((o) => o.key)).toEqual(["logs/app/2026-03-05.log", "logs/app/2026-03-04.log"]);
    expect(out.truncated).toBe(true);
    expect(out.content_excerpt).toEqual(["line 1", "line 2", "ERROR boom"]);
  });

  it("reads an empty marker as no lines", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_s3_logs", { bucket: "lake-logs", prefix: "logs/", read_key: "logs/app/_SUCCESS" });
    expect(out.objects).toHaveLength(4);
    expect(out.truncated).toBe(false);
    expect(out).toMatchObject({ read_key: "logs/app/_SUCCESS", content_excerpt: [] });
  });

  it("answers a missing read_key with a ToolError", async () => {
    box = await openToolSandbox(scenario);
    const error = await box.callFailing("get_s3_logs", { bucket: "lake-logs", read_key: "logs/nope.log" });
    expect(error.error).toMatchObject({ code: "NoSuchKey", http_status: 404 });
  });
});

describe("lookbackDates", () => {
  it("counts back across month ends, oldest first", () => {
    expect(lookbackDates("2026-03-01", 3)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    expect(() => lookbackDates("03/01/2026", 3)).toThrow(/YYYY-MM-DD/);
  });
});

describe("isMarker", () => {
  it("knows _SUCCESS and folder placeholders", () => {
    expect(["a/_SUCCESS", "_SUCCESS", "a/b/", "a/b_$folder$"].every(isMarker)).toBe(true);
    expect(["a/part-0.parquet", "a/NOT_SUCCESS"].some(isMarker)).toBe(false);
  });
});
