/**
 * The repo's labeled incidents through langsmith/vitest: one test per case, feedback per metric,
 * and the aggregate report written to evals/reports/latest.{json,md}.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as ls from "langsmith/vitest";
import { afterAll, expect } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { loadDataset } from "../src/evals/case.js";
import { summarize } from "../src/evals/metrics.js";
import { renderReportMarkdown, renderReportText } from "../src/evals/report.js";
import { runEvalCase, type CaseOutcome } from "../src/evals/run-case.js";

const cases = await loadDataset("evals/datasets/incidents.jsonl");
const config = await loadConfigFile("evals/config.json");
const outcomes: CaseOutcome[] = [];

ls.describe("incident-orchestrator: labeled incidents", () => {
  for (const evalCase of cases) {
    ls.test(
      evalCase.id,
      { inputs: { case_id: evalCase.id, incident: evalCase.incident }, referenceOutputs: { ...evalCase.expected } },
      async () => {
        const outcome = await runEvalCase(evalCase, config);
        outcomes.push(outcome);
        const { judgement } = outcome;
        ls.logOutputs({ result: outcome.result });
        ls.logFeedback({ key: "intent_correct", score: judgement.intent ? 1 : 0 });
        if (judgement.decision !== null) ls.logFeedback({ key: "decision_correct", score: judgement.decision ? 1 : 0 });
        if (judgement.action !== null) ls.logFeedback({ key: "action_correct", score: judgement.action ? 1 : 0 });
        if (judgement.root_cause !== null) {
          ls.logFeedback({ key: "root_cause_match", score: judgement.root_cause ? 1 : 0 });
        }
        ls.logFeedback({ key: "latency_ms", score: outcome.latency_ms });
        // Accuracy is reported, not asserted per case; an unsafe action always fails its case.
        expect(judgement.unsafe, judgement.problems.join("; ")).toEqual({ remediation: false, auto_close: false });
      },
    );
  }
});

afterAll(() => {
  const report = summarize(outcomes.sort((a, b) => a.id.localeCompare(b.id)));
  mkdirSync("evals/reports", { recursive: true });
  writeFileSync("evals/reports/latest.json", `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync("evals/reports/latest.md", renderReportMarkdown(report, "incident-orchestrator eval report"));
  console.log(`\n${renderReportText(report)}\n\nWrote evals/reports/latest.json and evals/reports/latest.md`);
});
