import type { OrchestrationResult } from "../state/result.js";
import { asList, type Expectation } from "./manifest.js";

/** Where a result departs from what was expected; empty when it matches. Pure. */
export function compareWithExpectation(result: OrchestrationResult, expected: Expectation): string[] {
  const problems: string[] = [];
  const intents = asList(expected.intent);
  if (!intents.includes(result.classification.intent)) {
    problems.push(`intent ${result.classification.intent}, expected ${intents.join(" | ")}`);
  }
  if (expected.decision !== undefined) {
    const decisions = asList(expected.decision);
    if (!decisions.includes(result.decision.decision)) {
      problems.push(`decision ${result.decision.decision}, expected ${decisions.join(" | ")}`);
    }
  }
  if (expected.action !== undefined && result.action.action !== expected.action) {
    problems.push(`action ${result.action.action ?? "none"}, expected ${expected.action ?? "none"}`);
  }
  const rootCause = result.investigation.root_cause.toLowerCase();
  for (const part of expected.root_cause_contains) {
    if (!rootCause.includes(part.toLowerCase())) problems.push(`root cause lacks "${part}"`);
  }
  return problems;
}
