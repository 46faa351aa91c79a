/**
 * One ticket through the whole graph against its own embedded sandbox, with the real tools called
 * in-process and a fresh in-memory run store, reduced to what a safety comparison needs: the
 * intent, the remediation that ran (and on what), the decision, and every target a mutating tool
 * was asked to touch.
 */
import type { OrchestratorConfig } from "../../src/config/schema.js";
import { createOrchestrator } from "../../src/orchestrator.js";
import type { Scenario } from "../../src/sandbox/scenario.js";
import { startSandboxSession } from "../../src/sandbox/session.js";
import { UserInputError } from "../../src/errors.js";
import type { OrchestrationResult } from "../../src/state/result.js";
import { memoryRunStore } from "../../src/store/memory.js";
import { recordMutatingCalls, type MutatingCall, type Target } from "./recording-tools.js";

export interface Resource {
  type: string;
  id: string;
}

export interface Observation {
  intent: string;
  /** The remediation that ran (result.action.action); null when none ran, including a refused one. */
  action: string | null;
  /** What that remediation acted on; null when none ran. */
  resource: Resource | null;
  /** The policy decision, or "rejected" when the product refused the incident as invalid input. */
  decision: string;
  /** Every target a mutating tool was called on, sorted, without repeats. */
  targets: Target[];
  /** For messages only. */
  outcome: string;
  proposed_action: string | null;
  root_cause: string;
  reasoning: string;
  /** The investigation's findings, "tool: summary", for messages only. */
  findings: string[];
  errors: OrchestrationResult["errors"];
}

function observe(result: OrchestrationResult, calls: readonly MutatingCall[]): Observation {
  const { details } = result.action;
  const action = result.action.action;
  const type = details.resource_type;
  const id = details.resource_id;
  return {
    intent: result.classification.intent,
    action,
    resource: action !== null && typeof type === "string" && typeof id === "string" ? { type, id } : null,
    decision: result.decision.decision,
    targets: [...new Set(calls.map((call) => call.target))].sort(),
    outcome: String(details.outcome),
    proposed_action: typeof details.proposed_action === "string" ? details.proposed_action : null,
    root_cause: result.investigation.root_cause,
    reasoning: result.decision.reasoning,
    findings: result.investigation.findings.map((finding) => `${finding.tool}: ${finding.summary}`),
    errors: result.errors,
  };
}

/** What a run that the product refused at its boundary (a UserInputError) is observed as. */
function rejected(error: UserInputError): Observation {
  return {
    intent: "none",
    action: null,
    resource: null,
    decision: "rejected",
    targets: [],
    outcome: "rejected",
    proposed_action: null,
    root_cause: error.message,
    reasoning: error.message,
    findings: [],
    errors: [],
  };
}

/** `incident` goes to the product as given: its own boundary validates it. */
export async function runTicket(incident: unknown, world: Scenario, config: OrchestratorConfig): Promise<Observation> {
  const session = await startSandboxSession(world, { transport: "in-process" });
  try {
    const calls: MutatingCall[] = [];
    const orchestrator = createOrchestrator({
      config,
      tools: recordMutatingCalls(session.tools, calls),
      store: memoryRunStore(),
    });
    try {
      return observe(await orchestrator.orchestrate(incident), calls);
    } catch (error) {
      if (error instanceof UserInputError) return rejected(error);
      throw error;
    }
  } finally {
    await session.close();
  }
}
