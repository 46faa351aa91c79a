/**
 * Durable runs through `createOrchestrator` on a real store (SQLite, and Postgres when DATABASE_URL
 * answers) with the real tools on the example's sandbox: a run pauses for review, is reported
 * rather than run again, and each answer is carried out; approval gates a remediation; a bad
 * answer leaves the thread paused; a held thread refuses a second run; a run that stopped between
 * steps continues.
 */
import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import type { OrchestratorConfig } from "../src/config/schema.js";
import { createOrchestrator, ThreadBusyError, type Orchestrator } from "../src/orchestrator.js";
import { threadIdFor } from "../src/runs/thread-id.js";
import { loadScenarioFile, startSandboxSession, type SandboxSession } from "../src/sandbox/session.js";
import type { Incident } from "../src/state/incident.js";
import type { RunStore } from "../src/store/types.js";
import { GLUE_IDEMPOTENCY_ARGUMENT } from "../src/tools/glue/retry-glue-job.js";
import { callTool, toolRegistry } from "../src/tools/registry.js";
import { backendTitle, runBackends } from "./support/run-backends.js";

const backends = await runBackends();
const open: { session?: SandboxSession; store?: RunStore } = {};

afterEach(async () => {
  await open.store?.close();
  await open.session?.close();
  delete open.store;
  delete open.session;
});

afterAll(async () => {
  for (const backend of backends) await backend.cleanUp();
});

function incidentOf(example: string): Incident {
  return JSON.parse(readFileSync(`examples/incidents/${example}.json`, "utf8")) as Incident;
}

