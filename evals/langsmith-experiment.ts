/**
 * `npm run eval:langsmith`: uploads the repo's dataset to LangSmith (once, by name) and runs it as an
 * experiment with `evaluate()`. Needs LANGSMITH_API_KEY (and LANGSMITH_ENDPOINT for a self-hosted one).
 */
import { Client } from "langsmith";
import { evaluate } from "langsmith/evaluation";
import type { Example, Run } from "langsmith/schemas";
import { loadConfigFile } from "../src/config/load.js";
import { loadDataset } from "../src/evals/case.js";
import { judgeFeedback, toLangSmithExamples } from "../src/evals/langsmith.js";
import { runEvalCase } from "../src/evals/run-case.js";

if (!process.env.LANGSMITH_API_KEY) {
  console.error(
    "incident-orchestrator: set LANGSMITH_API_KEY to run a LangSmith experiment (npm run eval runs offline)",
  );
  process.exit(2);
}

const datasetPath = process.argv[2] ?? "evals/datasets/incidents.jsonl";
const datasetName = process.env.LANGSMITH_DATASET ?? "incident-orchestrator-incidents";
const cases = await loadDataset(datasetPath);
const config = await loadConfigFile("evals/config.json");
const client = new Client();

if (!(await client.hasDataset({ datasetName }))) {
  const dataset = await client.createDataset(datasetName, { description: `Labeled incidents from ${datasetPath}` });
  await client.createExamples(toLangSmithExamples(cases, dataset.id));
  console.log(`Uploaded ${cases.length} cases as LangSmith dataset ${datasetName}`);
}

const byId = new Map(cases.map((evalCase) => [evalCase.id, evalCase]));
await evaluate(
  async (inputs: Record<string, unknown>) => {
    const evalCase = byId.get(String(inputs.case_id));
    if (!evalCase) throw new Error(`case ${String(inputs.case_id)} is not in ${datasetPath}`);
    const outcome = await runEvalCase(evalCase, config);
    return { result: outcome.result, tools_called: outcome.tools_called, latency_ms: outcome.latency_ms };
  },
  {
    data: datasetName,
    client,
    experimentPrefix: "deterministic",
    maxConcurrency: 4,
    evaluators: [
      (args: {
        run: Run;
        example: Example;
        outputs: Record<string, unknown>;
        referenceOutputs?: Record<string, unknown>;
      }) => ({
        results: judgeFeedback(args.outputs, args.referenceOutputs ?? {}),
      }),
    ],
  },
);
