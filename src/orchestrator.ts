/**
 * The public entry points, as the seed has them — `createOrchestrator(options).orchestrate(incident)`
 * and `orchestrateIncident(incident, options)` — plus what durable runs add: `run` (continues or
 * reports an incident's thread rather than starting a duplicate), `resume` (answers a paused
 * review) and `inspect`.
 */
import { Command, type BaseCheckpointSaver, type StateSnapshot } from "@langchain/langgraph";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { IncidentClassifier } from "./classifier/index.js";
import { createDependencies } from "./compose/dependencies.js";
import { resolveConfig } from "./config/load.js";
import type { OrchestratorConfig, OrchestratorConfigInput } from "./config/schema.js";
import { UserInputError } from "./errors.js";
import { compileOrchestratorGraph, type OrchestratorGraph } from "./graph/graph.js";
import type { NodeName } from "./state/node-names.js";
import { checkAnswer } from "./review/answer.js";
import { reviewRequestFor } from "./review/request.js";
import { outcomeOf, pausedReview, threadRecord, threadRecordOf } from "./runs/outcome.js";
import { runContextConflict, runContextFor } from "./runs/run-context.js";
import { dryRunThreadIdFor, namedThreadId, threadCandidates, threadIdFor } from "./runs/thread-id.js";
import type { GraphState, GraphUpdate } from "./state/graph-state.js";
import type { Incident } from "./state/incident.js";
import { parseIncident } from "./state/parse-incident.js";

export { parseIncident };
import type { OrchestrationResult } from "./state/result.js";
import type { HumanResponseInput } from "./state/review.js";
import type { RunContext, RunOrigin } from "./state/run-context.js";
import type { RunOutcome } from "./state/run-outcome.js";
import { memoryRunStore } from "./store/memory.js";
import type { RunStore } from "./store/types.js";
import { createAwsClients } from "./tools/aws-clients.js";
import { createDataLakeTools } from "./tools/index.js";

export interface OrchestratorOptions {
  /** Tools to use (any LangChain tools, e.g. loaded from MCP); default: ours on the AWS SDK with the standard credential chain and endpoint. */
  tools?: readonly StructuredToolInterface[];
  /** Config overrides; validated (a parsed config is accepted as is). */
  config?: OrchestratorConfigInput | OrchestratorConfig;
  /** Checkpoints, side-effect ledger, thread locks and thread index (src/store); default: in memory. */
  store?: RunStore;
  /** A checkpointer to use instead of the store's. */
  checkpointer?: BaseCheckpointSaver;
  /** Overrides `config.agents.classifier`. */
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
  /**
   * A thread of the caller's choosing (a UUID, or a name that maps to its own UUID). Default:
   * derived from the incident's sys_id, a dry run's thread apart from the real one (src/runs/thread-id.ts).
   */
  threadId?: string;
  /**
   * Where the config, scenario and tools came from, kept on the thread (src/state/run-context.ts).
   * On resume, a field given here that differs from the thread's is refused.
   */
  origin?: RunOrigin;
  /** LangChain callbacks for the run (tracing, counting model calls). */
  callbacks?: Callbacks;
  /** Called as each stage completes, in order. */
  onStage?: (event: StageEvent) => void;
}

export interface Orchestrator {
  readonly graph: OrchestratorGraph;
  readonly config: OrchestratorConfig;
  readonly store: RunStore;
  /** The seed's call: the result document (a run paused for review reports decision human_review). */
  orchestrate(incident: unknown, options?: RunOptions): Promise<OrchestrationResult>;
  /** Runs an incident on its thread: starts it, continues it after a crash, or reports where it stands. */
  run(incident: unknown, options?: RunOptions): Promise<RunOutcome>;
  /** Answers a paused review (`thread` is a thread id or an incident's sys_id). */
  resume(thread: string, answer: HumanResponseInput, options?: Omit<RunOptions, "threadId">): Promise<RunOutcome>;
  /** Where a thread stands, without running anything; undefined when it has never run. */
  inspect(thread: string): Promise<RunOutcome | undefined>;
  /** How a thread's run was made; undefined when it never ran or predates run contexts. */
  runContext(thread: string): Promise<RunContext | undefined>;
  /** The thread a reference names: a thread id, or a sys_id (its incident's thread, a named thread or its dry run). */
  resolveThread(ref: string): Promise<string>;
}

