/**
 * What an intent is: everything about one intent of the taxonomy, written once in its own module
 * (src/intents/<intent>.ts). The catalog (catalog.ts) lists them; the taxonomy (`INTENTS`), the
 * classifier's rule table and precedence, the config defaults (tools, retry budgets, policy
 * overrides, fast-track intents), the playbooks' per-intent choices, the primary tools, the
 * subject's resource kinds, the diagram labels and the docs tables all derive from it.
 *
 * Only types are imported here, so the lowest layer (src/state) can derive the taxonomy from the
 * catalog without a cycle.
 */
import type { EntitySignal, TextSignal } from "../classifier/signal-parts.js";
import type { DecisionKind } from "../state/intents.js";
import type { SubjectResourceType } from "../subject/subject.js";
import type { ReadOnlyToolName, ToolName } from "../tools/catalog.js";

/** The seed diagram's "Issue Type" branches: the label on the arrow after classification. */
export type IssueTypeLabel = "mwaa_dag_failure" | "glue_job_failure" | "athena_failure" | "data_missing" | "others";

/**
 * When this intent's decisive signal is found, the intents it is placed `over` leave the contest
 * (`allBut`: every other known intent but these). Rules apply by `rank`, lowest first; a later rule
 * never removes an earlier rule's winner.
 */
export interface Precedence<Other extends string> {
  readonly rank: number;
  readonly over: readonly Other[] | { readonly allBut: readonly Other[] };
  readonly why: string;
}

/** The intent-specific choices of the playbooks and analyzers (src/investigation). */
export interface PlaybookChoices {
  /** verify_source_data looks back 30 days for historical gaps instead of a week. */
  readonly historicalLookback?: true;
  /** With no alarm named, the alarm is looked for by the DAG's or dataset's name as a prefix. */
  readonly alarmByNamePrefix?: true;
  /** get_mwaa_logs is about the environment's health, not one DAG's runs. */
  readonly environmentHealth?: true;
  /** An alarm that fired and cleared since means the condition recovered. */
  readonly alarmClearedMeansRecovered?: true;
}

export interface IntentDefinition<Name extends string = string, Other extends string = string> {
  readonly name: Name;
  /** One line: what a ticket of this intent is about (the taxonomy table in docs/architecture.md). */
  readonly meaning: string;
  readonly diagramLabel: IssueTypeLabel;
  /** The seed's INTENT_TOOL_MAPPING: the read-only tools its playbook may call, and its remediations. */
  readonly tools: readonly ToolName[];
  /** Remediation attempts allowed per incident (`remediation.budgets`). */
  readonly retryBudget: number;
  /** The tools whose evidence is about the incident itself; other tools' evidence is context. */
  readonly primaryTools: readonly ReadOnlyToolName[];
  /** What a second investigation round may call beyond the playbook (the Glue job a DAG ran, its data). */
  readonly followUpTools?: readonly ReadOnlyToolName[];
  readonly playbook?: PlaybookChoices;
  /** The kinds of resource the intent is about; evidence about another kind is context. */
  readonly resourceTypes?: readonly SubjectResourceType[];
  /** A decision forced whatever the scores (`policy.overrides`, the seed's POLICY_OVERRIDES). */
  readonly policyOverride?: DecisionKind;
  /** Skips investigation and action (`routing.fast_track_intents`). */
  readonly fastTrack?: true;
  readonly precedence?: Precedence<Other>;
  readonly signals: { readonly text: readonly TextSignal[]; readonly entity: readonly EntitySignal[] };
}

/** Identity, so the name and the precedence's intents keep their literal types for the catalog. */
export function defineIntent<const Name extends string, const Other extends string = never>(
  definition: IntentDefinition<Name, Other>,
): IntentDefinition<Name, Other> {
  return definition;
}
