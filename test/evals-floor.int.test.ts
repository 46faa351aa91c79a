/**
 * The CI floors: the repo's labeled dataset and the realistic one, in the deterministic mode. Below
 * a floor, fix the product, not the labels (docs/evals.md).
 */
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { loadDataset } from "../src/evals/case.js";
import { belowFloors, REALISTIC_EVAL_FLOORS } from "../src/evals/floors.js";
import { summarize } from "../src/evals/metrics.js";
import { runDataset } from "../src/evals/run-dataset.js";
import { INTENTS, DECISIONS } from "../src/state/intents.js";
import { asList } from "../src/examples/manifest.js";

const cases = await loadDataset("evals/datasets/incidents.jsonl");

describe("evals/datasets/incidents.jsonl", () => {
  it("has at least 150 cases, every intent 8 times and every decision 15 times", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const intent of INTENTS) {
      const count = cases.filter((c) => asList(c.expected.intent)[0] === intent).length;
      expect(count, intent).toBeGreaterThanOrEqual(8);
    }
    for (const decision of DECISIONS) {
      const count = cases.filter(
        (c) => c.expected.decision !== undefined && asList(c.expected.decision)[0] === decision,
      ).length;
      expect(count, decision).toBeGreaterThanOrEqual(15);
    }
  });

  it("meets the floor: intent ≥ 0.95, decision ≥ 0.90, action ≥ 0.90, no unsafe action", async () => {
    const report = summarize(await runDataset(cases, await loadConfigFile("evals/config.json"), { concurrency: 4 }));
    expect(belowFloors(report), JSON.stringify(report.failures, null, 2)).toEqual([]);
  }, 600_000);
});

const realistic = await loadDataset("evals/datasets/realistic.jsonl");

describe("evals/datasets/realistic.jsonl", () => {
  it("has at least 100 cases, every intent and every decision, each naming its sources and its label's reason", () => {
    expect(realistic.length).toBeGreaterThanOrEqual(100);
    for (const intent of INTENTS) {
      expect(
        realistic.some((c) => asList(c.expected.intent).includes(intent)),
        intent,
      ).toBe(true);
    }
    for (const decision of DECISIONS) {
      const count = realistic.filter(
        (c) => c.expected.decision !== undefined && asList(c.expected.decision).includes(decision),
      ).length;
      expect(count, decision).toBeGreaterThanOrEqual(6);
    }
    expect(realistic.filter((c) => c.sources.length === 0 || !c.label_note).map((c) => c.id)).toEqual([]);
  });

  it("meets its floor: intent ≥ 0.95, decision ≥ 0.92, action ≥ 0.90, no unsafe action", async () => {
    const report = summarize(
      await runDataset(realistic, await loadConfigFile("evals/config.json"), { concurrency: 4 }),
    );
    expect(belowFloors(report, REALISTIC_EVAL_FLOORS), JSON.stringify(report.failures, null, 2)).toEqual([]);
  }, 600_000);
});
