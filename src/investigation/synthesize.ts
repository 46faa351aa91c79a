/**
 * Turns tool runs and their analyses into the investigation state: findings, one root cause, its
 * kind, an evidence score, and the remediation to recommend. PURE.
 *
 * How the root cause is chosen, in order:
 * 1. Recovered: an analysis of one of the intent's primary tools says a later run succeeded (or the
 *    data/alarm is healthy again), and no other analysis shows a failure after that → recovered,
 *    nothing to do.
 * 2. DAG → Glue (dag_failure): the DAG failed and the Glue job it runs failed → the Glue job's cause,
 *    remedied by re-running the DAG (the DAG is the incident's subject and re-runs the job).
 * 3. Otherwise the strongest analysis with a root cause that explains a failure (ties: the intent's
 *    primary tool first). Its cause kind is the investigation's: the root cause and its kind always
 *    describe the same evidence.
 * Then, on top of 2 or 3: a failure on missing source data whose data has since arrived (a
 * verify_source_data run shows the day present and non-empty, last modified after the failure) is
 * a late upstream file → transient, remedied by a re-run; still missing stays non-transient. And a
 * sensor that timed out waiting for data that verify_source_data still finds missing is missing
 * source data (non-transient), not a timeout to retry.
 *
 * The remediation is recommended only for a transient cause, and only when the intent's playbook
 * (`intent_tools`) contains that mutating tool. The score's formula is in evidence.ts.
 */
import { labelled } from "./analyzers/common.js";
import { DEFAULT_INTENT_TOOLS } from "../config/schema.js";
import type { Intent } from "../state/intents.js";
import type { CauseKind, Finding, InvestigationState, JsonObject } from "../state/investigation.js";
import { INTENT_DEFINITIONS } from "../intents/catalog.js";
import { checkSubjectBinding } from "../remediations/catalog.js";
import type { Subject } from "../subject/subject.js";
import { isReadOnlyTool, type ReadOnlyToolName } from "../tools/catalog.js";
import { isAfter } from "./dates.js";
import { aboutSubject, linkedGlueJobs, type Aboutness } from "./subject-evidence.js";
import { evidenceScore } from "./evidence.js";
import type { Analysis, Remediation, SkippedCall, ToolRun } from "./types.js";

/** The tools whose evidence is about the intent's subject itself, most direct first. */
export const PRIMARY_TOOLS = Object.fromEntries(
  INTENT_DEFINITIONS.map((definition) => [definition.name, definition.primaryTools]),
) as Record<Intent, readonly ReadOnlyToolName[]>;

export const LATE_FILE_LABEL = "late upstream file, since arrived";
const MISSING_DATA_LABELS = new Set(["missing source data", "zero-byte source data"]);
/** Airflow sensors (S3KeySensor, ExternalTaskSensor …) that wait for data and time out when it is late. */
const WAITING_FOR_DATA = /sensor|poking|waiting for/i;
const MAX_SUMMARY_IN_ROOT_CAUSE = 160;

export interface SynthesizeInput {
  intent: Intent;
  runs: readonly ToolRun[];
  /** `analyses[i]` is the analysis of `runs[i]` (see analyzeRun). */
  analyses: readonly Analysis[];
  /** The intent's playbook; remediations outside it are not recommended. Default: the seed's mapping. */
  intent_tools?: readonly string[];
  /** Playbook tools that could not be called, to explain an empty investigation. */
  skipped?: readonly SkippedCall[];
  /**
   * What the incident is about (src/subject). With it, evidence about other resources is context:
   * it never leads over the subject's own non-transient evidence, never closes the ticket as
   * recovered, and a remediation aimed anywhere but the subject is not recommended. Without it
   * (unit tests of the reasoning alone) every analysis counts as the subject's.
   */
  subject?: Subject;
}

interface Conclusion {
  root_cause: string;
  cause_kind: CauseKind;
  cause_label: string | null;
  strength: number;
  remediation: Remediation | null;
  retry_candidate: Remediation | null;
  failed_at: string | null;
  /** The analyses this conclusion is made of (not counted again as corroboration). */
  sources: readonly Analysis[];
  combined: boolean;
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as JsonObject)
    : { value: value ?? null };
}

function findingOf(run: ToolRun, analysis: Analysis | undefined): Finding {
  const summary =
    analysis?.summary ??
    (run.error ? `${run.tool} failed: ${run.error.code}: ${run.error.message}` : `${run.tool} answered`);
  return { tool: run.tool, result: run.error ? { error: run.error } : asObject(run.output), summary };
}

/** The root cause as people read it: what happened, and what kind of cause that is. */
function rootCauseText(conclusion: Conclusion): string {
  if (conclusion.cause_kind === "recovered") return `Already recovered: ${conclusion.root_cause}`;
  return labelled(conclusion.root_cause, conclusion.cause_label);
}

function fromAnalysis(analysis: Analysis): Conclusion {
  return {
    root_cause: analysis.root_cause ?? analysis.summary,
    cause_kind: analysis.cause_kind,
    cause_label: analysis.cause_label,
    strength: analysis.strength,
    remediation: analysis.remediation,
    retry_candidate: analysis.retry_candidate,
    failed_at: analysis.failed_at,
    sources: [analysis],
    combined: false,
  };
}

