import { loadScenarioFile, type ToolTransport } from "../sandbox/session.js";
import type { OrchestratorConfig } from "../config/schema.js";
import { runEvalCase, type CaseOutcome } from "../evals/run-case.js";
import { readJsonFile } from "../io/read-json.js";
import { parseIncident } from "../orchestrator.js";
import type { ResolvedExample } from "./manifest.js";

export interface ExampleRun extends CaseOutcome {
  example: ResolvedExample;
  incidentNumber: string;
  /** Where the result departs from the example's expectation; empty when it matches. */
  problems: string[];
}

/** Runs one example as an eval case: against its own sandbox, through the real tools and the whole graph. */
export async function runExample(
  example: ResolvedExample,
  config: OrchestratorConfig,
  options: { transport?: ToolTransport } = {},
): Promise<ExampleRun> {
  const incident = parseIncident(await readJsonFile(example.incidentPath, "incident"));
  const scenario = await loadScenarioFile(example.scenarioPath);
  const outcome = await runEvalCase(
    { id: example.name, incident, scenario, expected: example.expected, tags: [], sources: [], line: 0 },
    config,
    options,
  );
  return {
    ...outcome,
    example,
    incidentNumber: incident.number ?? incident.sys_id.slice(0, 10),
    problems: outcome.judgement.problems,
  };
}
