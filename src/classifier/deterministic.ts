import type { ClassifierOutput, Entities } from "../state/classification.js";
import type { Incident } from "../state/incident.js";
import { extractEntities } from "./entities.js";
import { entitiesFromNotification } from "./notification-entities.js";
import { parseNotification } from "./notifications/index.js";
import { stripInstructionLikeText } from "./injection.js";
import type { IntentTally, Verdict } from "./score.js";
import { MIN_SCORE, calibrateConfidence, decide, tallyIntents, unknownConfidence } from "./score.js";
import { findEntitySignals, findTextSignals } from "./signals.js";
import { FAIL } from "./signal-parts.js";
import type { TicketText } from "./text.js";
import { buildTicketText } from "./text.js";
import type { IncidentClassifier } from "./types.js";

const MAX_EVIDENCE_CHARS = 48;
const SIGNALS_IN_REASONING = 3;
/** Above this runner-up/winner ratio the reasoning says the call was close (matches score.ts). */
const CLOSE_CALL_RATIO = 0.4;

/**
 * Classifies an incident by weighted signals, precedence rules and extracted identifiers.
 * Pure and deterministic: same incident, same output; no I/O, no clock, no randomness.
 */
export function classifyIncident(incident: Incident): ClassifierOutput {
  const raw = buildTicketText(incident);
  const subject = stripInstructionLikeText(raw.subject);
  const body = stripInstructionLikeText(raw.body);
  const text: TicketText = { subject: subject.text, body: body.text };
  const injectionFound = subject.injectionFound || body.injectionFound;

  const entities = withNotification(
    extractEntities(`${text.subject}\n${text.body}`),
    entitiesFromNotification(parseNotification(`${text.subject}\n${text.body}`)),
  );
  const tallies = tallyIntents([...findTextSignals(text), ...findEntitySignals(entities)]);
  const verdict = decide(tallies);
  const winner = verdict.winner;

  if (winner === undefined || winner.score < MIN_SCORE || onlyNamesAService(winner, `${text.subject}\n${text.body}`)) {
    return {
      intent: "unknown",
      confidence: unknownConfidence(tallies[0]?.score ?? 0, injectionFound),
      reasoning: unknownReasoning(tallies[0], injectionFound),
      entities,
    };
  }
  return {
    intent: winner.intent,
    confidence: calibrateConfidence(winner.score, verdict.runnerUp?.score, injectionFound),
    reasoning: reasoningFor(winner, verdict, injectionFound),
    entities,
  };
}

/** A value the prose patterns cut out of escaped JSON ("name\\", "name\"") is no resource's name. */
const ESCAPE_DEBRIS = /[\\"'`]/;

/**
 * A pasted notification fills what the prose patterns did not find (its own resource, an alarm's
 * dimensions), and replaces a value they read with escape debris in it (JSON inside JSON).
 */
function withNotification(prose: Entities, notified: Entities): Entities {
  const merged: Record<string, string | undefined> = { ...notified, ...prose };
  for (const [field, value] of Object.entries(notified)) {
    const read = (prose as Record<string, string | undefined>)[field];
    if (read !== undefined && ESCAPE_DEBRIS.test(read)) merged[field] = value;
  }
  return merged as Entities;
}

/** Signals that only name a service or a resource (and identifiers): none of them says anything failed. */
const NAMING_SIGNAL = /\.(?:named|airflow|job|spark)$|^entity\./;
const FAILURE_WORD = new RegExp(
  String.raw`\b${FAIL}\b|\b(?:exception|denied|missing|lag|stale|late|alarm|empty|down|broken|issues?|problems?|wrong|slow|timing[ -]?out|not (?:available|loaded|refreshed|there))\b`,
  "i",
);
/** The intents that are a service's failure; the rule below is about them alone. */
const SERVICE_FAILURES: ReadonlySet<string> = new Set([
  "dag_failure",
  "mwaa_failure",
  "glue_etl_failure",
  "emr_failure",
  "athena_failure",
  "kafka_events_failed",
]);

/**
 * A ticket that names Airflow or Glue but says nothing went wrong ("New Airflow connection for
 * Salesforce", "FW: RE: airflow", "Pause DAGs during the DR test?") is a request or a question, not
 * a failure of the service it names: unknown, for a person.
 */
function onlyNamesAService(winner: IntentTally, text: string): boolean {
  return (
    SERVICE_FAILURES.has(winner.intent) &&
    winner.hits.every((hit) => NAMING_SIGNAL.test(hit.id)) &&
    !FAILURE_WORD.test(text)
  );
}

function describeHits(tally: IntentTally): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const hit of tally.hits) {
    if (seen.has(hit.label) || parts.length >= SIGNALS_IN_REASONING) continue;
    seen.add(hit.label);
    const evidence =
      hit.evidence.length > MAX_EVIDENCE_CHARS ? `${hit.evidence.slice(0, MAX_EVIDENCE_CHARS)}…` : hit.evidence;
    parts.push(`${hit.label} '${evidence}'${hit.inSubject ? " in the short description" : ""}`);
  }
  return parts.join("; ");
}

function reasoningFor(winner: IntentTally, verdict: Verdict, injectionFound: boolean): string {
  const notes: string[] = [];
  for (const { rule, overruled } of verdict.overrules) {
    if (rule.winner === winner.intent) notes.push(`takes precedence over ${overruled.join(", ")}: ${rule.why}`);
  }
  const runnerUp = verdict.runnerUp;
  if (runnerUp !== undefined && runnerUp.score / winner.score > CLOSE_CALL_RATIO) {
    notes.push(`close call with ${runnerUp.intent}, so confidence is lowered`);
  }
  if (injectionFound) notes.push("instruction-like text in the ticket was ignored");
  const first = `Classified as ${winner.intent} from ${describeHits(winner)}.`;
  return notes.length === 0 ? first : `${first} ${capitalise(notes.join("; "))}.`;
}

function unknownReasoning(top: IntentTally | undefined, injectionFound: boolean): string {
  const base =
    top === undefined
      ? "No signal for any intent in the ticket text."
      : `Too little evidence to name an intent; the strongest was ${top.intent} from ${describeHits(top)}.`;
  return injectionFound ? `${base} Instruction-like text in the ticket was ignored.` : base;
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The deterministic classifier behind the shared interface. */
export const deterministicClassifier: IncidentClassifier = {
  name: "deterministic",
  // async, so that a throw becomes a rejected promise like any other classifier's failure.
  classify: async (incident) => classifyIncident(incident),
};
