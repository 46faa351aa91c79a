/**
 * The graph's state: one zod object that gives the types, the validation and what Studio shows.
 * Lists that several steps add to (attempts, decisions, errors) carry an append reducer.
 */
import { registry } from "@langchain/langgraph/zod";
import { z } from "zod";
import { ActionAttemptSchema } from "./action.js";
import { ClassifierOutputSchema } from "./classification.js";
import { DecisionSchema } from "./decision.js";
import { IncidentSchema } from "./incident.js";
import { InvestigationStateSchema } from "./investigation.js";
import { OrchestrationResultSchema, RunErrorSchema } from "./result.js";
import { ReviewRecordSchema } from "./review.js";
import { SubjectSchema } from "../subject/subject.js";
import { RouteSchema } from "./route.js";
import { RunContextSchema } from "./run-context.js";

const appended = <T extends z.ZodType>(item: T) =>
  z.array(item).register(registry, {
    reducer: { fn: (current: z.infer<T>[], update: z.infer<T>[]) => [...current, ...update] },
    default: () => [],
  });

/** What an outcome node would write back to the ServiceNow ticket (the write-back itself is a later step). */
export const TicketUpdateSchema = z.object({
  /** null: leave the ticket's state as it is (a reviewer took the incident over). */
  state: z.enum(["Resolved", "In Progress", "On Hold"]).nullable(),
  assignment_group: z.string().nullable(),
  work_notes: z.string(),
  close_code: z.string().nullable(),
});
export type TicketUpdate = z.infer<typeof TicketUpdateSchema>;

export const GraphStateSchema = z.object({
  incident: IncidentSchema,
  /** How the run was made (config, scenario, tools, dry run): what a resume carries on with. */
  run_context: RunContextSchema.nullable().default(null),
  /** ISO time the run started; set by the first node when the caller does not. */
  started_at: z.string().nullable().default(null),
  /** The resources the incident is about (src/subject): remediation only ever targets these. */
  subject: SubjectSchema.nullable().default(null),
  classification: ClassifierOutputSchema.nullable().default(null),
  investigation: InvestigationStateSchema.nullable().default(null),
  attempts: appended(ActionAttemptSchema),
  /** Every decision the policy engine took, in order (a retry loop decides more than once). */
  decisions: appended(DecisionSchema),
  errors: appended(RunErrorSchema),
  /** Every human review answered, in order: what was asked, who answered what, when. */
  reviews: appended(ReviewRecordSchema),
  /** Which way the last branching node sent the run, and why (src/graph/branches.ts). */
  route: RouteSchema.nullable().default(null),
  ticket_update: TicketUpdateSchema.nullable().default(null),
  /** The result document, set by the outcome node that ends the run. */
  result: OrchestrationResultSchema.nullable().default(null),
});

export type GraphState = z.infer<typeof GraphStateSchema>;

/** The fields whose updates append (the reducer above); every other field's update replaces it. */
export const APPENDED_FIELDS = [
  "attempts",
  "decisions",
  "errors",
  "reviews",
] as const satisfies readonly (keyof GraphState)[];
export type GraphUpdate = Partial<GraphState>;

/** What a caller passes to start a run. */
export const GraphInputSchema = z.object({
  incident: IncidentSchema,
  started_at: z.string().nullable().optional(),
  run_context: RunContextSchema.nullable().optional(),
});
export type GraphInput = z.infer<typeof GraphInputSchema>;
