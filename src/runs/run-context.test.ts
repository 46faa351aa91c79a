import { describe, expect, it } from "vitest";
import { resolveConfig } from "../config/load.js";
import { configDigest, runContextConflict, runContextFor } from "./run-context.js";

const config = resolveConfig({ remediation: { allow_list: { glue_jobs: ["etl_*"] } } });
const context = runContextFor(config, { config_source: "/etc/io/prod.json", scenario: null, tools: "mcp" });

describe("configDigest", () => {
  it("is the same for the same config whatever the key order, and differs for another", () => {
    const reordered = resolveConfig(JSON.parse(JSON.stringify(config)) as Record<string, unknown>);
    expect(configDigest(reordered)).toBe(configDigest(config));
    expect(configDigest(resolveConfig({}))).not.toBe(configDigest(config));
  });
});

describe("runContextConflict", () => {
  it("finds none when nothing the resume names differs", () => {
    expect(runContextConflict("t1", context, resolveConfig(context.config))).toBeNull();
    expect(runContextConflict("t1", context, config, { tools: "mcp", scenario: null })).toBeNull();
  });

  it("names another config, saying where the run's came from", () => {
    const conflict = runContextConflict("t1", context, resolveConfig({}), { config_source: "/tmp/other.json" });
    expect(conflict).toMatch(
      /^thread t1 was run with \/etc\/io\/prod\.json \(config digest [0-9a-f]{12}\), not this config \(\/tmp\/other\.json\)/,
    );
  });

  it("names a dry run resumed for real, another scenario and another tool source", () => {
    const dry = runContextFor(resolveConfig({ remediation: { dry_run: true } }));
    expect(runContextConflict("t1", dry, resolveConfig({}))).toMatch(/the run was a dry run$/);
    expect(runContextConflict("t1", context, config, { scenario: "/s.json" })).toBe(
      "thread t1 was run on AWS, not a sandbox, not scenario /s.json",
    );
    expect(runContextConflict("t1", context, config, { tools: "in-process" })).toBe(
      "thread t1 ran its tools mcp, not in-process",
    );
  });
});
