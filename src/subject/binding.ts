/**
 * Whether a remediation targets the incident's subject. PURE. The guardrails ask this before any
 * side effect, and the investigation asks it before recommending one, so a resource that a sentence,
 * a log line or a tool's output names can never become a target.
 *
 * The target of each kind is the one resource the ticket's subject fields name; when they name none
 * of that kind, the one the free text mentions; two different ones is ambiguous, and ambiguity is
 * never resolved by guessing.
 */
import type { Resource } from "../state/investigation.js";
import type { MutatingToolName } from "../tools/names.js";
import { AUTHORITATIVE_SOURCES, type Subject, type SubjectResourceType } from "./subject.js";

export type SubjectTarget =
  | { kind: "one"; id: string; authoritative: boolean }
  | { kind: "none" }
  | { kind: "ambiguous"; ids: string[]; authoritative: boolean };

const WORDS: Record<SubjectResourceType, string> = {
  glue_job: "Glue job",
  dag: "DAG",
  emr_cluster: "EMR cluster",
  emr_step: "EMR step",
  athena_query: "Athena query",
  athena_workgroup: "Athena workgroup",
};

export function subjectTarget(subject: Subject, type: SubjectResourceType): SubjectTarget {
  for (const [resources, authoritative] of [
    [subject.named, true],
    [subject.mentioned, false],
  ] as const) {
    const ids = [...new Set(resources.filter((resource) => resource.type === type).map((resource) => resource.id))];
    if (ids.length === 1 && ids[0] !== undefined) return { kind: "one", id: ids[0], authoritative };
    if (ids.length > 1) return { kind: "ambiguous", ids, authoritative };
  }
  return { kind: "none" };
}

/** Whether `id` is the incident's own resource of `type`, as named by the ticket's subject fields. */
export function isNamedSubject(subject: Subject, type: SubjectResourceType, id: string): boolean {
  return subject.named.some(
    (resource) => resource.type === type && resource.id === id && AUTHORITATIVE_SOURCES.has(resource.source),
  );
}

export type SubjectBinding = { bound: true } | { bound: false; message: string };

function mismatch(type: SubjectResourceType, given: string | null, target: SubjectTarget): SubjectBinding {
  const word = WORDS[type];
  const aim = given === null ? `names no ${word}` : `targets ${word} "${given}"`;
  if (target.kind === "none") {
    return { bound: false, message: `The remediation ${aim}, but the incident names no ${word} as its subject.` };
  }
  if (target.kind === "ambiguous") {
    const where = target.authoritative ? "the ticket's subject fields" : "the ticket text";
    return {
      bound: false,
      message: `The remediation ${aim}, but ${where} name several ${word}s (${target.ids.join(", ")}); which one the incident is about is for a person to say.`,
    };
  }
  return {
    bound: false,
    message: `The remediation ${aim}, but the incident is about ${word} "${target.id}"; another resource is context, never a target.`,
  };
}

function bindTo(subject: Subject, type: SubjectResourceType, given: string | null): SubjectBinding {
  const target = subjectTarget(subject, type);
  return target.kind === "one" && given === target.id ? { bound: true } : mismatch(type, given, target);
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/**
 * Whether `action` with `args` on `resource` acts on the subject. An EMR step named by the ticket
 * must be the step re-added; an Athena query is bound by its id when the ticket names one, else by
 * its workgroup.
 */
export function checkSubjectBinding(
  subject: Subject,
  action: MutatingToolName,
  args: Readonly<Record<string, unknown>>,
  resource: Resource,
): SubjectBinding {
  switch (action) {
    case "retry_glue_job":
      return bindTo(subject, "glue_job", text(args.job_name));
    case "retry_airflow_dag":
      return bindTo(subject, "dag", text(args.dag_id));
    case "retry_emr": {
      const cluster = bindTo(subject, "emr_cluster", text(args.cluster_id));
      if (!cluster.bound) return cluster;
      return subjectTarget(subject, "emr_step").kind === "none"
        ? cluster
        : bindTo(subject, "emr_step", text(args.step_id));
    }
    case "retry_athena_query":
      return subjectTarget(subject, "athena_query").kind === "none"
        ? bindTo(subject, "athena_workgroup", resource.id)
        : bindTo(subject, "athena_query", text(args.query_id));
  }
}
