import { INTENT_DEFINITIONS } from "../intents/catalog.js";
import type { IntentDefinition } from "../intents/definition.js";
import { INTENTS, type Intent } from "../state/intents.js";
import type { EntitySignal, TextSignal } from "./signal-parts.js";

/**
 * The classifier's knowledge, as data: weighted signals per intent, entity signals, and the
 * precedence between intents. Each intent's signals and precedence live in its module
 * (src/intents/<intent>.ts); this file joins them into the tables signals.ts and score.ts read,
 * and says how they are weighed.
 *
 * ## Weights
 * A signal's weight is how much it says about its intent on its own:
 * - about 0.5–1: a service or object is merely named ("glue", "dashboard");
 * - about 1.5–2.5: a failure phrase about that service ("Glue job … failed", "query timed out");
 * - 3–4: unambiguous wording or codes (HIVE_BAD_DATA, TERMINATED_WITH_ERRORS, AccessDenied,
 *   "self-healing gave up").
 * A signal found in the short description counts SUBJECT_WEIGHT times: the subject of the ticket
 * is what the ticket is about. Each signal counts once per ticket (plus CORROBORATION_WEIGHT when the
 * body repeats a subject signal). score.ts turns totals into a
 * calibrated confidence.
 *
 * ## Precedence (the subject of the ticket wins)
 * Scores pick the intent, except where one intent *explains* another. A precedence rule applies
 * when its winner has a *decisive* signal; the intents it is placed over then leave the contest,
 * whatever they scored. Rules apply in order:
 *
 * 1. access_denied over everything. A permission failure (AccessDenied, "not authorized to
 *    perform", permission denied) or a request for access is the cause of whatever else the
 *    ticket shows, and no rerun fixes it. Chosen deliberately for "Glue job X failed: …
 *    AccessDeniedException …": that ticket is access_denied, because the access playbook (IAM
 *    evidence, escalation to the data owner) resolves it and the Glue retry playbook would only
 *    fail again. A *negated* mention ("no AccessDenied errors", "not a permission denied issue")
 *    is not a signal at all (see signals.ts), which is how a job failure whose log merely says
 *    that access was fine stays a job failure.
 * 2. batch_auto_recovery_failed over the service and data intents: when automated recovery gave
 *    up, that is the news, even if the ticket names the DAG, job or query it was recovering.
 * 3. mwaa_failure over dag_alarm and dag_failure: an unhealthy environment (scheduler heartbeat,
 *    webserver, workers, UPDATE_FAILED) fails every DAG; a DAG named in passing does not make it
 *    a DAG failure, and an alarm on the scheduler heartbeat is about the environment.
 * 4. dag_alarm over dag_failure: a CloudWatch alarm notification about a DAG (status, latency,
 *    SLA) is the subject even though the DAG failed or is late.
 * 5. source_zero_data over data_missing and data_not_available: an empty delivery or days missing
 *    at the source explain absent output downstream.
 * 6. data_missing over data_not_available: once an expected location, partition or file is
 *    named, the ticket is checkable (data_missing); without one it is a consumer complaint.
 */

export type KnownIntent = Exclude<Intent, "unknown">;

/** A signal of one intent, as the classifier reads it. */
export interface IntentTextSignal extends TextSignal {
  readonly intent: KnownIntent;
}

export interface IntentEntitySignal extends EntitySignal {
  readonly intent: KnownIntent;
}

export interface PrecedenceRule {
  readonly winner: KnownIntent;
  readonly over: readonly KnownIntent[];
  readonly why: string;
}

/** How much more a signal counts when it is in the short description. */
export const SUBJECT_WEIGHT = 1.5;
/** What a signal adds when the body repeats what the short description said (corroboration). */
export const CORROBORATION_WEIGHT = 0.5;

const isKnown = (intent: Intent): intent is KnownIntent => intent !== "unknown";
const KNOWN: readonly IntentDefinition<KnownIntent, Intent>[] = INTENT_DEFINITIONS.filter(
  (definition): definition is Extract<(typeof INTENT_DEFINITIONS)[number], { name: KnownIntent }> =>
    isKnown(definition.name),
);

/** Every intent's text signals, in taxonomy order (each intent's in its module's order). */
export const TEXT_SIGNALS: readonly IntentTextSignal[] = KNOWN.flatMap((definition) =>
  definition.signals.text.map((signal) => ({ ...signal, intent: definition.name })),
);

export const ENTITY_SIGNALS: readonly IntentEntitySignal[] = KNOWN.flatMap((definition) =>
  definition.signals.entity.map((signal) => ({ ...signal, intent: definition.name })),
);

/** Every known intent but these, in taxonomy order. */
function intentsExcept(...excluded: readonly Intent[]): KnownIntent[] {
  return INTENTS.filter((intent): intent is KnownIntent => isKnown(intent) && !excluded.includes(intent));
}

/** The intents' precedence rules, by rank. */
export const PRECEDENCE: readonly PrecedenceRule[] = KNOWN.flatMap((definition) => {
  const { precedence } = definition;
  if (!precedence) return [];
  const over =
    "allBut" in precedence.over
      ? intentsExcept(definition.name, ...precedence.over.allBut)
      : precedence.over.filter(isKnown);
  return [{ rank: precedence.rank, rule: { winner: definition.name, over, why: precedence.why } }];
})
  .sort((a, b) => a.rank - b.rank)
  .map(({ rule }) => rule);