/** Another run holds the thread (another process, or a concurrent call in this one). */
export class ThreadBusyError extends UserInputError {
  constructor(readonly threadId: string) {
    super(`thread ${threadId} is being run by another process right now; try again when it has finished`);
  }
}

/** Generous: every retry loop costs three steps and budgets are at most 10. */
const RECURSION_LIMIT = 100;

export function createOrchestrator(options: OrchestratorOptions = {}): Orchestrator {
  const config = resolveConfig(options.config);
  const now = options.now ?? (() => new Date());
  const store = options.store ?? memoryRunStore(now);
  const deps = createDependencies({
    config,
    tools: options.tools ?? createDataLakeTools(createAwsClients()),
    ledger: store.ledger,
    now,
    classifier: options.classifier,
    sleep: options.sleep,
  });
  const graph = compileOrchestratorGraph(deps, options.checkpointer ?? store.checkpointer);

  const snapshotOf = (threadId: string): Promise<StateSnapshot> =>
    graph.getState({ configurable: { thread_id: threadId } });

  /** Streams the graph from `input` on the thread; `sync` durability: each step is saved before the next starts. */
  async function drive(threadId: string, input: unknown, runOptions: RunOptions): Promise<void> {
    const stream = await graph.stream(input as Parameters<OrchestratorGraph["stream"]>[0], {
      streamMode: "updates",
      durability: "sync",
      configurable: { thread_id: threadId },
      recursionLimit: RECURSION_LIMIT,
      ...(runOptions.callbacks ? { callbacks: runOptions.callbacks } : {}),
    });
    for await (const chunk of stream) {
      for (const [node, update] of Object.entries(chunk as Record<string, GraphUpdate>)) {
        // "__interrupt__" is LangGraph's note of the pause, not a stage.
        if (node.startsWith("__")) continue;
        runOptions.onStage?.({ node: node as NodeName, update });
      }
    }
  }

  /** Holds the thread for the call, and records where it ended in the thread index. */
  async function onThread(
    threadId: string,
    incident: Incident | undefined,
    body: () => Promise<{ outcome: RunOutcome; state: GraphState }>,
  ): Promise<RunOutcome> {
    const lock = await store.locks.tryAcquire(threadId);
    if (!lock) throw new ThreadBusyError(threadId);
    try {
      if (incident) {
        await store.threads.upsert(threadRecord(threadId, incident, "running", "running", now()));
      }
      const { outcome, state } = await body();
      await store.threads.upsert(threadRecordOf(outcome, state, now()));
      return outcome;
    } catch (error) {
      await recordFailure(threadId, incident, error);
      throw error;
    } finally {
      await lock.release();
    }
  }

  /**
   * A run that stopped on an error it could not record in the thread (a checkpoint that would not
   * save, a store that went away) is marked failed in the thread index with the error, never left
   * "running": its last checkpoint stands, and running it again carries on from there (the ledger
   * keeps any side effect from being repeated). A user's error (a bad answer) changes nothing.
   */
  async function recordFailure(threadId: string, incident: Incident | undefined, error: unknown): Promise<void> {
    if (error instanceof UserInputError) return;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    try {
      const ran = incident ?? (await snapshotOf(threadId).then((snapshot) => (snapshot.values as GraphState).incident));
      if (!ran) return;
      const where = `failed: ${message}; run it again to continue from its last checkpoint`;
      await store.threads.upsert(threadRecord(threadId, ran, "failed", where, now()));
    } catch {
      // The store itself is failing: the error the caller gets says so.
    }
  }

  /** A reference that is not a thread id may mean several threads; the one that has run is meant. */
  async function resolveThread(ref: string): Promise<string> {
    const candidates = threadCandidates(ref);
    const ran: typeof candidates = [];
    for (const candidate of candidates) {
      if (hasRun(await snapshotOf(candidate.thread_id))) ran.push(candidate);
    }
    if (ran.length > 1) {
      const which = ran.map((candidate) => `${candidate.thread_id} (${candidate.what})`).join(", ");
      throw new UserInputError(`"${ref}" names more than one thread: ${which}; give the thread id`);
    }
    return (ran[0] ?? candidates[0])?.thread_id ?? threadIdFor(ref);
  }

  /** Refuses to carry a thread on under another config, scenario or tool source than it was run with. */
  function assertSameContext(threadId: string, snapshot: StateSnapshot, origin: RunOrigin | undefined): void {
    const context = (snapshot.values as Partial<GraphState>).run_context;
    if (!context) return;
    const conflict = runContextConflict(threadId, context, config, origin);
    if (conflict) throw new UserInputError(conflict);
  }

  function outcomeAt(threadId: string, snapshot: StateSnapshot, already_done = false) {
    const state = snapshot.values as GraphState;
    return { state, outcome: outcomeOf(threadId, snapshot, deps, already_done) };
  }

  const orchestrator: Orchestrator = {
    graph,
    config,
    store,

    async orchestrate(input, runOptions = {}) {
      return (await orchestrator.run(input, runOptions)).result;
    },

    async run(input, runOptions = {}) {
      const incident = parseIncident(input);
      const ownThread = config.remediation.dry_run ? dryRunThreadIdFor : threadIdFor;
      const threadId = runOptions.threadId ? namedThreadId(runOptions.threadId) : ownThread(incident.sys_id);
      // Before the thread is marked running: a run that stopped mid-way carries on only as it was made.
      const existing = await snapshotOf(threadId);
      if (hasRun(existing) && !pausedReview(existing) && !isFinished(existing)) {
        assertSameContext(threadId, existing, runOptions.origin);
      }
      return onThread(threadId, incident, async () => {
        const before = await snapshotOf(threadId);
        if (!hasRun(before)) {
          const run_context = runContextFor(config, runOptions.origin);
          await drive(threadId, { incident, started_at: now().toISOString(), run_context }, runOptions);
        } else if (pausedReview(before) || isFinished(before)) {
          // Paused for a person, or finished: report it, run nothing.
          return outcomeAt(threadId, before, isFinished(before));
        } else {
          // A run that stopped between steps (a crash): carry on from its last checkpoint.
          await drive(threadId, null, runOptions);
        }
        return outcomeAt(threadId, await snapshotOf(threadId));
      });
    },

    async resume(thread, answer, runOptions = {}) {
      const threadId = await resolveThread(thread);
      return onThread(threadId, undefined, async () => {
        const before = await snapshotOf(threadId);
        if (!pausedReview(before)) {
          const where = hasRun(before)
            ? isFinished(before)
              ? "it has finished"
              : "it is not paused"
            : "it has never run";
          throw new UserInputError(`thread ${threadId} is not waiting for a review: ${where}`);
        }
        assertSameContext(threadId, before, runOptions.origin);
        // Checked here too, so a bad answer is one clear error and the thread stays paused.
        const request = reviewRequestFor(before.values as GraphState, config, deps.tools);
        const checked = checkAnswer(answer, request);
        if (!checked.ok) throw new UserInputError(checked.error);
        await drive(threadId, new Command({ resume: [checked.response] }), runOptions);
        return outcomeAt(threadId, await snapshotOf(threadId));
      });
    },

    async inspect(thread) {
      const threadId = await resolveThread(thread);
      const snapshot = await snapshotOf(threadId);
      return hasRun(snapshot) ? outcomeOf(threadId, snapshot, deps, isFinished(snapshot)) : undefined;
    },

    async runContext(thread) {
      const snapshot = await snapshotOf(await resolveThread(thread));
      return (snapshot.values as Partial<GraphState>).run_context ?? undefined;
    },

    resolveThread,
  };
  return orchestrator;
}

export async function orchestrateIncident(
  incident: unknown,
  options: OrchestratorOptions = {},
): Promise<OrchestrationResult> {
  return createOrchestrator(options).orchestrate(incident);
}

/** Whether the thread has any checkpoint (an unknown thread's snapshot has none). */
function hasRun(snapshot: StateSnapshot): boolean {
  return snapshot.createdAt !== undefined;
}

/**
 * Whether the run has ended. Not `next.length === 0`: LangGraph leaves a task out of `next` once
 * its writes are saved, so a run killed after a node finished but before the next checkpoint shows
 * an empty `next` with that task still pending. A finished run has no tasks at all.
 */
function isFinished(snapshot: StateSnapshot): boolean {
  return snapshot.tasks.length === 0;
}