const isOpenFailure = (analysis: Analysis) => analysis.failed_at !== null && !analysis.recovered;

class Reasoner {
  private readonly primary: readonly string[];

  constructor(
    private readonly intent: Intent,
    private readonly usable: readonly Analysis[],
    /** Whether each analysis is about the subject, another resource, or cannot tell. */
    private readonly about: (analysis: Analysis) => Aboutness,
    /** Glue jobs the DAG's own evidence (its task log, or the ticket's subject fields) ties to it; null: any. */
    private readonly linkedGlue: (analysis: Analysis) => boolean,
  ) {
    this.primary = PRIMARY_TOOLS[intent];
  }

  private isContext = (analysis: Analysis): boolean => this.about(analysis) === "other";

  isPrimary = (tool: string): boolean => this.primary.includes(tool);

  private rank(analysis: Analysis): number {
    const index = this.primary.indexOf(analysis.tool);
    return index === -1 ? this.primary.length : index;
  }

  /** Strongest first; ties: primary tools in their order, then the planned order (sort is stable). */
  private strongestFirst(analyses: readonly Analysis[]): Analysis[] {
    return [...analyses].sort((a, b) => b.strength - a.strength || this.rank(a) - this.rank(b));
  }

  recovered(): Conclusion | null {
    const candidates = this.strongestFirst(
      this.usable.filter(
        (a) => this.isPrimary(a.tool) && a.recovered && a.cause_kind === "recovered" && !this.isContext(a),
      ),
    );
    for (const candidate of candidates) {
      const laterFailure = this.usable.some(
        (other) => other !== candidate && isOpenFailure(other) && isAfter(other.failed_at, candidate.succeeded_at),
      );
      if (!laterFailure) return { ...fromAnalysis(candidate), remediation: null };
    }
    return null;
  }

  dagFailedBecauseOfGlue(): Conclusion | null {
    if (this.intent !== "dag_failure") return null;
    const dag = this.usable.find((a) => a.tool === "get_mwaa_logs" && isOpenFailure(a) && !this.isContext(a));
    // The DAG's own non-transient failure (a KeyError in its task) is the cause, whatever another job did.
    if (!dag || dag.cause_kind === "non_transient") return null;
    const glue = this.strongestFirst(
      this.usable.filter((a) => a.tool === "get_glue_logs" && isOpenFailure(a) && this.linkedGlue(a)),
    )[0];
    if (!glue || glue.root_cause === null) return null;
    const transient = glue.cause_kind === "transient";
    return {
      root_cause: `${dag.root_cause ?? dag.summary}; its Glue job failed: ${glue.root_cause}`,
      cause_kind: glue.cause_kind,
      cause_label: glue.cause_label,
      strength: Math.max(dag.strength, glue.strength),
      // The Glue analysis knows whether a re-run is safe now (no run in progress, not repeated).
      remediation: transient && glue.remediation !== null ? dag.retry_candidate : null,
      retry_candidate: dag.retry_candidate,
      failed_at: glue.failed_at ?? dag.failed_at,
      sources: [dag, glue],
      combined: true,
    };
  }

  /** Recovery is only ever concluded by recovered(); here it is no explanation of a failure. */
  strongest(): Conclusion | null {
    const explaining = this.usable.filter((a) => a.root_cause !== null && a.cause_kind !== "recovered");
    // The subject's own evidence leads; another resource's explains the failure only when the
    // subject's says nothing (and then its remediation is not the subject's, so none is recommended).
    const own = explaining.filter((a) => !this.isContext(a));
    const lead = this.strongestFirst(own)[0] ?? this.strongestFirst(explaining)[0];
    return lead ? fromAnalysis(lead) : null;
  }

  /** A failure on missing source data whose data has since arrived → a late file: re-run. */
  lateFile(conclusion: Conclusion): Conclusion | null {
    if (conclusion.cause_label === null || !MISSING_DATA_LABELS.has(conclusion.cause_label)) return null;
    if (conclusion.failed_at === null || conclusion.retry_candidate === null) return null;
    const arrived = this.usable.find(
      (a) => a.tool === "verify_source_data" && a.recovered && isAfter(a.succeeded_at, conclusion.failed_at),
    );
    if (!arrived) return null;
    return {
      ...conclusion,
      root_cause: `${conclusion.root_cause}; the upstream data has since arrived (${arrived.summary})`,
      cause_kind: "transient",
      cause_label: LATE_FILE_LABEL,
      strength: Math.max(conclusion.strength, arrived.strength),
      remediation: conclusion.retry_candidate,
      sources: [...conclusion.sources, arrived],
      combined: true,
    };
  }

