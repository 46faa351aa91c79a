export { decide, explainPolicy, isBudgetExhausted, isVerified } from "./engine.js";
export {
  ATTEMPT_CONSUMING_OUTCOMES,
  LastActionSchema,
  PolicyInputSchema,
  countAttemptsUsed,
  type LastAction,
  type PolicyInput,
} from "./input.js";
export { actionScore, combinedScore, computeScores, roundScore, type PolicyScores } from "./scoring.js";
