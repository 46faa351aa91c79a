import { loadConfigFile } from "../../config/load.js";
import { loadDataset } from "../../evals/case.js";
import { summarize } from "../../evals/metrics.js";
import { renderReportText } from "../../evals/report.js";
import { runDataset } from "../../evals/run-dataset.js";
import { UserInputError } from "../../errors.js";
import { printBlock, printJson } from "../print.js";

export interface EvalCommandOptions {
  config?: string;
  concurrency: string;
  json?: boolean;
}

/** `eval <dataset.jsonl>`: every case through the graph on its own sandbox; metrics and failing cases. */
export async function evalCommand(datasetPath: string, options: EvalCommandOptions): Promise<void> {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new UserInputError(`--concurrency must be a whole number from 1 to 32, not "${options.concurrency}"`);
  }
  const cases = await loadDataset(datasetPath);
  const config = await loadConfigFile(options.config);
  const outcomes = await runDataset(cases, config, { concurrency });
  const report = summarize(outcomes);
  if (options.json) printJson(report, 2);
  else printBlock(renderReportText(report));
}
