import { describe, expect, it } from "vitest";
import { INTENTS } from "../state/intents.js";
import { CORROBORATION_WEIGHT, ENTITY_SIGNALS, PRECEDENCE, SUBJECT_WEIGHT, TEXT_SIGNALS } from "./rules.js";
import { MIN_SCORE } from "./score.js";

describe("rules data", () => {
  it("has unique ids and positive weights", () => {
    const ids = [...TEXT_SIGNALS, ...ENTITY_SIGNALS].map((signal) => signal.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const signal of [...TEXT_SIGNALS, ...ENTITY_SIGNALS]) expect(signal.weight).toBeGreaterThan(0);
  });

  it("gives every intent but unknown at least one decisive or strong text signal", () => {
    for (const intent of INTENTS.filter((candidate) => candidate !== "unknown")) {
      const strongest = Math.max(...TEXT_SIGNALS.filter((s) => s.intent === intent).map((s) => s.weight));
      expect(strongest, intent).toBeGreaterThanOrEqual(2);
    }
  });

  it("writes patterns for lower-cased text", () => {
    for (const signal of TEXT_SIGNALS) {
      const withoutEscapes = signal.pattern.source.replace(/\\[A-Za-z]/g, "");
      expect(withoutEscapes, signal.id).toBe(withoutEscapes.toLowerCase());
      expect(signal.pattern.flags, signal.id).not.toContain("g");
    }
  });

  it("has precedence winners with decisive signals and no rule placing an intent over itself", () => {
    for (const rule of PRECEDENCE) {
      expect(rule.over).not.toContain(rule.winner);
      expect(TEXT_SIGNALS.some((s) => s.intent === rule.winner && s.decisive === true)).toBe(true);
    }
  });

  it("has no precedence cycles (a later rule never places an earlier winner below itself)", () => {
    PRECEDENCE.forEach((rule, index) => {
      for (const earlier of PRECEDENCE.slice(0, index)) expect(rule.over).not.toContain(earlier.winner);
    });
  });

  it("names a dag_alarm only in DAG context: context-free alarm evidence stays below MIN_SCORE", () => {
    const dagAlarmSignals = TEXT_SIGNALS.filter((signal) => signal.intent === "dag_alarm");
    const dagContext = "alarm on dag_id=orders (namespace AmazonMWAA)";
    const noDagContext = "alarm on bastion cpu (namespace AWS/EC2)";
    for (const signal of dagAlarmSignals) {
      if (signal.requires !== undefined) {
        expect(signal.requires.test(dagContext), signal.id).toBe(true);
        expect(signal.requires.test(noDagContext), signal.id).toBe(false);
        continue;
      }
      // The only exception: weak, and only where there is no DAG context at all.
      expect(signal.unless?.test(dagContext), signal.id).toBe(true);
      expect(signal.weight * (SUBJECT_WEIGHT + CORROBORATION_WEIGHT), signal.id).toBeLessThan(MIN_SCORE);
    }
  });

  it("runs every pattern in linear time on adversarial input", () => {
    const inputs = ["a".repeat(20_000), "glue ".repeat(4_000), "- ".repeat(10_000), "failed ".repeat(3_000)];
    for (const signal of TEXT_SIGNALS) {
      const pattern = new RegExp(signal.pattern.source, `${signal.pattern.flags}g`);
      for (const input of inputs) {
        const started = performance.now();
        pattern.lastIndex = 0;
        pattern.exec(input);
        expect(performance.now() - started, `${signal.id} on ${input.slice(0, 8)}`).toBeLessThan(250);
      }
    }
  });
});
