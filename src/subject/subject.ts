/**
 * The incident's subject: the resource the incident is about (ARCHITECTURE.md §9). Remediation only
 * ever targets the subject; every other resource named in the ticket, a log or a tool's output is
 * context. The schema lives here so the graph state, the guardrails and the policy share one type.
 */
import { z } from "zod";
import { INTENT_DEFINITIONS } from "../intents/catalog.js";
import type { Intent } from "../state/intents.js";

/** The kinds of resource a subject can be: the ones a remediation acts on, and how Athena names a query. */
export const SubjectResourceTypeSchema = z.enum([
  "glue_job",
  "dag",
  "emr_cluster",
  "emr_step",
  "athena_query",
  "athena_workgroup",
]);
export type SubjectResourceType = z.infer<typeof SubjectResourceTypeSchema>;

/**
 * Where a name came from: the ticket's own subject fields (short description, configuration item,
 * an alert's identifiers in additional_info) say what the incident is about; the free text
 * (description, long payload values) only mentions things.
 */
export const SubjectSourceSchema = z.enum(["short_description", "cmdb_ci", "alert", "description"]);
export type SubjectSource = z.infer<typeof SubjectSourceSchema>;

export const NamedResourceSchema = z.object({
  type: SubjectResourceTypeSchema,
  id: z.string(),
  source: SubjectSourceSchema,
});
export type NamedResource = z.infer<typeof NamedResourceSchema>;

export const SubjectSchema = z.object({
  /** Resources the ticket's subject fields name: what the incident is about. */
  named: z.array(NamedResourceSchema),
  /** Resources only the free text mentions: context for the investigation, never a remediation's target. */
  mentioned: z.array(NamedResourceSchema),
});
export type Subject = z.infer<typeof SubjectSchema>;

/**
 * The failure intents that are about one kind of resource, and the kinds that name it. For these,
 * evidence about a resource of another kind is context (a DAG ticket's Glue job is the DAG's
 * dependency, not the subject).
 */
export const INTENT_RESOURCE_TYPES: Partial<Record<Intent, readonly SubjectResourceType[]>> = Object.fromEntries(
  INTENT_DEFINITIONS.flatMap((definition) =>
    "resourceTypes" in definition ? [[definition.name, definition.resourceTypes]] : [],
  ),
);

export function resourceTypesOf(intent: Intent): readonly SubjectResourceType[] | undefined {
  return INTENT_RESOURCE_TYPES[intent];
}
