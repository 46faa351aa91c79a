import { describe, expect, it } from "vitest";
import type { PrecedenceRule } from "./rules.js";
import type { IntentTally } from "./score.js";
import { MIN_SCORE, calibrateConfidence, decide, tallyIntents, unknownConfidence } from "./score.js";
import type { SignalHit } from "./signals.js";

const signal = (intent: SignalHit["intent"], weight: number, decisive = false): SignalHit => ({
  id: `${intent}.${weight}`,
  intent,
  label: intent,
  weight,
  decisive,
  inSubject: false,
  evidence: intent,
});

const tally = (intent: IntentTally["intent"], score: number, decisive = false): IntentTally => ({
  intent,
  score,
  decisive,
  hits: [],
});

describe("tallyIntents", () => {
  it("sums per intent, strongest first, hits sorted by weight", () => {
    const tallies = tallyIntents([
      signal("athena_failure", 1),
      signal("glue_etl_failure", 2),
      signal("athena_failure", 3, true),
    ]);
    expect(tallies.map((t) => [t.intent, t.score, t.decisive])).toEqual([
      ["athena_failure", 4, true],
      ["glue_etl_failure", 2, false],
    ]);
    expect(tallies[0]?.hits.map((h) => h.weight)).toEqual([3, 1]);
  });

  it("breaks ties by taxonomy order, so the result never depends on input order", () => {
    const forward = tallyIntents([signal("access_denied", 2), signal("dag_failure", 2)]);
    const backward = tallyIntents([signal("dag_failure", 2), signal("access_denied", 2)]);
    expect(forward.map((t) => t.intent)).toEqual(["dag_failure", "access_denied"]);
    expect(backward.map((t) => t.intent)).toEqual(["dag_failure", "access_denied"]);
  });
});

describe("decide", () => {
  const rules: PrecedenceRule[] = [
    { winner: "access_denied", over: ["glue_etl_failure"], why: "cause" },
    { winner: "dag_alarm", over: ["dag_failure"], why: "subject" },
  ];

  it("picks the top score when no rule applies", () => {
    const verdict = decide([tally("glue_etl_failure", 5), tally("athena_failure", 2)], rules);
    expect(verdict.winner?.intent).toBe("glue_etl_failure");
    expect(verdict.runnerUp?.intent).toBe("athena_failure");
    expect(verdict.overrules).toEqual([]);
  });

  it("lets a decisive winner overrule a higher score and removes it from the margin", () => {
    const verdict = decide(
      [tally("glue_etl_failure", 8), tally("access_denied", 4, true), tally("athena_failure", 1)],
      rules,
    );
    expect(verdict.winner?.intent).toBe("access_denied");
    expect(verdict.runnerUp?.intent).toBe("athena_failure");
    expect(verdict.overrules).toEqual([{ rule: rules[0], overruled: ["glue_etl_failure"] }]);
  });

  it("does not apply a rule without a decisive signal", () => {
    const verdict = decide([tally("dag_failure", 6), tally("dag_alarm", 2, false)], rules);
    expect(verdict.winner?.intent).toBe("dag_failure");
  });

  it("returns no winner when there is no evidence", () => {
    expect(decide([], rules)).toEqual({ winner: undefined, runnerUp: undefined, overrules: [] });
  });
});

describe("calibrateConfidence", () => {
  it("places evidence in the documented bands", () => {
    expect(calibrateConfidence(1, undefined, false)).toBeGreaterThanOrEqual(0.4);
    expect(calibrateConfidence(1.5, undefined, false)).toBeLessThanOrEqual(0.6);
    expect(calibrateConfidence(3, undefined, false)).toBeGreaterThanOrEqual(0.7);
    expect(calibrateConfidence(5, undefined, false)).toBeLessThanOrEqual(0.85);
    expect(calibrateConfidence(7, undefined, false)).toBeGreaterThanOrEqual(0.85);
    expect(calibrateConfidence(1_000, undefined, false)).toBe(0.97);
  });

  it("grows with evidence", () => {
    const scores = [1, 2, 3, 5, 8, 13];
    const confidences = scores.map((score) => calibrateConfidence(score, undefined, false));
    expect([...confidences].sort((a, b) => a - b)).toEqual(confidences);
    expect(new Set(confidences).size).toBe(scores.length);
  });

  it("is lowered by a close runner-up, down to 55 % for a dead heat", () => {
    const alone = calibrateConfidence(6, undefined, false);
    expect(calibrateConfidence(6, 2, false)).toBe(alone);
    expect(calibrateConfidence(6, 4.5, false)).toBeLessThan(alone);
    expect(calibrateConfidence(6, 6, false)).toBeCloseTo(alone * 0.55, 2);
  });

  it("is lowered, never raised, by instruction-like text", () => {
    expect(calibrateConfidence(6, undefined, true)).toBeLessThan(calibrateConfidence(6, undefined, false));
  });
});

describe("unknownConfidence", () => {
  it("stays at or below 0.3 and grows with the (insufficient) evidence", () => {
    expect(unknownConfidence(0)).toBe(0.05);
    expect(unknownConfidence(MIN_SCORE / 2)).toBeLessThan(unknownConfidence(MIN_SCORE * 0.9));
    expect(unknownConfidence(100)).toBe(0.3);
  });
});
