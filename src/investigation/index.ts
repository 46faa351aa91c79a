/** The investigation stage: playbooks, the parallel tool runner, the analyzers and the synthesis. */
export { investigate, type InvestigateInput } from "./investigate.js";
export {
  planInvestigation,
  planInvestigationWithReasons,
  referenceDate,
  LOOKBACK_DAYS,
  type InvestigationPlan,
  type PlanInput,
} from "./playbooks.js";
export { runPlannedCalls, RUN_ERROR_CODES, type RunToolsOptions } from "./run-tools.js";
export { planFollowUps, glueJobsInLines, MAX_FOLLOW_UPS, type FollowUpInput } from "./follow-ups.js";
export { synthesize, PRIMARY_TOOLS, LATE_FILE_LABEL, type SynthesizeInput } from "./synthesize.js";
export { evidenceScore, EVIDENCE_WEIGHTS } from "./evidence.js";
export {
  classifyFailureText,
  classifyFailureTexts,
  type FailureClassification,
  type FailureKind,
} from "./cause-patterns.js";
export { sanitizeMessage } from "./sanitize.js";
export * from "./analyzers/index.js";
export {
  AnalysisSchema,
  PlannedCallSchema,
  RemediationSchema,
  SkippedCallSchema,
  ToolRunSchema,
  type Analysis,
  type PlannedCall,
  type Remediation,
  type SkippedCall,
  type ToolRun,
  type ToolRunError,
} from "./types.js";
