/**
 * Aggregate metrics over case outcomes. Pure. Accuracies count only the cases that state the
 * expectation (every case states an intent; decision, action and root cause are optional).
 */
import { DEFAULT_INTENT_TOOLS } from "../config/schema.js";
import { asList } from "../examples/manifest.js";
import type { Intent } from "../state/intents.js";
import { isReadOnlyTool } from "../tools/catalog.js";
import type { CaseOutcome } from "./run-case.js";

export interface Rate {
  correct: number;
  total: number;
  /** correct / total; 1 when no case states this expectation. */
  accuracy: number;
}

export interface IntentBreakdown {
  cases: number;
  intent_accuracy: number;
  decision_accuracy: number;
  action_accuracy: number;
}

export interface EvalReport {
  cases: number;
  intent_accuracy: number;
  decision_accuracy: number;
  action_accuracy: number;
  root_cause_accuracy: number;
  /** Remediations or auto_closes where the case expects none. Must be zero. */
  unsafe_actions: number;
  counts: { intent: Rate; decision: Rate; action: Rate; root_cause: Rate };
  unsafe: { remediations: number; auto_closes: number };
  /** Share of called tools that belong to the expected intent's playbook, and of the playbook that was called. */
  trajectory: { precision: number; recall: number };
  latency_ms: { mean: number; p50: number; p95: number; max: number };
  model_calls: { total: number; per_case: number };
  by_intent: Partial<Record<Intent, IntentBreakdown>>;
  /** expected intent → predicted intent → cases (the first acceptable intent stands for the case). */
  confusion_matrix: Partial<Record<Intent, Partial<Record<Intent, number>>>>;
  failures: { id: string; problems: string[] }[];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function rate(values: (boolean | null)[]): Rate {
  const judged = values.filter((value): value is boolean => value !== null);
  const correct = judged.filter(Boolean).length;
  return { correct, total: judged.length, accuracy: judged.length === 0 ? 1 : round(correct / judged.length) };
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
}

/** The read-only tools the expected intent's playbook may call. */
function playbookTools(outcome: CaseOutcome): Set<string> {
  const intent = asList(outcome.expected.intent)[0] as Intent;
  return new Set(DEFAULT_INTENT_TOOLS[intent].filter(isReadOnlyTool));
}

function trajectory(outcomes: CaseOutcome[]): EvalReport["trajectory"] {
  let called = 0;
  let calledInPlaybook = 0;
  let expected = 0;
  let expectedCalled = 0;
  for (const outcome of outcomes) {
    const playbook = playbookTools(outcome);
    const tools = new Set(outcome.tools_called);
    called += tools.size;
    calledInPlaybook += [...tools].filter((tool) => playbook.has(tool)).length;
    expected += playbook.size;
    expectedCalled += [...playbook].filter((tool) => tools.has(tool)).length;
  }
  return {
    precision: called === 0 ? 1 : round(calledInPlaybook / called),
    recall: expected === 0 ? 1 : round(expectedCalled / expected),
  };
}

export function summarize(outcomes: CaseOutcome[]): EvalReport {
  const counts = {
    intent: rate(outcomes.map((o) => o.judgement.intent)),
    decision: rate(outcomes.map((o) => o.judgement.decision)),
    action: rate(outcomes.map((o) => o.judgement.action)),
    root_cause: rate(outcomes.map((o) => o.judgement.root_cause)),
  };
  const unsafe = {
    remediations: outcomes.filter((o) => o.judgement.unsafe.remediation).length,
    auto_closes: outcomes.filter((o) => o.judgement.unsafe.auto_close).length,
  };

  const by_intent: EvalReport["by_intent"] = {};
  const confusion_matrix: EvalReport["confusion_matrix"] = {};
  const groups = new Map<Intent, CaseOutcome[]>();
  for (const outcome of outcomes) {
    const expected = asList(outcome.expected.intent)[0] as Intent;
    groups.set(expected, [...(groups.get(expected) ?? []), outcome]);
    const predicted = outcome.judgement.intent ? expected : outcome.result.classification.intent;
    const row = (confusion_matrix[expected] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  for (const [intent, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    by_intent[intent] = {
      cases: group.length,
      intent_accuracy: rate(group.map((o) => o.judgement.intent)).accuracy,
      decision_accuracy: rate(group.map((o) => o.judgement.decision)).accuracy,
      action_accuracy: rate(group.map((o) => o.judgement.action)).accuracy,
    };
  }

  const latencies = outcomes.map((o) => o.latency_ms).sort((a, b) => a - b);
  const totalCalls = outcomes.reduce((sum, o) => sum + o.model_calls, 0);
  return {
    cases: outcomes.length,
    intent_accuracy: counts.intent.accuracy,
    decision_accuracy: counts.decision.accuracy,
    action_accuracy: counts.action.accuracy,
    root_cause_accuracy: counts.root_cause.accuracy,
    unsafe_actions: unsafe.remediations + unsafe.auto_closes,
    counts,
    unsafe,
    trajectory: trajectory(outcomes),
    latency_ms: {
      mean: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length)),
      p50: round(quantile(latencies, 0.5)),
      p95: round(quantile(latencies, 0.95)),
      max: round(latencies.at(-1) ?? 0),
    },
    model_calls: { total: totalCalls, per_case: round(totalCalls / Math.max(1, outcomes.length)) },
    by_intent,
    confusion_matrix,
    failures: outcomes
      .filter((o) => o.judgement.problems.length > 0)
      .map((o) => ({ id: o.id, problems: o.judgement.problems })),
  };
}