for (const backend of backends) {
  describe.skipIf(backend.skip !== undefined)(backendTitle(backend, "durable runs"), () => {
    async function orchestratorFor(
      example: string,
      adjust: (config: OrchestratorConfig) => void = () => {},
    ): Promise<{ orchestrator: Orchestrator; session: SandboxSession; store: RunStore; stages: string[] }> {
      open.session = await startSandboxSession(await loadScenarioFile(`examples/scenarios/${example}.json`));
      open.store = await backend.open(backend.isolate());
      const config = await loadConfigFile("examples/config.json");
      adjust(config);
      const orchestrator = createOrchestrator({
        config,
        tools: open.session.tools,
        store: open.store,
        sleep: async () => {},
      });
      return { orchestrator, session: open.session, store: open.store, stages: [] };
    }

    const starts = (session: SandboxSession) =>
      session.sandbox.calls.filter((call) => call.operation === "StartJobRun").length;

    it("pauses a Kafka incident, reports it instead of running it again, and escalates with the note", async () => {
      const { orchestrator, store } = await orchestratorFor("kafka-consumer-lag-rising");
      const incident = incidentOf("kafka-consumer-lag-rising");
      const paused = await orchestrator.run(incident);
      expect(paused).toMatchObject({ status: "paused", reason: "policy", thread_id: threadIdFor(incident.sys_id) });

      const stages: string[] = [];
      const again = await orchestrator.run(incident, { onStage: ({ node }) => stages.push(node) });
      expect(again.status).toBe("paused");
      expect(stages).toEqual([]);
      expect((await store.threads.list({ status: "paused" })).map((thread) => thread.thread_id)).toEqual([
        paused.thread_id,
      ]);

      const done = await orchestrator.resume(incident.sys_id, {
        type: "response",
        args: "Paged the payments on-call",
        reviewer: "jdoe",
      });
      expect(done.status).toBe("completed");
      expect(done.result.reviews).toMatchObject([
        { reason: "policy", response: "response", note: "Paged the payments on-call", reviewer: "jdoe" },
      ]);
      const state = (await orchestrator.graph.getState({ configurable: { thread_id: paused.thread_id } })).values as {
        ticket_update: { state: string; work_notes: string };
      };
      expect(state.ticket_update.state).toBe("In Progress");
      expect(state.ticket_update.work_notes).toMatch(/^Escalated by jdoe on review: Paged the payments on-call/);
      expect(await store.threads.list({ status: "paused" })).toEqual([]);
      await expect(orchestrator.resume(paused.thread_id, { type: "ignore", args: null })).rejects.toThrow(
        /is not waiting for a review: it has finished/,
      );
    });

    it("closes on accept when nothing is proposed, and hands over on ignore", async () => {
      const first = await orchestratorFor("kafka-consumer-lag-rising");
      const incident = incidentOf("kafka-consumer-lag-rising");
      await first.orchestrator.run(incident);
      const closed = await first.orchestrator.resume(incident.sys_id, { type: "accept", args: null, reviewer: "ann" });
      const closedState = (await first.orchestrator.graph.getState({ configurable: { thread_id: closed.thread_id } }))
        .values as { ticket_update: { state: string; work_notes: string } };
      expect(closedState.ticket_update.state).toBe("Resolved");
      expect(closedState.ticket_update.work_notes).toMatch(/^Resolved by ann on review/);

      const ignored = await first.orchestrator.run(incident, { threadId: threadIdFor("another") });
      const handed = await first.orchestrator.resume(ignored.thread_id, { type: "ignore", args: null });
      const handedState = (await first.orchestrator.graph.getState({ configurable: { thread_id: handed.thread_id } }))
        .values as { ticket_update: { state: string | null } };
      expect(handedState.ticket_update.state).toBeNull();
      expect(handed.result.reviews.at(-1)).toMatchObject({ response: "ignore", reviewer: "unknown" });
    });

    it("pauses for approval before a gated re-run, starts nothing until accepted, then exactly one", async () => {
      const { orchestrator, session } = await orchestratorFor("glue-timeout-rerun-succeeds", (config) => {
        config.remediation.require_approval.resources.glue_jobs = ["SPENDING_*"];
      });
      const paused = await orchestrator.run(incidentOf("glue-timeout-rerun-succeeds"));
      expect(paused).toMatchObject({ status: "paused", reason: "approval" });
      if (paused.status !== "paused") return;
      expect(paused.review.action_request.action).toBe("retry_glue_job");
      expect(starts(session)).toBe(0);

      const done = await orchestrator.resume(paused.thread_id, { type: "accept", args: null, reviewer: "ann" });
      expect(done.result.decision.decision).toBe("auto_close");
      expect(done.result.reviews).toMatchObject([{ reason: "approval", response: "accept", attempt: 1 }]);
      expect(starts(session)).toBe(1);
    });

    it("runs an edited re-run with the edited arguments, when their names are allowed", async () => {
      const { orchestrator, session } = await orchestratorFor("glue-timeout-rerun-succeeds", (config) => {
        config.remediation.require_approval.intents = ["glue_etl_failure"];
        config.remediation.allowed_arguments.glue_jobs = ["--run_date"];
      });
      const incident = incidentOf("glue-timeout-rerun-succeeds");
      const paused = await orchestrator.run(incident);
      const edited = await orchestrator.resume(paused.thread_id, {
        type: "edit",
        args: {
          action: "retry_glue_job",
          args: { job_name: "SPENDING_POTS", arguments: { "--run_date": "2026-11-22" } },
        },
      });
      expect(edited.result.decision.decision).toBe("auto_close");
      const logs = (await callTool(toolRegistry(session.tools), "get_glue_logs", {
        job_name: "SPENDING_POTS",
        log_lines: 0,
      })) as { runs: { arguments: Record<string, string> }[] };
      const ours = logs.runs.filter((run) => run.arguments[GLUE_IDEMPOTENCY_ARGUMENT] !== undefined);
      expect(ours).toHaveLength(1);
      expect(ours[0]?.arguments["--run_date"]).toBe("2026-11-22");
      expect(ours[0]?.arguments["--source_path"]).toBeUndefined();
    });

    it("refuses an edited re-run of another job than the incident's: the attempt is refused and nothing starts", async () => {
      const { orchestrator, session } = await orchestratorFor("glue-timeout-rerun-succeeds", (config) => {
        config.remediation.require_approval.intents = ["glue_etl_failure"];
      });
      const paused = await orchestrator.run(incidentOf("glue-timeout-rerun-succeeds"));
      const refused = await orchestrator.resume(paused.thread_id, {
        type: "edit",
        args: { action: "retry_glue_job", args: { job_name: "payroll_nightly" } },
      });
      expect(refused.result.action.details).toMatchObject({ outcome: "refused", proposed_action: "retry_glue_job" });
      expect(String(refused.result.action.details.message)).toMatch(/the incident is about Glue job "SPENDING_POTS"/);
      expect(starts(session)).toBe(0);
    });

    it("refuses a malformed answer with one clear error and leaves the thread paused", async () => {
      const { orchestrator } = await orchestratorFor("kafka-consumer-lag-rising");
      const paused = await orchestrator.run(incidentOf("kafka-consumer-lag-rising"));
      await expect(
        orchestrator.resume(paused.thread_id, { type: "edit", args: { action: "retry_glue_job", args: {} } }),
      ).rejects.toThrow(/"edit" is not allowed for this review/);
      await expect(orchestrator.resume(paused.thread_id, { type: "response", args: "   " })).rejects.toThrow(
        /answer\.args/,
      );
      expect((await orchestrator.inspect(paused.thread_id))?.status).toBe("paused");
    });

    it("refuses a second run on a thread another run holds", async () => {
      const { orchestrator, store } = await orchestratorFor("kafka-consumer-lag-rising");
      const incident = incidentOf("kafka-consumer-lag-rising");
      const lock = await store.locks.tryAcquire(threadIdFor(incident.sys_id));
      expect(lock).toBeDefined();
      await expect(orchestrator.run(incident)).rejects.toBeInstanceOf(ThreadBusyError);
      await lock?.release();
      expect((await orchestrator.run(incident)).status).toBe("paused");
    });

    it("continues a run that stopped between steps, from its last checkpoint", async () => {
      const { orchestrator, session } = await orchestratorFor("glue-timeout-rerun-succeeds");
      const incident = incidentOf("glue-timeout-rerun-succeeds");
      const threadId = threadIdFor(incident.sys_id);
      // As a process that died after classifying leaves it: a checkpoint with investigate next.
      await orchestrator.graph.invoke(
        { incident },
        { configurable: { thread_id: threadId }, durability: "sync", interruptBefore: ["investigate"] },
      );
      expect((await orchestrator.graph.getState({ configurable: { thread_id: threadId } })).next).toEqual([
        "investigate",
      ]);

      const stages: string[] = [];
      const done = await orchestrator.run(incident, { onStage: ({ node }) => stages.push(node) });
      expect(stages).toEqual(["investigate", "take_action", "policy_engine", "close_ticket"]);
      expect(done).toMatchObject({ status: "completed", already_done: false });
      expect(done.result.decision.decision).toBe("auto_close");
      expect(starts(session)).toBe(1);
      expect(await orchestrator.run(incident)).toMatchObject({ status: "completed", already_done: true });
      expect(starts(session)).toBe(1);
    });
  });
}
