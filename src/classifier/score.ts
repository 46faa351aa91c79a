import { INTENTS } from "../state/intents.js";
import type { KnownIntent, PrecedenceRule } from "./rules.js";
import { PRECEDENCE } from "./rules.js";
import type { SignalHit } from "./signals.js";

/** The evidence for one intent. */
export interface IntentTally {
  readonly intent: KnownIntent;
  readonly score: number;
  /** True when at least one decisive signal matched (see rules.ts, Precedence). */
  readonly decisive: boolean;
  /** Strongest first. */
  readonly hits: readonly SignalHit[];
}

export interface Overrule {
  readonly rule: PrecedenceRule;
  /** Intents that had evidence and left the contest because of this rule. */
  readonly overruled: readonly KnownIntent[];
}

export interface Verdict {
  readonly winner?: IntentTally;
  /** The best intent still in the contest after precedence: the one the margin is measured against. */
  readonly runnerUp?: IntentTally;
  readonly overrules: readonly Overrule[];
}

/** Below this total the ticket says too little to name an intent: it is `unknown`. */
export const MIN_SCORE = 1;
/** Half-saturation of the evidence curve: a total of K gives 0.5 before the margin. */
const EVIDENCE_K = 1;
/** A runner-up under this fraction of the winner's score costs nothing. */
const FREE_MARGIN_RATIO = 0.4;
/** The most a dead heat can take off (confidence × (1 − this)). */
const MAX_MARGIN_PENALTY = 0.45;
/** Instruction-like text never raises confidence; it lowers it a little. */
const INJECTION_FACTOR = 0.9;
const MAX_CONFIDENCE = 0.97;
const MAX_UNKNOWN_CONFIDENCE = 0.3;
const MIN_UNKNOWN_CONFIDENCE = 0.05;

const intentOrder = (intent: KnownIntent): number => INTENTS.indexOf(intent);

/** Sums the hits per intent; strongest first, ties broken by taxonomy order (deterministic). */
export function tallyIntents(hits: readonly SignalHit[]): IntentTally[] {
  const byIntent = new Map<KnownIntent, SignalHit[]>();
  for (const hit of hits) byIntent.set(hit.intent, [...(byIntent.get(hit.intent) ?? []), hit]);
  return [...byIntent.entries()]
    .map(([intent, intentHits]) => ({
      intent,
      score: intentHits.reduce((sum, hit) => sum + hit.weight, 0),
      decisive: intentHits.some((hit) => hit.decisive),
      hits: [...intentHits].sort((a, b) => b.weight - a.weight),
    }))
    .sort((a, b) => b.score - a.score || intentOrder(a.intent) - intentOrder(b.intent));
}

/**
 * Applies the precedence rules in order: a rule whose winner is still in the contest with a
 * decisive signal removes the intents it is placed over. Then the highest score wins. Pure.
 */
export function decide(tallies: readonly IntentTally[], rules: readonly PrecedenceRule[] = PRECEDENCE): Verdict {
  let contenders = [...tallies];
  const overrules: Overrule[] = [];
  for (const rule of rules) {
    const ruleWinner = contenders.find((tally) => tally.intent === rule.winner);
    if (ruleWinner === undefined || !ruleWinner.decisive) continue;
    const overruled = contenders.filter((tally) => rule.over.includes(tally.intent)).map((tally) => tally.intent);
    if (overruled.length === 0) continue;
    contenders = contenders.filter((tally) => !overruled.includes(tally.intent));
    overrules.push({ rule, overruled });
  }
  return { winner: contenders[0], runnerUp: contenders[1], overrules };
}

/**
 * Calibrated confidence for a named intent, in [0, MAX_CONFIDENCE]:
 * - evidence strength s/(s+K) grows with the total and saturates: one weak keyword (≈1–1.5) gives
 *   0.5–0.6, a clear prose ticket (≈2.5–5) 0.7–0.83, an alert with ids and failure words (≥6)
 *   0.85 and above;
 * - the margin to the runner-up lowers it once the runner-up has more than 40 % of the winner's
 *   score, down to ×0.55 for a dead heat;
 * - instruction-like text in the ticket lowers it by 10 %.
 */
export function calibrateConfidence(score: number, runnerUpScore: number | undefined, injectionFound: boolean): number {
  const strength = score / (score + EVIDENCE_K);
  const ratio = runnerUpScore === undefined || score <= 0 ? 0 : Math.min(1, runnerUpScore / score);
  const marginFactor =
    ratio <= FREE_MARGIN_RATIO ? 1 : 1 - (MAX_MARGIN_PENALTY * (ratio - FREE_MARGIN_RATIO)) / (1 - FREE_MARGIN_RATIO);
  const injectionFactor = injectionFound ? INJECTION_FACTOR : 1;
  return round(Math.min(MAX_CONFIDENCE, strength * marginFactor * injectionFactor));
}

/** Confidence for `unknown`: never above 0.3, higher when there was some (too weak) evidence. */
export function unknownConfidence(topScore: number, injectionFound = false): number {
  const fraction = Math.min(1, Math.max(0, topScore) / MIN_SCORE);
  const confidence = MIN_UNKNOWN_CONFIDENCE + (MAX_UNKNOWN_CONFIDENCE - MIN_UNKNOWN_CONFIDENCE) * fraction;
  return round(confidence * (injectionFound ? INJECTION_FACTOR : 1));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
