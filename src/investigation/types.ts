/**
 * The investigation stage's own types: what a playbook plans, what running a call produced, and
 * what an analyzer concluded from it. None of these enter graph state directly; `synthesize` turns
 * them into the `InvestigationState` contract (src/state/investigation.ts).
 */
import { z } from "zod";
import { CauseKindSchema, ResourceSchema } from "../state/investigation.js";
import { MUTATING_TOOLS, READ_ONLY_TOOLS } from "../tools/catalog.js";

export const ReadOnlyToolNameSchema = z.enum(READ_ONLY_TOOLS);
export const MutatingToolNameSchema = z.enum(MUTATING_TOOLS);

/** One diagnostic call a playbook wants made, and why (shown to people stepping through the graph). */
export const PlannedCallSchema = z.object({
  tool: ReadOnlyToolNameSchema,
  args: z.record(z.string(), z.unknown()),
  why: z.string(),
});
export type PlannedCall = z.infer<typeof PlannedCallSchema>;

/** A playbook tool that could not be called because the ticket did not name what it needs. */
export const SkippedCallSchema = z.object({
  tool: ReadOnlyToolNameSchema,
  missing: z.string(),
});
export type SkippedCall = z.infer<typeof SkippedCallSchema>;

export const ToolRunErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ToolRunError = z.infer<typeof ToolRunErrorSchema>;

/** What one planned call produced. Exactly one of `output` and `error` is non-null. */
export const ToolRunSchema = z.object({
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  /** The tool's output, capped with boundJson to `max_finding_chars`: this is what findings keep. */
  output: z.unknown(),
  /**
   * The uncapped output, for the analyzers only (a capped array may have lost the failed run).
   * It never enters graph state; it is as large as the tool chose to answer (tools bound themselves).
   */
  full_output: z.unknown(),
  error: ToolRunErrorSchema.nullable(),
  duration_ms: z.number().min(0),
});
export type ToolRun = z.infer<typeof ToolRunSchema>;

/** A remediation an analyzer can name: the mutating tool, its arguments and the resource it acts on. */
export const RemediationSchema = z.object({
  action: MutatingToolNameSchema,
  args: z.record(z.string(), z.unknown()),
  resource: ResourceSchema,
});
export type Remediation = z.infer<typeof RemediationSchema>;

/** What one analyzer concluded from one tool run. */
export const AnalysisSchema = z.object({
  tool: z.string(),
  /** One line for the finding. */
  summary: z.string(),
  root_cause: z.string().nullable(),
  cause_kind: CauseKindSchema,
  /** The short label of the cause ("timeout", "access denied", "missing source data" ...), when known. */
  cause_label: z.string().nullable(),
  /** How conclusive this evidence is, 0..1 (scale in analyzers/common.ts). */
  strength: z.number().min(0).max(1),
  /** The remediation to recommend: only when the cause is transient and a re-run is safe now. */
  remediation: RemediationSchema.nullable(),
  /**
   * What re-running the failed thing would be, whatever the cause. `synthesize` uses it when
   * combined evidence turns a cause transient (a late upstream file that has since arrived) or when
   * another domain's evidence explains this failure (a DAG failed because its Glue job failed).
   */
  retry_candidate: RemediationSchema.nullable(),
  recovered: z.boolean(),
  /** When the failure this analysis is about happened (ISO-8601), if it is about one. */
  failed_at: z.string().nullable(),
  /** When things were seen healthy: the later successful run, or the arrival of the expected data. */
  succeeded_at: z.string().nullable(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;
