/**
 * The policy engine: deterministic rules, never a model. Rules, first match wins:
 *   1. run_error                        → human_review
 *      subject_conflict                 → human_review (the evidence would act on another resource
 *                                          than the incident's subject; a person says which)
 *   2. policy.overrides[intent]         → that decision (an auto_close/auto_retry override only when
 *                                          its safety preconditions hold, else human_review)
 *   3. verified fix, all gates, score ≥ thresholds.auto_close → auto_close
 *   4. transient cause, permitted retry within budget, gates, score ≥ thresholds.auto_retry → auto_retry
 *   5. a root cause was found (cause kind not "undetermined") and score ≥ thresholds.escalate → escalate
 *      (an expert needs something to act on; without a cause a person triages first)
 *   6. otherwise                        → human_review
 * Each auto rule is written as a list of "blockers" (why it may not fire); the rule fires when the
 * list is empty, and otherwise the blockers become the reasoning, so the explanation can never drift
 * from the logic. Scoring lives in scoring.ts.
 */
import type { PolicyConfig } from "../config/schema.js";
import type { ActionOutcome } from "../state/action.js";
import type { Decision } from "../state/decision.js";
import type { DecisionKind } from "../state/intents.js";
import type { PolicyInput } from "./input.js";
import { computeScores, type PolicyScores } from "./scoring.js";

/**
 * Gates compare with a tiny tolerance: `combined` is computed, and (0.7 + 0.3) / 2 must count as
 * reaching a 0.5 gate even though floating point makes it 0.49999999999999994.
 */
const FLOAT_TOLERANCE = 1e-9;
function reaches(value: number, threshold: number): boolean {
  return value >= threshold - FLOAT_TOLERANCE;
}

/** Numbers as people read them: float noise removed, no trailing zeros. */
function fmt(value: number): string {
  return String(Number(value.toFixed(6)));
}

const OUTCOME_WORDS: Record<ActionOutcome, string> = {
  succeeded: "verified succeeded",
  failed: "failed",
  in_progress: "is still in progress",
  dry_run: "would run (dry run)",
  refused: "was refused by the guardrails",
  error: "errored",
};

/** Outcomes during which a retry is already under way (or would be, in dry-run), so budget is not re-checked. */
const RETRY_UNDER_WAY: ReadonlySet<ActionOutcome> = new Set<ActionOutcome>(["in_progress", "dry_run"]);

/** The fix is verified: a remediation succeeded, or the incident recovered and nothing we did failed. */
export function isVerified(input: PolicyInput): boolean {
  const outcome = input.last_action?.outcome;
  if (outcome === "succeeded") return true;
  return input.cause_kind === "recovered" && outcome !== "failed" && outcome !== "error";
}

/** attempts_used ≥ budget, unless the last attempt is still in flight (or a dry run). */
export function isBudgetExhausted(input: PolicyInput): boolean {
  const outcome = input.last_action?.outcome;
  const underWay = outcome !== undefined && RETRY_UNDER_WAY.has(outcome);
  return input.attempts_used >= input.budget && !underWay;
}

function autoCloseBlockers(input: PolicyInput, scores: PolicyScores, policy: PolicyConfig): string[] {
  const { gates, thresholds } = policy;
  const blockers: string[] = [];
  if (!isVerified(input)) {
    blockers.push(input.cause_kind === "recovered" ? "the last action did not succeed" : "no verified fix");
  }
  if (!reaches(input.confidence, gates.min_confidence_for_auto_action)) {
    blockers.push(`confidence ${fmt(input.confidence)} below ${fmt(gates.min_confidence_for_auto_action)}`);
  }
  if (!reaches(input.evidence_score, gates.min_evidence_for_auto_close)) {
    blockers.push(`evidence ${fmt(input.evidence_score)} below ${fmt(gates.min_evidence_for_auto_close)}`);
  }
  if (!reaches(scores.combined, gates.min_combined_for_auto_action)) {
    blockers.push(`combined ${fmt(scores.combined)} below ${fmt(gates.min_combined_for_auto_action)}`);
  }
  if (!reaches(scores.score, thresholds.auto_close)) {
    blockers.push(`score ${fmt(scores.score)} below auto_close ${fmt(thresholds.auto_close)}`);
  }
  return blockers;
}

