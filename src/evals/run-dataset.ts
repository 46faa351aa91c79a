import pLimit from "p-limit";
import type { OrchestratorConfig } from "../config/schema.js";
import type { ResolvedCase } from "./case.js";
import { runEvalCase, type CaseOutcome } from "./run-case.js";

/** Runs cases concurrently (each against its own sandbox); outcomes keep the dataset's order. */
export async function runDataset(
  cases: readonly ResolvedCase[],
  config: OrchestratorConfig,
  options: { concurrency?: number; onCase?: (outcome: CaseOutcome) => void } = {},
): Promise<CaseOutcome[]> {
  const limit = pLimit(options.concurrency ?? 4);
  return Promise.all(
    cases.map((evalCase) =>
      limit(async () => {
        const outcome = await runEvalCase(evalCase, config);
        options.onCase?.(outcome);
        return outcome;
      }),
    ),
  );
}
