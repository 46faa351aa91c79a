/**
 * Policy scoring: pure arithmetic, no decisions.
 *
 *   action_score = 1.0   last action succeeded, or cause "recovered" and no action was taken
 *                  0.5   no action (neutral: doing nothing is not a success), in_progress, dry_run
 *                  0.25  refused by the guardrails
 *                  0.0   failed, or the tool call errored
 *   combined     = (confidence + evidence_score) / 2
 *                  "how sure we are what this is and why"; used only as a gate
 *   score        = clamp01(round3(w.confidence·confidence + w.evidence·evidence_score + w.action·action_score))
 *                  weights from config.policy.weights (defaults 0.4 / 0.4 / 0.2)
 *
 * The seed's example: confidence 0.85, evidence 0.75, retry succeeded →
 * 0.4·0.85 + 0.4·0.75 + 0.2·1.0 = 0.84.
 */
import type { PolicyConfig } from "../config/schema.js";
import type { ActionOutcome } from "../state/action.js";
import type { CauseKind } from "../state/investigation.js";
import type { LastAction } from "./input.js";

export const NO_ACTION_SCORE = 0.5;

const OUTCOME_SCORES: Record<ActionOutcome, number> = {
  succeeded: 1,
  in_progress: 0.5,
  dry_run: 0.5,
  refused: 0.25,
  failed: 0,
  error: 0,
};

export function actionScore(lastAction: LastAction | null, causeKind: CauseKind): number {
  if (lastAction === null) return causeKind === "recovered" ? 1 : NO_ACTION_SCORE;
  return OUTCOME_SCORES[lastAction.outcome];
}

export function combinedScore(confidence: number, evidenceScore: number): number {
  return (confidence + evidenceScore) / 2;
}

/** Rounds to 3 decimals (what people read) and clamps, so weights off by float noise cannot leave [0, 1]. */
export function roundScore(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  return Math.min(1, Math.max(0, rounded));
}

export interface PolicyScores {
  action_score: number;
  combined: number;
  score: number;
}

export interface ScoringInput {
  confidence: number;
  evidence_score: number;
  cause_kind: CauseKind;
  last_action: LastAction | null;
}

export function computeScores(input: ScoringInput, weights: PolicyConfig["weights"]): PolicyScores {
  const action_score = actionScore(input.last_action, input.cause_kind);
  const weighted =
    weights.confidence * input.confidence + weights.evidence * input.evidence_score + weights.action * action_score;
  return {
    action_score,
    combined: combinedScore(input.confidence, input.evidence_score),
    score: roundScore(weighted),
  };
}
