import { describe, expect, it } from "vitest";
import { isAfter, normaliseDay, utcDayOf } from "./dates.js";
import { datasetName, datedLocationsInText, splitDatasetPrefix } from "./s3-paths.js";

describe("s3 paths", () => {
  it("splits the dataset prefix from its date partition", () => {
    expect(splitDatasetPrefix("raw/payments/dt=2024-01-15/hour=03/")).toEqual({
      prefix: "raw/payments/",
      partition_key: "dt",
      date: "2024-01-15",
    });
    expect(splitDatasetPrefix("raw/payments")).toEqual({ prefix: "raw/payments/", partition_key: null, date: null });
    expect(splitDatasetPrefix("raw/a.csv", true)).toEqual({ prefix: "raw/", partition_key: null, date: null });
    expect(splitDatasetPrefix("")).toEqual({ prefix: "", partition_key: null, date: null });
  });

  it("finds dated locations in error text, deduplicated", () => {
    const text =
      "Path does not exist: s3://datalake-raw/raw/payments/dt=2024-01-15/part-0.parquet; also 's3a://datalake-raw/raw/payments/dt=2024-01-15/part-1.parquet' and s3://logs/x.txt";
    expect(datedLocationsInText(text)).toEqual([
      { bucket: "datalake-raw", prefix: "raw/payments/", partition_key: "dt", date: "2024-01-15" },
    ]);
  });

  it("names a dataset", () => {
    expect(datasetName("curated/sales/dt=2024-01-15/")).toBe("sales");
    expect(datasetName(undefined)).toBeNull();
  });
});

describe("dates", () => {
  it("normalises days and rejects impossible ones", () => {
    expect(normaliseDay("2024-02-29")).toBe("2024-02-29");
    expect(normaliseDay("2023-02-29")).toBeNull();
    expect(normaliseDay("15/01/2024")).toBeNull();
    expect(utcDayOf("2024-01-15 23:59:59")).toBe("2024-01-15");
    expect(utcDayOf("2024-01-15T23:59:59+0100")).toBe("2024-01-15");
  });

  it("compares times strictly, false when unparseable", () => {
    expect(isAfter("2024-01-15T02:00:00Z", "2024-01-15T01:00:00Z")).toBe(true);
    expect(isAfter("2024-01-15T01:00:00Z", "2024-01-15T01:00:00Z")).toBe(false);
    expect(isAfter(null, "2024-01-15T01:00:00Z")).toBe(false);
  });
});
