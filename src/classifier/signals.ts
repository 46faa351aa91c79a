import type { Entities } from "../state/classification.js";
import type { IntentTextSignal as TextSignal, KnownIntent } from "./rules.js";
import { CORROBORATION_WEIGHT, ENTITY_SIGNALS, SUBJECT_WEIGHT, TEXT_SIGNALS } from "./rules.js";
import type { TicketText } from "./text.js";

/** One piece of evidence: a rule that matched, where, and what it counted for. */
export interface SignalHit {
  readonly id: string;
  readonly intent: KnownIntent;
  readonly label: string;
  /** The weight after the subject multiplier. */
  readonly weight: number;
  readonly decisive: boolean;
  readonly inSubject: boolean;
  /** The text (or entity value) that matched, for the reasoning. */
  readonly evidence: string;
}

/** How many matches of one rule we look at before giving up (all of them negated so far). */
const MAX_MATCHES_PER_RULE = 20;
/** How far back, within the clause, a negation still applies to a match. */
const NEGATION_WINDOW = 24;
const NEGATION = /\b(?:no|not|never|without|isn't|wasn't|aren't|weren't|non|nor)\b/;
/** Clause boundaries: punctuation and the conjunctions that start a new statement. */
const CLAUSE_BREAK = /[,.;:!?\n]|\b(?:and|but|or|then|so)\b/;

// Global copies of every rule's pattern, compiled once, so one rule can be tried at several places.
const GLOBAL_PATTERNS = new Map<TextSignal, RegExp>(
  TEXT_SIGNALS.map((signal) => [signal, new RegExp(signal.pattern.source, `${signal.pattern.flags}g`)]),
);

/**
 * A match is negated when its own clause says so just before it: "no AccessDenied errors",
 * "not a permission denied issue". The window stops at clause boundaries, so "no errors, but 0
 * records" still counts "0 records", and "not updated and not available" counts both.
 */
export function isNegated(text: string, matchStart: number): boolean {
  const window = text.slice(Math.max(0, matchStart - NEGATION_WINDOW), matchStart);
  const clauses = window.split(CLAUSE_BREAK);
  return NEGATION.test(clauses[clauses.length - 1] ?? "");
}

/** The first match of a rule in `text` that is not negated, or undefined. */
function firstAffirmedMatch(signal: TextSignal, text: string): string | undefined {
  const pattern = GLOBAL_PATTERNS.get(signal) ?? new RegExp(signal.pattern.source, `${signal.pattern.flags}g`);
  pattern.lastIndex = 0;
  for (let seen = 0; seen < MAX_MATCHES_PER_RULE; seen += 1) {
    const match = pattern.exec(text);
    if (match === null) return undefined;
    if (match[0] === "") pattern.lastIndex += 1;
    if (!isNegated(text, match.index)) return match[0];
  }
  return undefined;
}

/**
 * Finds every text signal in the ticket. Patterns read lower-cased text. A signal counts once per
 * ticket: SUBJECT_WEIGHT times its weight when in the short description, plus CORROBORATION_WEIGHT
 * times when the body repeats it (alert e-mails restate their subject), or just its weight when
 * only the body has it. Pure.
 */
export function findTextSignals(text: TicketText): SignalHit[] {
  const subject = text.subject.toLowerCase();
  const body = text.body.toLowerCase();
  const whole = `${subject}\n${body}`;
  const hits: SignalHit[] = [];
  for (const signal of TEXT_SIGNALS) {
    if (signal.requires !== undefined && !signal.requires.test(whole)) continue;
    if (signal.unless !== undefined && signal.unless.test(whole)) continue;
    const inSubject = firstAffirmedMatch(signal, subject);
    const inBody = firstAffirmedMatch(signal, body);
    const evidence = inSubject ?? inBody;
    if (evidence === undefined) continue;
    const subjectPart = inSubject === undefined ? 0 : signal.weight * SUBJECT_WEIGHT;
    const bodyPart = inBody === undefined ? 0 : signal.weight * (inSubject === undefined ? 1 : CORROBORATION_WEIGHT);
    hits.push({
      id: signal.id,
      intent: signal.intent,
      label: signal.label,
      weight: subjectPart + bodyPart,
      decisive: signal.decisive === true,
      inSubject: inSubject !== undefined,
      evidence: evidence.trim(),
    });
  }
  return hits;
}

/** Turns extracted identifiers into evidence: a Glue run id says "Glue" whatever the prose says. */
export function findEntitySignals(entities: Entities): SignalHit[] {
  return ENTITY_SIGNALS.flatMap((signal) => {
    const value = entities[signal.entity];
    if (value === undefined) return [];
    return [
      {
        id: signal.id,
        intent: signal.intent,
        label: signal.label,
        weight: signal.weight,
        decisive: false,
        inSubject: false,
        evidence: value,
      },
    ];
  });
}
