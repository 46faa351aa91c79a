import { z } from "zod";

export const JsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObjectSchema>;

/** One tool call's evidence, bounded in size before it enters state. */
export const FindingSchema = z.object({
  tool: z.string(),
  result: JsonObjectSchema,
  summary: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * Why the incident happened, as far as the evidence goes:
 * - transient: timeouts, throttling, capacity, memory on a retryable job, a late file that has since arrived;
 * - non_transient: permissions, syntax/compilation, schema mismatch, invalid config, code bugs, missing source data;
 * - recovered: a later run already succeeded, nothing to do;
 * - undetermined: the evidence does not say.
 */
export const CauseKindSchema = z.enum(["transient", "non_transient", "recovered", "undetermined"]);
export type CauseKind = z.infer<typeof CauseKindSchema>;

/** The resource a remediation would act on; guardrails match it against the allow-list. */
export const ResourceSchema = z.object({
  type: z.enum(["glue_job", "dag", "athena_workgroup", "emr_cluster"]),
  id: z.string(),
});
export type Resource = z.infer<typeof ResourceSchema>;

/** The public part, exactly the seed's response structure. */
export const InvestigationSchema = z.strictObject({
  findings: z.array(FindingSchema),
  root_cause: z.string(),
  evidence_score: z.number().min(0).max(1),
  retry_recommended: z.boolean(),
  recommended_action: z.string().nullable(),
});
export type Investigation = z.infer<typeof InvestigationSchema>;

/** What the investigation node keeps in graph state: the public part plus what action and policy need. */
export const InvestigationStateSchema = InvestigationSchema.extend({
  cause_kind: CauseKindSchema,
  /** Arguments for `recommended_action` (without the idempotency key, which the action node adds). */
  action_args: JsonObjectSchema.nullable(),
  resource: ResourceSchema.nullable(),
  /**
   * Why no remediation is recommended although the evidence suggests one: it would act on another
   * resource than the incident's subject. The policy engine sends such a run to a person.
   */
  subject_conflict: z.string().optional(),
});
export type InvestigationState = z.infer<typeof InvestigationStateSchema>;
