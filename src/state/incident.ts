import { z } from "zod";

/**
 * A ServiceNow incident as the Table API returns it (display values).
 * Unknown fields are kept (`loose`) so nothing a ticket carries is lost.
 */
export const IncidentSchema = z.looseObject({
  sys_id: z.string().trim().min(1, "sys_id must be a non-empty string"),
  number: z.string().optional(),
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
export type Incident = z.infer<typeof IncidentSchema>;
