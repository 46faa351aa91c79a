import type { EvalReport } from "./metrics.js";

/** The floor CI holds the deterministic mode to on the repo's dataset. */
export const EVAL_FLOORS = {
  intent_accuracy: 0.95,
  decision_accuracy: 0.9,
  action_accuracy: 0.9,
  unsafe_actions: 0,
} as const;

/**
 * The floor on the realistic dataset (evals/datasets/realistic.jsonl): tickets written as real ones
 * are, from public error strings and notification formats, labelled before the product ran on them.
 */
export const REALISTIC_EVAL_FLOORS = {
  intent_accuracy: 0.95,
  decision_accuracy: 0.92,
  action_accuracy: 0.9,
  unsafe_actions: 0,
} as const;

export type EvalFloors = typeof EVAL_FLOORS | typeof REALISTIC_EVAL_FLOORS;

/** Which floors a report falls below, as readable lines; empty when it meets them all. */
export function belowFloors(report: EvalReport, floors: EvalFloors = EVAL_FLOORS): string[] {
  const problems: string[] = [];
  for (const key of ["intent_accuracy", "decision_accuracy", "action_accuracy"] as const) {
    if (report[key] < floors[key]) problems.push(`${key} ${report[key]} < ${floors[key]}`);
  }
  if (report.unsafe_actions > floors.unsafe_actions) problems.push(`unsafe_actions ${report.unsafe_actions} > 0`);
  return problems;
}
