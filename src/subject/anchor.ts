/**
 * Keeps a classification about the incident's subject. PURE; applied to every classifier's output
 * (deterministic or model-backed), because which resource an incident is about is decided by code.
 *
 * - Intent: a failure intent of one kind of resource (a Glue job, a DAG, an EMR cluster, an Athena
 *   query) when the ticket's subject fields name no resource of that kind but do name resources of
 *   exactly one other kind is the text talking about something else — a Glue ticket with one
 *   sentence about an EMR step. The intent becomes the subject's, with confidence capped (the text
 *   was mixed), and the reasoning says so.
 * - Entities: the identifiers the tools are called with are the subject's where its fields name one.
 */
import type { ClassifierOutput, Entities } from "../state/classification.js";
import type { Intent } from "../state/intents.js";
import { INTENT_RESOURCE_TYPES, resourceTypesOf, type Subject, type SubjectResourceType } from "./subject.js";
import { subjectTarget } from "./binding.js";

const RESOURCE_INTENTS = Object.entries(INTENT_RESOURCE_TYPES) as ReadonlyArray<
  readonly [Intent, readonly SubjectResourceType[]]
>;

/** Mixed signals: the classifier was sure of the other resource's failure, not of this one's. */
export const ANCHORED_CONFIDENCE_CAP = 0.75;

/** The entity field each kind of subject resource is read from (and written to, when resolved). */
export const ENTITY_FOR_TYPE: Record<SubjectResourceType, keyof Entities> = {
  glue_job: "glue_job_name",
  dag: "dag_id",
  emr_cluster: "emr_cluster_id",
  emr_step: "emr_step_id",
  athena_query: "athena_query_id",
  athena_workgroup: "athena_workgroup",
};

/** The intent the subject fields point at, when the classifier's is about another kind of resource. */
function subjectIntent(intent: Intent, subject: Subject): Intent | null {
  const own = resourceTypesOf(intent);
  if (own === undefined) return null;
  const namedTypes = new Set(subject.named.map((resource) => resource.type));
  if (own.some((type) => namedTypes.has(type))) return null;
  const candidates = RESOURCE_INTENTS.filter(([, types]) => types.some((type) => namedTypes.has(type)));
  return candidates.length === 1 && candidates[0] ? candidates[0][0] : null;
}

function alignedEntities(entities: Entities, subject: Subject): Entities {
  const aligned: Entities = { ...entities };
  for (const [type, field] of Object.entries(ENTITY_FOR_TYPE) as [SubjectResourceType, keyof Entities][]) {
    const target = subjectTarget(subject, type);
    if (target.kind === "one") aligned[field] = target.id;
  }
  return aligned;
}

export function anchorToSubject(output: ClassifierOutput, subject: Subject): ClassifierOutput {
  const entities = alignedEntities(output.entities, subject);
  const intent = subjectIntent(output.intent, subject);
  if (intent === null) return { ...output, entities };
  const named = subject.named.map((resource) => `${resource.type} ${resource.id}`).join(", ");
  return {
    intent,
    confidence: Math.min(output.confidence, ANCHORED_CONFIDENCE_CAP),
    reasoning: `${output.reasoning} The ticket's subject fields name ${named}, not the resource the ${output.intent} signals are about, so the intent is ${intent}; the other resource is context.`,
    entities,
  };
}
