import { performance } from "node:perf_hooks";
import deepmerge from "deepmerge";
import { openTools } from "../compose/tools.js";
import type { ToolTransport } from "../sandbox/session.js";
import { resolveConfig } from "../config/load.js";
import type { OrchestratorConfig, OrchestratorConfigInput } from "../config/schema.js";
import { createOrchestrator } from "../orchestrator.js";
import type { OrchestrationResult } from "../state/result.js";
import type { ResolvedCase } from "./case.js";
import { judge, type Judgement } from "./judge.js";
import { ModelCallCounter } from "./model-call-counter.js";

export interface CaseOutcome {
  id: string;
  tags: string[];
  expected: ResolvedCase["expected"];
  result: OrchestrationResult;
  judgement: Judgement;
  latency_ms: number;
  model_calls: number;
  /** Read-only tools the investigation called, in order. */
  tools_called: string[];
}

/** The run's config with a case's overrides deep-merged over it (arrays replace). */
export function caseConfig(
  base: OrchestratorConfig,
  overrides: Record<string, unknown> | undefined,
): OrchestratorConfig {
  if (!overrides) return base;
  return resolveConfig(
    deepmerge<OrchestratorConfigInput>(base, overrides, { arrayMerge: (_target, source: unknown[]) => source }),
  );
}

/** One case through the whole graph, against its own sandbox, with the real tools. */
export async function runEvalCase(
  evalCase: ResolvedCase,
  base: OrchestratorConfig,
  options: { transport?: ToolTransport } = {},
): Promise<CaseOutcome> {
  const config = caseConfig(base, evalCase.config);
  const session = await openTools(
    { scenario: { name: evalCase.id, scenario: evalCase.scenario }, transport: options.transport ?? "in-process" },
    config,
  );
  try {
    const counter = new ModelCallCounter();
    const orchestrator = createOrchestrator({ config, tools: session.tools });
    const started = performance.now();
    const result = await orchestrator.orchestrate(evalCase.incident, { callbacks: [counter] });
    return {
      id: evalCase.id,
      tags: evalCase.tags,
      expected: evalCase.expected,
      result,
      judgement: judge(result, evalCase.expected),
      latency_ms: performance.now() - started,
      model_calls: counter.count,
      tools_called: result.investigation.findings.map((finding) => finding.tool),
    };
  } finally {
    await session.close();
  }
}
