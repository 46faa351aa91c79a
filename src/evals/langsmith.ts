/**
 * The eval cases as a LangSmith dataset, and our judge as LangSmith evaluators, for
 * `npm run eval:langsmith` (an experiment run with `evaluate()` from langsmith/evaluation).
 */
import type { ExampleCreate } from "langsmith/schemas";
import { ExpectationSchema } from "../examples/manifest.js";
import { OrchestrationResultSchema } from "../state/result.js";
import type { ResolvedCase } from "./case.js";
import { judge } from "./judge.js";

/** One LangSmith example per case: the incident and the case id in, the expectation as reference. */
export function toLangSmithExamples(cases: readonly ResolvedCase[], datasetId: string): ExampleCreate[] {
  return cases.map((evalCase) => ({
    dataset_id: datasetId,
    inputs: { case_id: evalCase.id, incident: evalCase.incident },
    reference_outputs: { ...evalCase.expected },
    metadata: { tags: evalCase.tags, line: evalCase.line },
  }));
}

export interface LangSmithFeedback {
  key: string;
  score: number;
  comment?: string;
}

/** Every metric of our judge, as LangSmith feedback, from a run's outputs and an example's reference. */
export function judgeFeedback(
  outputs: Record<string, unknown>,
  referenceOutputs: Record<string, unknown>,
): LangSmithFeedback[] {
  const result = OrchestrationResultSchema.parse(outputs.result);
  const judgement = judge(result, ExpectationSchema.parse(referenceOutputs));
  const comment = judgement.problems.join("; ") || undefined;
  const feedback: LangSmithFeedback[] = [{ key: "intent_correct", score: Number(judgement.intent), comment }];
  if (judgement.decision !== null) feedback.push({ key: "decision_correct", score: Number(judgement.decision) });
  if (judgement.action !== null) feedback.push({ key: "action_correct", score: Number(judgement.action) });
  if (judgement.root_cause !== null) feedback.push({ key: "root_cause_match", score: Number(judgement.root_cause) });
  feedback.push({ key: "unsafe_action", score: Number(judgement.unsafe.remediation || judgement.unsafe.auto_close) });
  return feedback;
}
