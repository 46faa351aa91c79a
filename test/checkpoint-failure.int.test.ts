/**
 * A checkpoint that will not save (issue 9, finding 4): the run stops with the error, the thread is
 * marked failed in the thread index — never left "running" — and running it again carries on from
 * its last checkpoint, finding the re-run the lost step had started instead of starting another.
 */
import { MemorySaver, type Checkpoint, type CheckpointMetadata } from "@langchain/langgraph";
import type { RunnableConfig } from "@langchain/core/runnables";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { createOrchestrator } from "../src/orchestrator.js";
import { threadIdFor } from "../src/runs/thread-id.js";
import { ScenarioSchema } from "../src/sandbox/scenario.js";
import { startSandboxSession, type SandboxSession } from "../src/sandbox/session.js";
import { memoryRunStore } from "../src/store/memory.js";
import { glueIncident, glueWorld, TIMEOUT_MESSAGE } from "./support/glue-world.js";

/** Refuses, once, to save the first checkpoint that holds an action attempt. */
class SaverThatFailsOnce extends MemorySaver {
  failed = false;
  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata) {
    const attempts = (checkpoint.channel_values as { attempts?: unknown[] }).attempts ?? [];
    if (!this.failed && attempts.length > 0) {
      this.failed = true;
      throw new Error("checkpoint write failed: disk I/O error");
    }
    return super.put(config, checkpoint, metadata);
  }
}

let session: SandboxSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe("a checkpoint that will not save", () => {
  it("marks the thread failed with the error, and a second run finishes without a second start", async () => {
    session = await startSandboxSession(ScenarioSchema.parse(glueWorld(TIMEOUT_MESSAGE, { state: "TIMEOUT" })));
    const store = memoryRunStore();
    const saver = new SaverThatFailsOnce();
    const orchestrator = createOrchestrator({
      config: await loadConfigFile("examples/config.json"),
      tools: session.tools,
      store,
      checkpointer: saver,
      sleep: async () => {},
    });
    const thread = threadIdFor(glueIncident.sys_id);
    const starts = () => session?.sandbox.calls.filter((call) => call.operation === "StartJobRun").length;

    await expect(orchestrator.run(glueIncident)).rejects.toThrow(/disk I\/O error/);
    expect(saver.failed).toBe(true);
    expect(starts()).toBe(1);
    expect(await store.threads.get(thread)).toMatchObject({
      status: "failed",
      summary: expect.stringContaining("failed: checkpoint write failed: disk I/O error; run it again to continue"),
    });
    expect(await store.threads.list({ status: "running" })).toEqual([]);

    // Carried on only as it was made: under another config it is refused, and stays marked failed.
    const otherConfig = createOrchestrator({ tools: session.tools, store, checkpointer: saver });
    await expect(otherConfig.run(glueIncident)).rejects.toThrow(/was run with a config given by the caller/);
    expect(await store.threads.get(thread)).toMatchObject({ status: "failed" });

    const again = await orchestrator.run(glueIncident);
    expect(again.result.decision.decision).toBe("auto_close");
    expect(again.result.action).toMatchObject({ action: "retry_glue_job", success: true });
    expect(starts()).toBe(1);
    expect(await store.threads.get(thread)).toMatchObject({ status: "done" });
  });
});
