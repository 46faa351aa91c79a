import { z } from "zod";
import { INTENT_NAMES } from "../intents/catalog.js";

/**
 * The 13-intent taxonomy, in order: the names of the intent modules (src/intents), each of which
 * defines its meaning, signals, playbook and defaults.
 */
export const INTENTS = INTENT_NAMES;

export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

export const DECISIONS = ["auto_close", "auto_retry", "escalate", "human_review"] as const;
export const DecisionKindSchema = z.enum(DECISIONS);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;
