import { z } from "zod";
import { DecisionKindSchema } from "./intents.js";

export const ComponentScoresSchema = z.strictObject({
  intent_confidence: z.number().min(0).max(1),
  evidence_score: z.number().min(0).max(1),
  /** null when no action was attempted. */
  action_success: z.boolean().nullable(),
});

export const DecisionSchema = z.strictObject({
  decision: DecisionKindSchema,
  score: z.number().min(0).max(1),
  reasoning: z.string(),
  component_scores: ComponentScoresSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;
