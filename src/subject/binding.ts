/**
 * Whether a remediation targets the incident's subject. PURE. The guardrails ask this before any
 * side effect, and the investigation asks it before recommending one, so a resource that a sentence,
 * a log line or a tool's output names can never become a target.
 *
 * The target of each kind is the one resource the ticket's subject fields name (src/subject/resolve.ts).
 * A resource only the free text mentions is never a target, and two different ones named is
 * ambiguous: ambiguity is never resolved by guessing.
 */
import type { Resource } from "../state/investigation.js";
import type { MutatingToolName } from "../tools/catalog.js";
import type { Subject, SubjectResourceType } from "./subject.js";

export type SubjectTarget = { kind: "one"; id: string } | { kind: "none" } | { kind: "ambiguous"; ids: string[] };

const WORDS: Record<SubjectResourceType, string> = {
  glue_job: "Glue job",
  dag: "DAG",
  emr_cluster: "EMR cluster",
  emr_step: "EMR step",
  athena_query: "Athena query",
  athena_workgroup: "Athena workgroup",
};

export function subjectTarget(subject: Subject, type: SubjectResourceType): SubjectTarget {
  const ids = [...new Set(subject.named.filter((resource) => resource.type === type).map((resource) => resource.id))];
  if (ids.length === 1 && ids[0] !== undefined) return { kind: "one", id: ids[0] };
  return ids.length > 1 ? { kind: "ambiguous", ids } : { kind: "none" };
}

export type SubjectBinding = { bound: true } | { bound: false; message: string };

function mismatch(type: SubjectResourceType, given: string | null, target: SubjectTarget): SubjectBinding {
  const word = WORDS[type];
  const aim = given === null ? `names no ${word}` : `targets ${word} "${given}"`;
  if (target.kind === "none") {
    return {
      bound: false,
      message: `The remediation ${aim}, but the ticket's subject fields (short description, configuration item, alert identifiers) name no ${word}; a resource only the text mentions is context, never a target.`,
    };
  }
  if (target.kind === "ambiguous") {
    return {
      bound: false,
      message: `The remediation ${aim}, but the ticket's subject fields name several ${word}s (${target.ids.join(", ")}); which one the incident is about is for a person to say.`,
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
