/**
 * A thread remembers how its run was made (issue 9, finding 7), and every other kind of thread is
 * its own: through the real CLI on one SQLite store.
 * - An approval-gated DAG re-trigger is resumed with a bare `resume <thread> --accept`, as the run's
 *   own hint says: it runs the approved remediation on the run's scenario under the run's config.
 * - A resume naming another config or scenario is one line, exit 2, saying what differs.
 * - A dry run has its own thread, so the real run after it runs.
 * - A thread named with --thread is found again by that name.
 * - A batch meeting a thread another process holds reports it and exits 0: it is handled, once.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dryRunThreadIdFor, namedThreadId, threadIdFor } from "../src/runs/thread-id.js";
import { OrchestrationResultSchema } from "../src/state/result.js";
import { openRunStoreFromEnv } from "../src/store/from-env.js";
import { startCli } from "./support/cli-process.js";
import { backendTitle, runBackends } from "./support/run-backends.js";

const EXAMPLE = "dag-zombie-task-retrigger-succeeds";
const incidentPath = `examples/incidents/${EXAMPLE}.json`;
const scenarioPath = `examples/scenarios/${EXAMPLE}.json`;
const sysId = (JSON.parse(readFileSync(incidentPath, "utf8")) as { sys_id: string }).sys_id;

const backends = await runBackends();
const sqlite = backends.find((backend) => backend.name === "sqlite")!;
afterAll(() => sqlite.cleanUp());

/** examples/config.json with every DAG re-trigger gated on a person's approval. */
function approvalConfig(): string {
  const config = JSON.parse(readFileSync("examples/config.json", "utf8")) as Record<string, unknown> & {
    remediation: Record<string, unknown>;
  };
  delete config.$schema;
  config.remediation.require_approval = { intents: ["dag_failure"] };
  const path = join(mkdtempSync(join(tmpdir(), "io-ctx-")), "approval.config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe(backendTitle(sqlite, "a thread's run context"), () => {
  it("resumes an approved re-trigger as the run was made, and refuses another config or scenario", async () => {
    const env = sqlite.isolate();
    const cli = (...args: string[]) => startCli(args, env).exited;
    const thread = threadIdFor(sysId);
    const config = approvalConfig();

    const run = await cli("run", incidentPath, "--scenario", scenarioPath, "--config", config, "--in-process");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Paused for review (approval) on thread ${thread}; proposes retry_airflow_dag.`);

    const otherConfig = await cli("resume", thread, "--accept", "--config", "examples/config.json");
    expect(otherConfig.code).toBe(2);
    expect(otherConfig.stderr.trim().split("\n")).toHaveLength(1);
    expect(otherConfig.stderr).toMatch(new RegExp(`thread ${thread} was run with .*approval\\.config\\.json`));
    const otherScenario = await cli(
      "resume",
      thread,
      "--accept",
      "--scenario",
      "examples/scenarios/glue-timeout-rerun-succeeds.json",
    );
    expect(otherScenario.code).toBe(2);
    expect(otherScenario.stderr).toMatch(
      /was run on scenario .*dag-zombie-task-retrigger-succeeds\.json, not scenario/,
    );

    const accepted = await cli("resume", thread, "--accept", "--by", "jdoe", "--json");
    expect(accepted.code, accepted.stderr).toBe(0);
    const result = OrchestrationResultSchema.parse(JSON.parse(accepted.stdout));
    expect(result.action).toMatchObject({ action: "retry_airflow_dag", success: true });
    expect(result.decision.decision).toBe("auto_close");
    expect(result.reviews).toMatchObject([{ reason: "approval", response: "accept", reviewer: "jdoe" }]);
  }, 180_000);

  it("gives a dry run its own thread, so the real run after it runs", async () => {
    const env = sqlite.isolate();
    const cli = (...args: string[]) => startCli(args, env).exited;
    const common = ["--scenario", scenarioPath, "--config", "examples/config.json", "--in-process"];
    const dry = await cli("run", incidentPath, ...common, "--dry-run", "--json");
    expect(dry.code, dry.stderr).toBe(0);
    expect(OrchestrationResultSchema.parse(JSON.parse(dry.stdout)).action.details).toMatchObject({
      outcome: "dry_run",
    });

    const real = await cli("run", incidentPath, ...common, "--json");
    expect(real.code, real.stderr).toBe(0);
    const result = OrchestrationResultSchema.parse(JSON.parse(real.stdout));
    expect(result.action).toMatchObject({ action: "retry_airflow_dag", success: true });
    expect(real.stderr).not.toMatch(/already/);

    const store = await openRunStoreFromEnv(env);
    try {
      const threads = (await store.threads.list()).map((record) => record.thread_id).sort();
      expect(threads).toEqual([dryRunThreadIdFor(sysId), threadIdFor(sysId)].sort());
    } finally {
      await store.close();
    }
  }, 180_000);

  it("finds a thread named with --thread by that name", async () => {
    const env = sqlite.isolate();
    const cli = (...args: string[]) => startCli(args, env).exited;
    const name = "recurrence-2026-11-24";
    const kafka = "examples/incidents/kafka-consumer-lag-rising.json";
    const run = await cli(
      "run",
      kafka,
      "--scenario",
      "examples/scenarios/kafka-consumer-lag-rising.json",
      "--in-process",
      "--thread",
      name,
    );
    expect(run.code, run.stderr).toBe(0);
    const pending = await cli("pending", "--json");
    expect(JSON.parse(pending.stdout)).toMatchObject([{ thread_id: namedThreadId(name), status: "paused" }]);
    const show = await cli("show", name, "--json");
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ status: "paused", thread_id: namedThreadId(name) });
    const resumed = await cli("resume", name, "--ignore", "--json");
    expect(resumed.code, resumed.stderr).toBe(0);
  }, 180_000);

  it("reports a batch incident another process is running, and exits 0", async () => {
    const env = sqlite.isolate();
    const batch = join(mkdtempSync(join(tmpdir(), "io-busy-")), "batch.jsonl");
    const kafka = readFileSync("examples/incidents/kafka-consumer-lag-rising.json", "utf8");
    writeFileSync(batch, `${JSON.stringify(JSON.parse(kafka))}\n`);
    const kafkaSysId = (JSON.parse(kafka) as { sys_id: string }).sys_id;
    const store = await openRunStoreFromEnv(env);
    const lock = await store.locks.tryAcquire(threadIdFor(kafkaSysId));
    expect(lock).toBeDefined();
    try {
      const exit = await startCli(
        ["run", batch, "--scenario", "examples/scenarios/kafka-consumer-lag-rising.json", "--in-process", "--json"],
        env,
      ).exited;
      expect(exit.code, exit.stderr).toBe(0);
      expect(JSON.parse(exit.stdout)).toEqual({
        sys_id: kafkaSysId,
        thread_id: threadIdFor(kafkaSysId),
        status: "busy",
      });
    } finally {
      await lock?.release();
      await store.close();
    }
  }, 180_000);
});
