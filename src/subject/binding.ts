/**
 * Whether a remediation targets the incident's subject. PURE. Each remediation says which of its
 * arguments is bound to which kind (src/remediations); these are the rules it uses. The guardrails
 * ask before any side effect, and the investigation before recommending one, so a resource that a
 * sentence, a log line or a tool's output names can never become a target.
 *
 * The target of each kind is the one resource the ticket's subject fields name (src/subject/resolve.ts).
 * A resource only the free text mentions is never a target, and two different ones named is
 * ambiguous: ambiguity is never resolved by guessing.
 */
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

/** Bound when `given` is the one resource of `type` the subject fields name; else why not. */
export function bindTo(subject: Subject, type: SubjectResourceType, given: string | null): SubjectBinding {
  const target = subjectTarget(subject, type);
  return target.kind === "one" && given === target.id ? { bound: true } : mismatch(type, given, target);
}
