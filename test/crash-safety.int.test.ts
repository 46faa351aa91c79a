/**
 * The CLI SIGKILLed right after a side effect and before the next checkpoint, then run again on
 * the same incident: the run continues on its thread, finds the re-run it already started (in the
 * ledger, or in the world by its idempotency key) and starts no other. The sandbox lives in this
 * test process, so it outlives the CLI; the CLI reaches it as it would reach AWS (AWS_ENDPOINT_URL)
 * and, as users run it, over our MCP server.
 */
import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { threadIdFor } from "../src/runs/thread-id.js";
import { loadScenarioFile } from "../src/sandbox/session.js";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { OrchestrationResultSchema } from "../src/state/result.js";
import { backendTitle, runBackends } from "./support/run-backends.js";
import { startCli, type CliProcess } from "./support/cli-process.js";

const EXAMPLE = "glue-timeout-rerun-succeeds";
const incidentPath = `examples/incidents/${EXAMPLE}.json`;
const sysId = (JSON.parse(readFileSync(incidentPath, "utf8")) as { sys_id: string }).sys_id;
const args = ["run", incidentPath, "--config", "examples/config.json", "--json"];

const backends = await runBackends();
let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

afterAll(async () => {
  for (const backend of backends) await backend.cleanUp();
});

type KillPoint = "during_start" | "after_start";

for (const backend of backends) {
  describe.skipIf(backend.skip !== undefined)(backendTitle(backend, "a CLI killed after starting a re-run"), () => {
    it.each<[string, KillPoint, RegExp, string]>([
      [
        "while StartJobRun is answered",
        "during_start",
        /had already started \(found by its idempotency key\)/,
        "started",
      ],
      ["at the status read after it", "after_start", /had already started \(ledger\)/, "completed"],
    ])(
      "%s: run again, it continues and starts no second run",
      async (_title, point, reused, ledgerState) => {
        let starts = 0;
        let victim: CliProcess | undefined;
        sandbox = await startSandbox({
          scenario: await loadScenarioFile(`examples/scenarios/${EXAMPLE}.json`),
          onRequest: ({ service, operation }) => {
            if (service !== "glue") return;
            if (operation === "StartJobRun") {
              starts += 1;
              if (point === "during_start") victim?.kill();
            } else if (starts > 0 && point === "after_start") {
              victim?.kill();
            }
          },
        });
        const env = { ...backend.isolate(), ...sandbox.env() };

        victim = startCli(args, env);
        const killed = await victim.exited;
        expect(killed.signal, killed.stderr).toBe("SIGKILL");
        expect(starts).toBe(1);

        // What the crash left: the ledger entry, written before the call (and after it, for the later kill).
        const store = await backend.open(env);
        try {
          const entries = await store.ledger.forThread(threadIdFor(sysId));
          expect(entries.map((entry) => [entry.action, entry.state])).toEqual([["retry_glue_job", ledgerState]]);
        } finally {
          await store.close();
        }

        victim = undefined;
        const again = await startCli(args, env).exited;
        expect(again.code, again.stderr).toBe(0);
        const result = OrchestrationResultSchema.parse(JSON.parse(again.stdout));
        expect(result.decision.decision).toBe("auto_close");
        expect(result.action).toMatchObject({ action: "retry_glue_job", success: true });
        expect(String(result.action.details.message)).toMatch(reused);
        expect(starts).toBe(1);
      },
      120_000,
    );
  });
}
