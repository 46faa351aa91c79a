/**
 * unknown: none of the above, or too little information to tell.
 */
import { defineIntent } from "./definition.js";

export const unknownIntent = defineIntent({
  name: "unknown",
  meaning: "none of the above, or too little information to tell",
  diagramLabel: "others",
  tools: [],
  retryBudget: 0,
  primaryTools: [],
  signals: {
    text: [],
    entity: [],
  },
});