/** What makes a retry unsafe whatever the scores or overrides: wrong cause, no permitted action, no budget. */
function retrySafetyBlockers(input: PolicyInput): string[] {
  const blockers: string[] = [];
  if (input.cause_kind !== "transient") blockers.push(`root cause is not transient (${input.cause_kind})`);
  if (input.recommended_action === null) {
    blockers.push("no remediation recommended");
  } else if (!input.remediation_permitted) {
    blockers.push(
      input.remediation_refusal ??
        `${input.recommended_action} not permitted (resource not on the allow-list or tool unavailable)`,
    );
  }
  if (isBudgetExhausted(input)) blockers.push(`retry budget exhausted (${input.attempts_used}/${input.budget})`);
  return blockers;
}

/** Hard preconditions of each decision; an override cannot skip them. Only the auto decisions have any. */
function safetyBlockers(decision: DecisionKind, input: PolicyInput): string[] {
  if (decision === "auto_close") return isVerified(input) ? [] : ["no verified fix"];
  if (decision === "auto_retry") return retrySafetyBlockers(input);
  return [];
}

function autoRetryBlockers(input: PolicyInput, scores: PolicyScores, policy: PolicyConfig): string[] {
  const { gates, thresholds } = policy;
  const blockers: string[] = [];
  if (!input.retry_recommended) blockers.push("the investigation did not recommend a retry");
  blockers.push(...retrySafetyBlockers(input));
  if (input.last_action?.outcome === "succeeded") blockers.push(`${input.last_action.action} already succeeded`);
  if (!reaches(input.confidence, gates.min_confidence_for_auto_action)) {
    blockers.push(`confidence ${fmt(input.confidence)} below ${fmt(gates.min_confidence_for_auto_action)}`);
  }
  if (!reaches(scores.combined, gates.min_combined_for_auto_action)) {
    blockers.push(`combined ${fmt(scores.combined)} below ${fmt(gates.min_combined_for_auto_action)}`);
  }
  if (!reaches(scores.score, thresholds.auto_retry)) {
    blockers.push(`score ${fmt(scores.score)} below auto_retry ${fmt(thresholds.auto_retry)}`);
  }
  return blockers;
}

/** "Confidence (0.85) and evidence (0.75); retry_glue_job failed" — what we know, before the verdict. */
function situation(input: PolicyInput): string {
  const known = `Confidence (${fmt(input.confidence)}) and evidence (${fmt(input.evidence_score)})`;
  if (input.last_action !== null) {
    return `${known}; ${input.last_action.action} ${OUTCOME_WORDS[input.last_action.outcome]}`;
  }
  if (input.cause_kind === "recovered") return `${known}; already recovered, no action needed`;
  return known;
}

function retryWording(input: PolicyInput): string {
  const action = input.recommended_action ?? "retry";
  const outcome = input.last_action?.outcome;
  if (outcome === "in_progress") return `transient cause, ${action} in flight`;
  if (outcome === "dry_run") return `transient cause, ${action} would retry (dry run)`;
  return `transient cause, ${action} permitted (attempt ${input.attempts_used + 1}/${input.budget})`;
}

/** Why no auto decision: the blockers of the rule that was in reach. */
function whyNotAutomatic(input: PolicyInput, closeBlockers: string[], retryBlockers: string[]): string {
  // A recovered incident can only ever be closed, so its blockers are the relevant ones.
  if (isVerified(input) || input.cause_kind === "recovered") {
    return `auto_close not allowed: ${closeBlockers.join(", ")}`;
  }
  if (input.retry_recommended || input.recommended_action !== null) {
    return `auto_retry not allowed: ${retryBlockers.join(", ")}`;
  }
  return `no verified fix and no retry recommended (cause ${input.cause_kind})`;
}