  /**
   * A sensor that timed out waiting for data that is still missing: the timeout is a symptom, the
   * missing data the cause — re-running would only wait again.
   */
  stillWaitingForData(conclusion: Conclusion): Conclusion | null {
    if (conclusion.cause_label !== "timeout" || !WAITING_FOR_DATA.test(conclusion.root_cause)) return null;
    const gap = this.usable.find(
      (a) => a.tool === "verify_source_data" && a.cause_label !== null && MISSING_DATA_LABELS.has(a.cause_label),
    );
    if (!gap || gap.root_cause === null) return null;
    return {
      ...conclusion,
      root_cause: `${conclusion.root_cause}; the data it waits for is still missing: ${gap.root_cause}`,
      cause_kind: "non_transient",
      cause_label: gap.cause_label,
      strength: Math.max(conclusion.strength, gap.strength),
      remediation: null,
      sources: [...conclusion.sources, gap],
      combined: true,
    };
  }

  conclude(): Conclusion | null {
    const recovered = this.recovered();
    if (recovered) return recovered;
    const base = this.dagFailedBecauseOfGlue() ?? this.strongest();
    if (!base) return null;
    return this.lateFile(base) ?? this.stillWaitingForData(base) ?? base;
  }
}

function clipSummary(text: string): string {
  return text.length > MAX_SUMMARY_IN_ROOT_CAUSE ? `${text.slice(0, MAX_SUMMARY_IN_ROOT_CAUSE - 1)}…` : text;
}

function noRunsRootCause(intent: Intent, tools: readonly string[], skipped: readonly SkippedCall[]): string {
  if (!tools.some(isReadOnlyTool)) return `No investigation for ${intent}: its playbook has no diagnostic tools`;
  const needs = skipped.map((skip) => `${skip.tool} needs ${skip.missing}`).join("; ");
  return `No conclusive evidence: no diagnostic call could be made for ${intent}${needs ? ` (${needs})` : ""}`;
}

export function synthesize(input: SynthesizeInput): InvestigationState {
  const { intent, runs } = input;
  const tools = input.intent_tools ?? DEFAULT_INTENT_TOOLS[intent];
  const findings = runs.map((run, index) => findingOf(run, input.analyses[index]));
  const nothing = {
    findings,
    evidence_score: 0,
    retry_recommended: false,
    recommended_action: null,
    cause_kind: "undetermined" as const,
    action_args: null,
    resource: null,
  };

  if (runs.length === 0) return { ...nothing, root_cause: noRunsRootCause(intent, tools, input.skipped ?? []) };
  const failedCalls = runs.filter((run) => run.error !== null);
  if (failedCalls.length === runs.length) {
    const what = failedCalls.map((run) => `${run.tool}: ${run.error?.code}`).join("; ");
    return { ...nothing, root_cause: `No conclusive evidence: every diagnostic call failed (${what})` };
  }

  const usable = runs
    .map((run, index) => (run.error === null ? input.analyses[index] : undefined))
    .filter((analysis): analysis is Analysis => analysis !== undefined);
  const runOf = new Map<Analysis, ToolRun>();
  runs.forEach((run, index) => {
    const analysis = input.analyses[index];
    if (run.error === null && analysis !== undefined) runOf.set(analysis, run);
  });
  const subject = input.subject;
  const about = (analysis: Analysis): Aboutness => {
    const run = runOf.get(analysis);
    return subject && run ? aboutSubject(run, subject, intent) : "subject";
  };
  const linked = subject ? linkedGlueJobs(runs, subject) : null;
  const linkedGlue = (analysis: Analysis): boolean => {
    const job = runOf.get(analysis)?.args.job_name;
    return linked === null || (typeof job === "string" && linked.has(job));
  };
  const reasoner = new Reasoner(intent, usable, about, linkedGlue);
  const conclusion = reasoner.conclude();
  const cause_kind: CauseKind = conclusion?.cause_kind ?? "undetermined";
  const candidate =
    conclusion !== null &&
    cause_kind === "transient" &&
    conclusion.remediation !== null &&
    tools.includes(conclusion.remediation.action)
      ? conclusion.remediation
      : null;
  // A remediation aimed at anything but the subject is never recommended; the conflict goes to a person.
  const binding =
    candidate && subject
      ? checkSubjectBinding(subject, candidate.action, candidate.args, candidate.resource)
      : { bound: true as const };
  const remediation = binding.bound ? candidate : null;
  const subject_conflict = binding.bound ? null : binding.message;

  const evidence_score = evidenceScore({
    runs,
    lead_strength: conclusion?.strength ?? null,
    cause_kind,
    combined: conclusion?.combined ?? false,
    others: usable.filter((analysis) => !(conclusion?.sources ?? []).includes(analysis)),
    all: usable,
    isPrimaryTool: reasoner.isPrimary,
  });
  const explained = conclusion
    ? rootCauseText(conclusion)
    : `No conclusive evidence: ${usable.map((analysis) => clipSummary(analysis.summary)).join("; ") || "the tools found nothing"}`;
  const root_cause = subject_conflict ? `${explained}. No automatic action: ${subject_conflict}` : explained;

  return {
    findings,
    root_cause,
    evidence_score,
    retry_recommended: remediation !== null,
    recommended_action: remediation?.action ?? null,
    cause_kind,
    action_args: remediation?.args ?? null,
    resource: remediation?.resource ?? null,
    ...(subject_conflict ? { subject_conflict } : {}),
  };
}
