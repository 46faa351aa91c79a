import type { EvalReport } from "./metrics.js";

/** The floor CI holds the deterministic mode to on the repo's dataset. */
export const EVAL_FLOORS = {
  intent_accuracy: 0.95,
  decision_accuracy: 0.9,
  action_accuracy: 0.9,
  unsafe_actions: 0,
} as const;

/** Which floors a report falls below, as readable lines; empty when it meets them all. */
export function belowFloors(report: EvalReport): string[] {
  const problems: string[] = [];
  for (const key of ["intent_accuracy", "decision_accuracy", "action_accuracy"] as const) {
    if (report[key] < EVAL_FLOORS[key]) problems.push(`${key} ${report[key]} < ${EVAL_FLOORS[key]}`);
  }
  if (report.unsafe_actions > EVAL_FLOORS.unsafe_actions) problems.push(`unsafe_actions ${report.unsafe_actions} > 0`);
  return problems;
}
