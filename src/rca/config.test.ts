import { describe, expect, it } from "vitest";
import { DEFAULT_RCA_CONFIG, RcaConfigSchema } from "./config.js";

describe("RcaConfigSchema", () => {
  it("defaults to a local rca/ directory", () => {
    expect(DEFAULT_RCA_CONFIG).toEqual({ enabled: true, directory: "rca" });
  });

  it("takes an S3 bucket, with rca/ as the default prefix", () => {
    expect(RcaConfigSchema.parse({ s3: { bucket: "acme-rca" } }).s3).toEqual({ bucket: "acme-rca", prefix: "rca/" });
    expect(RcaConfigSchema.parse({ s3: { bucket: "acme-rca", prefix: "" } }).s3?.prefix).toBe("");
  });

  it("refuses what would go wrong at the first write", () => {
    for (const bad of [
      { s3: { bucket: "Acme_RCA" } },
      { s3: { bucket: "acme-rca", prefix: "rca" } },
      { s3: { bucket: "acme-rca", prefix: "/rca/" } },
      { directory: " " },
      { dir: "rca" },
    ]) {
      expect(RcaConfigSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
