/**
 * Developer aid: runs a dataset and prints, per failing case, what the product concluded (intent,
 * decision and its reasoning, root cause, the tools and their summaries), to see why it missed.
 * `npx tsx scripts/eval-dump.ts <dataset.jsonl> [case-id-substring]`
 */
import { loadConfigFile } from "../src/config/load.js";
import { loadDataset } from "../src/evals/case.js";
import { runEvalCase } from "../src/evals/run-case.js";

const [path, filter] = process.argv.slice(2);
if (!path) throw new Error("usage: eval-dump <dataset.jsonl> [id-substring]");
const config = await loadConfigFile("evals/config.json");
for (const evalCase of await loadDataset(path)) {
  if (filter && !evalCase.id.includes(filter)) continue;
  const outcome = await runEvalCase(evalCase, config);
  if (!filter && outcome.judgement.problems.length === 0) continue;
  const { result } = outcome;
  console.log(`\n=== ${evalCase.id}: ${outcome.judgement.problems.join("; ") || "ok"}`);
  console.log(`  expected ${JSON.stringify(evalCase.expected)}`);
  console.log(
    `  intent ${result.classification.intent} ${result.classification.confidence.toFixed(2)}: ${result.classification.reasoning.slice(0, 300)}`,
  );
  console.log(
    `  root cause (${result.investigation.evidence_score.toFixed(2)}): ${result.investigation.root_cause.slice(0, 400)}`,
  );
  console.log(`  decision ${result.decision.decision}: ${result.decision.reasoning.slice(0, 300)}`);
  console.log(
    `  action ${result.action.action ?? "none"} ${String(result.action.details.outcome)}: ${String(result.action.details.message ?? "").slice(0, 200)}`,
  );
  for (const finding of result.investigation.findings)
    console.log(`    - ${finding.tool}: ${finding.summary.slice(0, 300)}`);
}
