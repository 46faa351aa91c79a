/**
 * Finding the account's resource a ticket means when it does not spell the name: "the spending pots
 * ETL" for SPENDING_POTS_ETL, "customer-360 features job (Glue)" for customer_360_features. PURE.
 *
 * Candidate-driven: each of the account's names is split into words (separators, camelCase,
 * letter-digit boundaries), its decoration dropped (etl, job, dag, glue, pipeline …: words tickets add or
 * leave out freely), and looked for in the ticket's words. A name matches only when every one of
 * its own words is there: a candidate with a word the ticket lacks ("…_backfill") is another job,
 * not a fuzzier match. Environment qualifiers (prod, dev, stg …) must not contradict: a ticket that
 * says prod never matches a dev job. Among full matches the most specific wins (the most words);
 * two equally specific ones are ambiguous, which is a finding, never a guess.
 */

export interface NameScore {
  readonly name: string;
  /** 0..1: the share of the name's own words the text has, with a bonus when they stand together in order. */
  readonly score: number;
  /** Every one of the name's own words is in the text. */
  readonly full: boolean;
  readonly why: string;
}

export type NameResolution =
  | {
      readonly outcome: "matched";
      readonly name: string;
      readonly confidence: number;
      readonly rejected: readonly NameScore[];
    }
  | { readonly outcome: "ambiguous"; readonly candidates: readonly NameScore[] }
  | { readonly outcome: "none"; readonly closest: readonly NameScore[] };

/** Words tickets add to or drop from a resource's name without meaning another resource. */
const DECORATION = new Set(["etl", "job", "jobs", "dag", "dags", "glue", "pipeline", "workflow", "the", "aws"]);
const QUALIFIERS = new Set([
  "prod",
  "production",
  "prd",
  "dev",
  "development",
  "stg",
  "stage",
  "staging",
  "test",
  "qa",
  "uat",
]);
const CANONICAL_QUALIFIER: Readonly<Record<string, string>> = {
  production: "prod",
  prd: "prod",
  development: "dev",
  stage: "stg",
  staging: "stg",
};

/** Words of a name or a text: lower case, split at separators, camelCase and letter-digit boundaries. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Za-z])(\d)/g, "$1 $2")
    .replace(/(\d)([A-Za-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

const qualifier = (word: string): string | undefined =>
  QUALIFIERS.has(word) ? (CANONICAL_QUALIFIER[word] ?? word) : undefined;

/** The words that make a name this resource and not another. */
function ownWords(name: string): string[] {
  return wordsOf(name).filter((word) => !DECORATION.has(word) && qualifier(word) === undefined);
}

/** Scores one candidate name against the text's words. */
export function scoreName(name: string, textWords: readonly string[]): NameScore {
  const own = ownWords(name);
  if (own.length === 0) return { name, score: 0, full: false, why: "only decoration words" };
  const present = new Set(textWords);
  const found = own.filter((word) => present.has(word));
  const nameQualifiers = new Set(wordsOf(name).flatMap((word) => qualifier(word) ?? []));
  const textQualifiers = new Set(textWords.flatMap((word) => qualifier(word) ?? []));
  const contradicts = [...textQualifiers].some((q) => nameQualifiers.size > 0 && !nameQualifiers.has(q));
  if (contradicts) {
    return {
      name,
      score: 0,
      full: false,
      why: `environment ${[...nameQualifiers].join("/")} is not the ticket's ${[...textQualifiers].join("/")}`,
    };
  }
  const share = found.length / own.length;
  const full = found.length === own.length;
  const together = full && standsTogether(own, textWords);
  const score = full ? (together ? 1 : 0.9) : share * 0.6;
  const missing = own.filter((word) => !present.has(word));
  const why = full ? (together ? "every word, in order" : "every word, apart") : `lacks ${missing.join(", ")}`;
  return { name, score, full, why };
}

/** Whether the words stand in the text in order, at most one word apart each (decoration between is fine). */
function standsTogether(own: readonly string[], textWords: readonly string[]): boolean {
  for (let start = 0; start < textWords.length; start += 1) {
    if (textWords[start] !== own[0]) continue;
    let at = start;
    let ok = true;
    for (const word of own.slice(1)) {
      const next = textWords.indexOf(word, at + 1);
      if (next === -1 || next - at > 2) {
        ok = false;
        break;
      }
      at = next;
    }
    if (ok) return true;
  }
  return false;
}

/** Below this a single-word name is too generic to find in prose ("orders", "sales"). */
const MIN_SINGLE_WORD_CHARS = 6;

export function resolveName(text: string, candidates: readonly string[], closestShown = 3): NameResolution {
  const words = wordsOf(text);
  const scored = [...new Set(candidates)]
    .map((name) => scoreName(name, words))
    .filter((score) => score.score > 0)
    .sort(
      (a, b) => b.score - a.score || ownWords(b.name).length - ownWords(a.name).length || a.name.localeCompare(b.name),
    );
  const full = scored.filter(
    (score) =>
      score.full &&
      (ownWords(score.name).length > 1 || (ownWords(score.name)[0]?.length ?? 0) >= MIN_SINGLE_WORD_CHARS),
  );
  if (full.length === 0) return { outcome: "none", closest: scored.slice(0, closestShown) };
  // The most specific full matches: a name whose words include another's is the more specific one.
  const most = Math.max(...full.map((score) => ownWords(score.name).length));
  const top = full.filter((score) => ownWords(score.name).length === most);
  const best = top.filter((score) => score.score === top[0]?.score);
  if (best.length > 1) return { outcome: "ambiguous", candidates: best };
  const winner = best[0] as NameScore;
  return {
    outcome: "matched",
    name: winner.name,
    confidence: winner.score,
    rejected: scored.filter((score) => score.name !== winner.name).slice(0, closestShown),
  };
}
