/**
 * What a classifier signal is, and the regular-expression fragments many intents' signals share.
 * Each intent's signals live in its own module (src/intents); the rule table the classifier reads
 * (rules.ts) is their concatenation.
 */
import type { Entities } from "../state/classification.js";

export interface TextSignal {
  readonly id: string;
  /** Names the signal in the reasoning. */
  readonly label: string;
  /** Matched against the lower-cased, normalised text (flag "m": `^` is a line start). */
  readonly pattern: RegExp;
  readonly weight: number;
  /** A decisive signal lets its intent take precedence (see the intents' `precedence`). */
  readonly decisive?: boolean;
  /** The signal counts only if this also appears somewhere in the ticket. */
  readonly requires?: RegExp;
  /** The signal does not count if this appears somewhere in the ticket. */
  readonly unless?: RegExp;
}

export interface EntitySignal {
  readonly id: string;
  readonly label: string;
  readonly entity: keyof Entities;
  readonly weight: number;
}

export const rx = (source: string): RegExp => new RegExp(source, "m");

/** Failure words, shared by the "<service> … failed" phrases. */
export const FAIL = String.raw`(?:fail(?:ed|s|ures?|ing)?|errou?r(?:ed|s)?|timed[ -]?out|time[ -]?out|timeout|cancel+ed|abort(?:ed)?|crash(?:ed|es)?|killed|stuck|hung|unsuccessful|could ?n[o']t (?:start|run|complete)|did ?n[o']t (?:start|run|complete|finish)|not started)`;
/** A bounded gap inside one clause: keeps "A … B" phrases linear and local ("lag is fine; no errors" is two). */
export const GAP = String.raw`[^.;\n]{0,60}?`;

/**
 * Words that put an alarm in Airflow territory: a DAG (id, dimension, run), Airflow, MWAA (also the
 * `AmazonMWAA` metric namespace) or an SLA. Every dag_alarm signal requires it: a CloudWatch alarm
 * about anything else (bucket arrival, EC2 CPU) is classified by its subject, not as a DAG alarm.
 */
export const DAG_CONTEXT = rx(String.raw`\b(?:dags?|airflow|mwaa|amazonmwaa|sla)\b|dag_id|dagrun|\bdag[_-]|[_-]dag\b`);
/** Words that name an expected location: required by data_missing, excluded by data_not_available. */
export const LOCATION = rx(
  String.raw`s3://|\b(?:dt|ds|date|partition_date)=|\bpartitions?\b|\bfiles?\b|\bobjects?\b|\bprefix\b|\bbucket\b|\bfolder\b|\blanding (?:zone|area)\b|\.(?:csv|parquet|json|gz|avro|orc|txt)\b`,
);
