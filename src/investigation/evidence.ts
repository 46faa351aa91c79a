/**
 * The evidence score: how much the policy engine may trust the root cause. Deterministic, so the
 * same evidence always scores the same.
 *
 *   score = lead strength                       (the analysis the root cause comes from, 0..1)
 *         + 0.1 × corroborating analyses        (other analyses with the same cause kind, not undetermined)
 *         + 0.1 if the cause combines two sources (DAG → Glue job; late upstream file since arrived)
 *         − 0.1 × contradicting analyses        (transient where the cause is non-transient, or vice versa)
 *         − 0.2 × failed calls to the intent's primary tools
 *         − 0.1 × other failed calls
 *   clamped to [0, 1] and rounded to two decimals;
 *   0 when no call ran or every call failed; at most 0.3 (before penalties) when nothing concluded a cause.
 *
 * A failed call contributes no strength of its own, only a penalty, so errors can never add up to
 * high evidence.
 */
import type { CauseKind } from "../state/investigation.js";
import type { Analysis, ToolRun } from "./types.js";

export const EVIDENCE_WEIGHTS = {
  corroboration: 0.1,
  combination: 0.1,
  contradiction: 0.1,
  primary_error: 0.2,
  other_error: 0.1,
  inconclusive_cap: 0.3,
} as const;

export interface EvidenceInput {
  runs: readonly ToolRun[];
  /** The analysis the root cause came from; null when nothing concluded a cause. */
  lead_strength: number | null;
  cause_kind: CauseKind;
  combined: boolean;
  /** The analyses of successful runs that are not part of the lead. */
  others: readonly Analysis[];
  /** Every usable analysis, for the inconclusive case. */
  all: readonly Analysis[];
  isPrimaryTool: (tool: string) => boolean;
}

const OPPOSITE: Partial<Record<CauseKind, CauseKind>> = { transient: "non_transient", non_transient: "transient" };

export function evidenceScore(input: EvidenceInput): number {
  const { runs, cause_kind: kind } = input;
  if (runs.length === 0 || runs.every((run) => run.error !== null)) return 0;

  let score: number;
  if (input.lead_strength === null) {
    score = Math.min(EVIDENCE_WEIGHTS.inconclusive_cap, Math.max(0, ...input.all.map((a) => a.strength)));
  } else {
    const agreeing = kind === "undetermined" ? 0 : input.others.filter((a) => a.cause_kind === kind).length;
    const opposite = OPPOSITE[kind];
    const contradicting = opposite ? input.others.filter((a) => a.cause_kind === opposite).length : 0;
    score =
      input.lead_strength +
      EVIDENCE_WEIGHTS.corroboration * agreeing +
      (input.combined ? EVIDENCE_WEIGHTS.combination : 0) -
      EVIDENCE_WEIGHTS.contradiction * contradicting;
  }
  for (const run of runs) {
    if (run.error)
      score -= input.isPrimaryTool(run.tool) ? EVIDENCE_WEIGHTS.primary_error : EVIDENCE_WEIGHTS.other_error;
  }
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}
