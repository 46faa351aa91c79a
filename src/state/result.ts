import { z } from "zod";
import { ActionResultSchema } from "./action.js";
import { ClassificationSchema } from "./classification.js";
import { DecisionSchema } from "./decision.js";
import { InvestigationSchema } from "./investigation.js";
import { ReviewRecordSchema } from "./review.js";

export const RunErrorSchema = z.object({
  node: z.string(),
  message: z.string(),
});
export type RunError = z.infer<typeof RunErrorSchema>;

/** The result document: the seed's "Response Structure", plus `errors` and the human `reviews`. */
export const OrchestrationResultSchema = z.strictObject({
  sys_id: z.string(),
  timestamp: z.string(),
  duration_seconds: z.number().min(0),
  classification: ClassificationSchema,
  investigation: InvestigationSchema,
  action: ActionResultSchema,
  decision: DecisionSchema,
  errors: z.array(RunErrorSchema),
  reviews: z.array(ReviewRecordSchema),
});
export type OrchestrationResult = z.infer<typeof OrchestrationResultSchema>;
