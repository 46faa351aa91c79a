/**
 * The public entry points, as the seed has them: `createOrchestrator(options).orchestrate(incident)`
 * and `orchestrateIncident(incident, options)`.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { deterministicClassifier, type IncidentClassifier } from "./classifier/index.js";
import { resolveConfig } from "./config/load.js";
import type { OrchestratorConfig, OrchestratorConfigInput } from "./config/schema.js";
import { parseOrThrow } from "./errors.js";
import type { OrchestratorDeps } from "./graph/dependencies.js";
import { compileOrchestratorGraph, type OrchestratorGraph } from "./graph/graph.js";
import type { NodeName } from "./graph/node-names.js";
import { buildResult } from "./graph/result.js";
import type { GraphState, GraphUpdate } from "./state/graph-state.js";
import { IncidentSchema, type Incident } from "./state/incident.js";
import type { OrchestrationResult } from "./state/result.js";
import { createAwsClients } from "./tools/aws-clients.js";
import { createDataLakeTools } from "./tools/index.js";
import { toolRegistry } from "./tools/registry.js";

export interface OrchestratorOptions {
  /** Tools to use (any LangChain tools, e.g. loaded from MCP); default: ours on the AWS SDK with the standard credential chain and endpoint. */
  tools?: readonly StructuredToolInterface[];
  /** Config overrides; validated (a parsed config is accepted as is). */
  config?: OrchestratorConfigInput | OrchestratorConfig;
  /** Persists runs for resuming; none by default. */
  checkpointer?: BaseCheckpointSaver;
  classifier?: IncidentClassifier;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** One stage completing: a node and what it added to the state. */
export interface StageEvent {
  node: NodeName;
  update: GraphUpdate;
}

export interface RunOptions {
  threadId?: string;
  /** LangChain callbacks for the run (tracing, counting model calls). */
  callbacks?: Callbacks;
  /** Called as each stage completes, in order. */
  onStage?: (event: StageEvent) => void;
}

export interface Orchestrator {
  readonly graph: OrchestratorGraph;
  readonly config: OrchestratorConfig;
  orchestrate(incident: unknown, options?: RunOptions): Promise<OrchestrationResult>;
}

/** Generous: every retry loop costs three steps and budgets are at most 10. */
const RECURSION_LIMIT = 100;

export function createOrchestrator(options: OrchestratorOptions = {}): Orchestrator {
  const config = resolveConfig(options.config);
  const deps: OrchestratorDeps = {
    config,
    classifier: options.classifier ?? deterministicClassifier,
    tools: toolRegistry(options.tools ?? createDataLakeTools(createAwsClients())),
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? ((ms) => delay(ms)),
  };
  const graph = compileOrchestratorGraph(deps, options.checkpointer);

  return {
    graph,
    config,
    async orchestrate(input, runOptions = {}) {
      const incident = parseIncident(input);
      const threadId = runOptions.threadId ?? `incident-${incident.sys_id}-${randomUUID()}`;
      let final: GraphState | undefined;
      const stream = await graph.stream(
        { incident, started_at: deps.now().toISOString() },
        {
          streamMode: ["updates", "values"],
          configurable: { thread_id: threadId },
          recursionLimit: RECURSION_LIMIT,
          ...(runOptions.callbacks ? { callbacks: runOptions.callbacks } : {}),
        },
      );
      for await (const [mode, chunk] of stream) {
        if (mode === "values") {
          final = chunk as GraphState;
        } else {
          for (const [node, update] of Object.entries(chunk as Record<string, GraphUpdate>)) {
            runOptions.onStage?.({ node: node as NodeName, update });
          }
        }
      }
      if (!final) throw new Error("the graph produced no state");
      return final.result ?? buildResult(final, deps.now());
    },
  };
}

export async function orchestrateIncident(
  incident: unknown,
  options: OrchestratorOptions = {},
): Promise<OrchestrationResult> {
  return createOrchestrator(options).orchestrate(incident);
}

/** Validates an incident before any graph runs; the error names every bad field. */
export function parseIncident(input: unknown): Incident {
  return parseOrThrow(IncidentSchema, input, "incident");
}
