/**
 * The root-cause-analysis document stored after each run: which incident, which run (the thread),
 * when it was written, and the run's result document. Stored as JSON (this shape) and as Markdown
 * (src/rca/markdown.ts); docs/rca.md describes both.
 */
import { z } from "zod";
import { redactJson } from "../safety/index.js";
import type { Incident } from "../state/incident.js";
import { OrchestrationResultSchema, type OrchestrationResult } from "../state/result.js";

/** Bumped when a reader of stored documents would have to change. */
export const RCA_SCHEMA_VERSION = 1;

export const RcaDocumentSchema = z.strictObject({
  schema_version: z.literal(RCA_SCHEMA_VERSION),
  incident: z.strictObject({
    sys_id: z.string().min(1),
    /** The ticket's number (INC0012345); null when the ticket has none. */
    number: z.string().min(1).nullable(),
    short_description: z.string(),
  }),
  thread_id: z.string().min(1),
  generated_at: z.iso.datetime(),
  result: OrchestrationResultSchema,
});
export type RcaDocument = z.infer<typeof RcaDocumentSchema>;

export interface RcaDocumentInput {
  incident: Incident;
  threadId: string;
  result: OrchestrationResult;
  generatedAt: Date;
}

/**
 * The document for one run. Like the result document, it is read by people and programs, so its
 * strings are redacted (the result already is; the ticket's short description is not). Pure.
 * Throws when the result is another incident's: a document that mixed two would mislead.
 */
export function rcaDocumentFor(input: RcaDocumentInput): RcaDocument {
  const { incident, result } = input;
  if (result.sys_id !== incident.sys_id) {
    throw new Error(`RCA document: the result is for ${result.sys_id}, not for incident ${incident.sys_id}`);
  }
  const number = incident.number?.trim();
  const document: RcaDocument = {
    schema_version: RCA_SCHEMA_VERSION,
    incident: {
      sys_id: incident.sys_id,
      number: number ? number : null,
      short_description: incident.short_description,
    },
    thread_id: input.threadId,
    generated_at: input.generatedAt.toISOString(),
    result,
  };
  return RcaDocumentSchema.parse(redactJson(document));
}
