/**
 * A recurrence is a new occurrence: the same ticket handled again on a new thread (as
 * docs/durability.md suggests for a failure that came back) must re-run its remediation, while
 * the same thread run again never repeats one. Both share one store, so one side-effect ledger:
 * idempotency keys carry the thread, or the recurrence would find yesterday's start and "verify" it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { createOrchestrator } from "../src/orchestrator.js";
import { startSandboxSession, type SandboxSession } from "../src/sandbox/session.js";
import { ScenarioSchema } from "../src/sandbox/scenario.js";
import type { RunStore } from "../src/store/types.js";
import { glueIncident, glueWorld, TIMEOUT_MESSAGE } from "./support/glue-world.js";
import { backendTitle, runBackends } from "./support/run-backends.js";

const backends = await runBackends();
afterAll(async () => {
  for (const backend of backends) await backend.cleanUp();
});

const starts = (session: SandboxSession) =>
  session.sandbox.calls.filter((call) => call.operation === "StartJobRun").length;

/** The same failure, in a world of its own (the job failed again after yesterday's re-run). */
async function failingWorld(): Promise<SandboxSession> {
  return startSandboxSession(ScenarioSchema.parse(glueWorld(TIMEOUT_MESSAGE, { state: "TIMEOUT" })));
}

for (const backend of backends) {
  describe.skipIf(backend.skip !== undefined)(backendTitle(backend, "recurrence"), () => {
    it("re-runs a recurrence on a new thread, and never repeats a remediation on the same thread", async () => {
      const config = await loadConfigFile("examples/config.json");
      const store: RunStore = await backend.open(backend.isolate());
      const first = await failingWorld();
      const second = await failingWorld();
      try {
        const orchestratorOn = (session: SandboxSession) =>
          createOrchestrator({ config, tools: session.tools, store, sleep: async () => {} });

        const yesterday = await orchestratorOn(first).run(glueIncident);
        expect(yesterday.result.decision.decision).toBe("auto_close");
        expect(starts(first)).toBe(1);

        const again = await orchestratorOn(first).run(glueIncident);
        expect(again).toMatchObject({ status: "completed", already_done: true });
        expect(starts(first)).toBe(1);

        const recurrence = await orchestratorOn(second).run(glueIncident, { threadId: "recurrence-2026-11-24" });
        expect(recurrence.result.action.action).toBe("retry_glue_job");
        expect(recurrence.result.decision.decision).toBe("auto_close");
        expect(starts(second)).toBe(1);
        expect(recurrence.result.action.details).not.toEqual(yesterday.result.action.details);
      } finally {
        await store.close();
        await first.close();
        await second.close();
      }
    });
  });
}
