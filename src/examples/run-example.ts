import { loadScenarioFile, startSandboxSession } from "../cli/sandbox-tools.js";
import type { OrchestratorConfig } from "../config/schema.js";
import { readJsonFile } from "../io/read-json.js";
import { createOrchestrator, parseIncident } from "../orchestrator.js";
import type { OrchestrationResult } from "../state/result.js";
import { compareWithExpectation } from "./check.js";
import type { ResolvedExample } from "./manifest.js";

export interface ExampleRun {
  example: ResolvedExample;
  incidentNumber: string;
  result: OrchestrationResult;
  /** Where the result departs from the example's expectation; empty when it matches. */
  problems: string[];
  /** Remediation calls the sandbox answered (a mutating operation per attempt). */
  sandboxCalls: number;
}

/** Runs one example against its own sandbox, through the real tools and the whole graph. */
export async function runExample(example: ResolvedExample, config: OrchestratorConfig): Promise<ExampleRun> {
  const incident = parseIncident(await readJsonFile(example.incidentPath, "incident"));
  const session = await startSandboxSession(await loadScenarioFile(example.scenarioPath));
  try {
    const result = await createOrchestrator({ config, tools: session.tools }).orchestrate(incident);
    return {
      example,
      incidentNumber: incident.number ?? incident.sys_id.slice(0, 10),
      result,
      problems: compareWithExpectation(result, example.expected),
      sandboxCalls: session.sandbox.calls.length,
    };
  } finally {
    await session.sandbox.close();
  }
}