export function decide(input: PolicyInput, policy: PolicyConfig): Decision {
  const scores = computeScores(input, policy.weights);
  const make = (decision: DecisionKind, reasoning: string): Decision => ({
    decision,
    score: scores.score,
    reasoning,
    component_scores: {
      intent_confidence: input.confidence,
      evidence_score: input.evidence_score,
      action_success: input.last_action === null ? null : input.last_action.outcome === "succeeded",
    },
  });
  const scoreText = `score ${fmt(scores.score)}`;

  if (input.run_error !== null) {
    return make("human_review", `An error interrupted the run: ${input.run_error} → human_review (${scoreText})`);
  }
  if (input.subject_conflict !== undefined) {
    return make("human_review", `No automatic action: ${input.subject_conflict} → human_review (${scoreText})`);
  }

  const override = policy.overrides[input.intent];
  if (override !== undefined) {
    const unsafe = safetyBlockers(override, input);
    if (unsafe.length === 0) {
      return make(override, `Policy override for ${input.intent} → ${override} (${scoreText})`);
    }
    // An override may overrule scores, never safety: an unverified auto_close or an unpermitted
    // auto_retry would close or retry for real. A person decides instead.
    return make(
      "human_review",
      `Policy override for ${input.intent} asks for ${override}, but ${unsafe.join(", ")} → human_review (${scoreText})`,
    );
  }

  const closeBlockers = autoCloseBlockers(input, scores, policy);
  if (closeBlockers.length === 0) {
    return make("auto_close", `${situation(input)} → auto_close (${scoreText})`);
  }

  const retryBlockers = autoRetryBlockers(input, scores, policy);
  if (retryBlockers.length === 0) {
    return make("auto_retry", `${situation(input)}; ${retryWording(input)} → auto_retry (${scoreText})`);
  }

  const why = whyNotAutomatic(input, closeBlockers, retryBlockers);
  if (input.cause_kind === "undetermined") {
    return make(
      "human_review",
      `${situation(input)}; ${why}; no root cause was determined → human_review (${scoreText})`,
    );
  }
  if (reaches(scores.score, policy.thresholds.escalate)) {
    return make(
      "escalate",
      `${situation(input)}; ${why} → escalate (${scoreText} ≥ ${fmt(policy.thresholds.escalate)})`,
    );
  }
  return make(
    "human_review",
    `${situation(input)}; ${why} → human_review (${scoreText} below escalate ${fmt(policy.thresholds.escalate)})`,
  );
}

/** A Markdown summary of a policy: what `decide` will do with it (beside `decide`, so the two change together). */
export function explainPolicy(policy: PolicyConfig): string {
  const { thresholds, gates, weights, overrides } = policy;
  const overrideRows = Object.entries(overrides).map(([intent, decision]) => `| ${intent} | ${decision} |`);
  return [
    "## Policy",
    "",
    "Rules, first match wins:",
    "",
    "1. An error interrupted the run → `human_review`.",
    "2. The intent has an override → that decision (an `auto_close` or `auto_retry` override only when the fix is verified, or the retry is safe and permitted; otherwise `human_review`).",
    `3. The fix is verified (the remediation succeeded, or the incident recovered and nothing failed), confidence ≥ ${fmt(gates.min_confidence_for_auto_action)}, evidence ≥ ${fmt(gates.min_evidence_for_auto_close)}, combined ≥ ${fmt(gates.min_combined_for_auto_action)} and score ≥ ${fmt(thresholds.auto_close)} → \`auto_close\`.`,
    `4. A retry is recommended for a transient cause, the guardrails permit it, budget remains (or the retry is in flight / a dry run), nothing succeeded yet, confidence ≥ ${fmt(gates.min_confidence_for_auto_action)}, combined ≥ ${fmt(gates.min_combined_for_auto_action)} and score ≥ ${fmt(thresholds.auto_retry)} → \`auto_retry\`.`,
    `5. A root cause was determined and score ≥ ${fmt(thresholds.escalate)} → \`escalate\` (without a root cause a person triages first).`,
    "6. Otherwise → `human_review`.",
    "",
    "Score = " +
      `${fmt(weights.confidence)} × confidence + ${fmt(weights.evidence)} × evidence + ${fmt(weights.action)} × action, ` +
      "rounded to 3 decimals; action is 1 for a verified success (or recovered with no action), 0.5 for no action, " +
      "in progress or dry run, 0.25 when refused, 0 when failed or errored. Combined = (confidence + evidence) / 2.",
    "",
    "| threshold | value |",
    "| --- | --- |",
    `| auto_close | ${fmt(thresholds.auto_close)} |`,
    `| auto_retry | ${fmt(thresholds.auto_retry)} |`,
    `| escalate | ${fmt(thresholds.escalate)} |`,
    `| human_review | ${fmt(thresholds.human_review)} |`,
    "",
    "| gate | value |",
    "| --- | --- |",
    `| min_confidence_for_auto_action | ${fmt(gates.min_confidence_for_auto_action)} |`,
    `| min_evidence_for_auto_close | ${fmt(gates.min_evidence_for_auto_close)} |`,
    `| min_combined_for_auto_action | ${fmt(gates.min_combined_for_auto_action)} |`,
    "",
    ...(overrideRows.length === 0
      ? ["Overrides: none."]
      : ["| override intent | decision |", "| --- | --- |", ...overrideRows]),
    "",
  ].join("\n");
}
