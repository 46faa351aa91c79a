/**
 * The investigation stage: plan the intent's playbook → run it in parallel → analyze each run →
 * one second round when the evidence names a resource the first round could not see → synthesize.
 * Never throws for tool trouble: failed calls become findings with errors and lower the score.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import type { Entities } from "../state/classification.js";
import type { Incident } from "../state/incident.js";
import type { Intent } from "../state/intents.js";
import type { InvestigationState } from "../state/investigation.js";
import type { Subject } from "../subject/subject.js";
import type { ToolRegistry } from "../tools/registry.js";
import { analyzeRun } from "./analyzers/index.js";
import { planFollowUps } from "./follow-ups.js";
import { planInvestigationWithReasons } from "./playbooks.js";
import { runPlannedCalls, type RunToolsOptions } from "./run-tools.js";
import { synthesize } from "./synthesize.js";

export interface InvestigateInput {
  intent: Intent;
  entities: Entities;
  incident: Incident;
  tools: ToolRegistry;
  config: OrchestratorConfig;
  /** What the incident is about (src/subject); evidence about anything else is context. */
  subject?: Subject;
  /** "Today" for tickets without a date; defaults to the current time. */
  now?: Date;
}

export async function investigate(input: InvestigateInput): Promise<InvestigationState> {
  const { intent, config, tools } = input;
  const options: RunToolsOptions = {
    timeout_ms: config.investigation.tool_timeout_ms,
    max_parallel: config.investigation.max_parallel,
    max_finding_chars: config.investigation.max_finding_chars,
  };
  const plan = planInvestigationWithReasons(input);
  const firstRuns = await runPlannedCalls(plan.calls, tools, options);
  const followUps = planFollowUps({ intent, config, first_round: plan.calls, runs: firstRuns });
  const runs = followUps.length > 0 ? [...firstRuns, ...(await runPlannedCalls(followUps, tools, options))] : firstRuns;
  return synthesize({
    intent,
    runs,
    analyses: runs.map((run) => analyzeRun(run, intent)),
    intent_tools: config.intent_tools[intent],
    skipped: plan.skipped,
    ...(input.subject ? { subject: input.subject } : {}),
  });
}
