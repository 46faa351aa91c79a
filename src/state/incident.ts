import { z } from "zod";
import { withinBounds } from "../safety/bounds.js";
import { capForState } from "../safety/state-cap.js";

/** ServiceNow sys_ids are 32 hex characters and numbers like INC0012345; these leave room for other systems. */
export const MAX_SYS_ID_CHARS = 256;
export const MAX_NUMBER_CHARS = 256;

const IncidentFieldsSchema = z.looseObject({
  sys_id: z
    .string()
    .trim()
    .min(1, "sys_id must be a non-empty string")
    .max(MAX_SYS_ID_CHARS, `sys_id must be at most ${MAX_SYS_ID_CHARS} characters`),
  number: z.string().max(MAX_NUMBER_CHARS, `number must be at most ${MAX_NUMBER_CHARS} characters`).optional(),
  short_description: z.string().trim().min(1, "short_description must be a non-empty string"),
  description: z.string().optional(),
  category: z.string().optional(),
  subcategory: z.string().optional(),
  additional_info: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  priority: z.union([z.string(), z.number()]).optional(),
  assignment_group: z.string().optional(),
  cmdb_ci: z.string().optional(),
  opened_at: z.string().optional(),
});

/**
 * A ServiceNow incident as the Table API returns it (display values). Unknown fields are kept
 * (`loose`) so nothing a ticket carries is lost. Every caller (the orchestrator, `classify`, eval
 * cases, the graph's own input) passes through here, so here is where input is bounded:
 * 1. the hard limits of src/safety/bounds.ts (depth, size, string length, well-formed Unicode):
 *    over them, the incident is rejected naming the field. zod's checks above are shallow (the
 *    open fields are `z.unknown()`), so nothing deep is walked before;
 * 2. then what graph state (and every checkpoint) keeps is capped (src/safety/state-cap.ts): long
 *    fields are cut with a visible `… [truncated N chars]`. sys_id and number are kept as given.
 */
export const IncidentSchema = withinBounds(IncidentFieldsSchema).transform((incident) =>
  capForState(incident, { keep: ["sys_id", "number"], protect: Object.keys(IncidentFieldsSchema.shape) }),
);
export type Incident = z.infer<typeof IncidentSchema>;
export type IncidentInput = z.input<typeof IncidentSchema>;
