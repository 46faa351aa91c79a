import { describe, expect, it } from "vitest";
import { PRECEDENCE } from "../classifier/rules.js";
import { resolveConfig } from "../config/load.js";
import { INTENTS } from "../state/intents.js";
import { TOOL_NAMES } from "../tools/catalog.js";
import { INTENT_BY_NAME, INTENT_DEFINITIONS, INTENT_NAMES, playbookChooses } from "./catalog.js";

describe("the intent catalog", () => {
  it("is the taxonomy: thirteen intents, unknown last, each name once", () => {
    expect(INTENTS).toBe(INTENT_NAMES);
    expect(INTENT_NAMES).toHaveLength(13);
    expect(new Set(INTENT_NAMES).size).toBe(INTENT_NAMES.length);
    expect(INTENT_NAMES.at(-1)).toBe("unknown");
  });

  it("gives every known intent signals, and unknown none", () => {
    for (const definition of INTENT_DEFINITIONS) {
      const count = definition.signals.text.length;
      if (definition.name === "unknown") expect(count).toBe(0);
      else expect(count, definition.name).toBeGreaterThan(0);
      expect(definition.meaning, definition.name).toMatch(/^\S.+[^.]$/);
    }
  });

  it("names only catalogued tools, and its primary tools are among its own", () => {
    for (const definition of INTENT_DEFINITIONS) {
      for (const tool of definition.tools) expect(TOOL_NAMES, definition.name).toContain(tool);
      for (const tool of definition.primaryTools) expect(definition.tools, definition.name).toContain(tool);
    }
  });

  it("is where the config defaults come from", () => {
    const config = resolveConfig({});
    for (const definition of INTENT_DEFINITIONS) {
      expect(config.intent_tools[definition.name]).toEqual(definition.tools);
      expect(config.remediation.budgets[definition.name]).toBe(definition.retryBudget);
    }
    expect(config.policy.overrides).toEqual({ access_denied: "escalate", kafka_events_failed: "human_review" });
    expect(config.routing.fast_track_intents).toEqual(["access_denied"]);
  });

  it("orders the precedence rules by rank, each winner once", () => {
    const ranked = INTENT_DEFINITIONS.flatMap((definition) =>
      definition.precedence ? [{ name: definition.name, rank: definition.precedence.rank }] : [],
    ).sort((a, b) => a.rank - b.rank);
    expect(new Set(ranked.map((entry) => entry.rank)).size).toBe(ranked.length);
    expect(PRECEDENCE.map((rule) => rule.winner)).toEqual(ranked.map((entry) => entry.name));
    // access_denied is over every other known intent; batch recovery over all but access_denied.
    expect(PRECEDENCE[0]?.over).toHaveLength(11);
    expect(PRECEDENCE[1]?.over).not.toContain("access_denied");
  });

  it("answers the playbooks' per-intent choices", () => {
    expect(playbookChooses("source_zero_data", "historicalLookback")).toBe(true);
    expect(playbookChooses("data_missing", "historicalLookback")).toBe(false);
    expect(playbookChooses("mwaa_failure", "environmentHealth")).toBe(true);
    expect(INTENT_BY_NAME.dag_failure.followUpTools).toEqual(["get_glue_logs", "verify_source_data"]);
  });
});
