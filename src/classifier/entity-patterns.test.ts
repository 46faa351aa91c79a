import { describe, expect, it } from "vitest";
import { alarmName, cleanName, escapeRegExp, resourceLikeName } from "./entity-patterns.js";

describe("entity name checks", () => {
  it("cleanName drops prose punctuation and prose words", () => {
    expect(cleanName("daily_sales.")).toBe("daily_sales");
    expect(cleanName("failed")).toBeUndefined();
    expect(cleanName("x")).toBeUndefined();
  });

  it("resourceLikeName wants a separator or digit and no stage", () => {
    expect(resourceLikeName("prod-data-airflow")).toBe("prod-data-airflow");
    expect(resourceLikeName("orders_v2")).toBe("orders_v2");
    expect(resourceLikeName("airflow2")).toBe("airflow2");
    expect(resourceLikeName("Production")).toBeUndefined();
    expect(resourceLikeName("pre-prod")).toBeUndefined();
    expect(resourceLikeName("nightly")).toBeUndefined();
  });

  it("alarmName keeps names with spaces and drops alarm states", () => {
    expect(alarmName(" orders freshness breach ")).toBe("orders freshness breach");
    expect(alarmName("OK")).toBeUndefined();
    expect(alarmName("INSUFFICIENT_DATA")).toBeUndefined();
    expect(alarmName("state")).toBeUndefined();
  });

  it("escapeRegExp makes a name match only itself", () => {
    expect(new RegExp(escapeRegExp("a.b+c")).test("a.b+c")).toBe(true);
    expect(new RegExp(`^${escapeRegExp("a.b")}$`).test("axb")).toBe(false);
  });
});
