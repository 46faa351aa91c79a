/**
 * The soak test, once per run store (test/soak-*.test.ts, separate files so they can run side by
 * side): 120 Glue incidents (SOAK_INCIDENTS) run as one batch by the CLI, which is SIGKILLed again and again at
 * random moments (a seeded random number of AWS requests into each attempt) and started again
 * until it finishes on its own. Then no incident is lost (every thread is done, auto_close) and
 * none is duplicated (every job has exactly one re-run carrying an idempotency key).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/sandbox/faults.js";
import { ScenarioSchema, type Scenario } from "../../src/sandbox/scenario.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { createAwsClients } from "../../src/tools/aws-clients.js";
import { GLUE_IDEMPOTENCY_ARGUMENT } from "../../src/tools/glue/retry-glue-job.js";
import { createDataLakeTools } from "../../src/tools/index.js";
import { callTool, toolRegistry } from "../../src/tools/registry.js";
import { startCli, type CliProcess } from "./cli-process.js";
import { backendTitle, runBackends, type RunBackend } from "./run-backends.js";

/**
 * Sized to keep `npm test` within its time on two cores; `SOAK_INCIDENTS=200 SOAK_KILLS=12` (the
 * size this test was first written at) or more make a longer soak.
 */
const INCIDENTS = sizeFromEnv("SOAK_INCIDENTS", 120);
/** Rounds killed at a random moment; the rounds after them run to the end. */
const KILL_ROUNDS = sizeFromEnv("SOAK_KILLS", 8);
const MAX_ROUNDS = KILL_ROUNDS + 10;
const EXAMPLE = "glue-timeout-rerun-succeeds";
const TEMPLATE_JOB = "SPENDING_POTS";

function sizeFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 999)
    throw new Error(`${name} must be a whole number from 1 to 999`);
  return value;
}

const jobName = (index: number) => `SOAK_JOB_${String(index).padStart(3, "0")}`;

/** The example's Glue timeout, once per job: the same story with another job's name and run id. */
function writeWorld(): { incidentsPath: string; scenario: Scenario; configPath: string } {
  const dir = mkdtempSync(join(tmpdir(), "io-soak-"));
  const incidentText = readFileSync(`examples/incidents/${EXAMPLE}.json`, "utf8");
  const template = JSON.parse(readFileSync(`examples/scenarios/${EXAMPLE}.json`, "utf8")) as {
    glue: { jobs: { name: string; runs: { id: string }[]; on_rerun: unknown }[] };
  } & Record<string, unknown>;
  const templateJob = template.glue.jobs[0]!;
  const failedRunId = templateJob.runs.at(-1)!.id;
  const lines: string[] = [];
  const jobs: unknown[] = [];
  for (let index = 0; index < INCIDENTS; index += 1) {
    const name = jobName(index);
    const runId = `jr_${String(index).padStart(64, "0")}`;
    const incident = JSON.parse(incidentText.split(TEMPLATE_JOB).join(name).split(failedRunId).join(runId)) as Record<
      string,
      unknown
    >;
    lines.push(
      JSON.stringify({ ...incident, sys_id: `soak${String(index).padStart(28, "0")}`, number: `INC9${index}` }),
    );
    const runs = templateJob.runs.map((run, position) => ({
      ...run,
      id: position === templateJob.runs.length - 1 ? runId : `${run.id.slice(0, 60)}${String(index).padStart(4, "0")}`,
    }));
    jobs.push({ ...templateJob, name, runs, on_rerun: { result: "SUCCEEDED", polls_to_complete: 1 } });
  }
  const incidentsPath = join(dir, "incidents.jsonl");
  writeFileSync(incidentsPath, `${lines.join("\n")}\n`);
  const configPath = join(dir, "config.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      remediation: { allow_list: { glue_jobs: ["SOAK_JOB_*"] }, verify: { poll_interval_ms: 1, max_polls: 5 } },
    }),
  );
  const { $schema: _schema, ...world } = template;
  return { incidentsPath, configPath, scenario: ScenarioSchema.parse({ ...world, glue: { jobs } }) };
}

interface BatchLine {
  sys_id: string;
  thread_id: string;
  status: string;
  decision: string;
}

/** Registers the soak test on one backend; `seed` makes its kill moments repeatable. */
export async function describeSoak(name: RunBackend["name"], seed: number): Promise<void> {
  const world = writeWorld();
  const backend = (await runBackends()).find((candidate) => candidate.name === name)!;
  afterAll(() => backend.cleanUp());
  describe.skipIf(backend.skip !== undefined)(backendTitle(backend, `${INCIDENTS} incidents with random kills`), () => {
    it("loses none and duplicates none", async () => {
      const random = seededRandom(seed);
      let requests = 0;
      let killAt = Infinity;
      let current: CliProcess | undefined;
      const sandbox = await startSandbox({
        scenario: world.scenario,
        onRequest: () => {
          requests += 1;
          if (requests >= killAt) current?.kill();
        },
      });
      try {
        const env = { ...backend.isolate(), ...sandbox.env() };
        const args = [
          "run",
          world.incidentsPath,
          "--config",
          world.configPath,
          "--in-process",
          "--json",
          "--concurrency",
          "4",
        ];
        let kills = 0;
        let finished: string | undefined;
        for (let round = 0; round < MAX_ROUNDS && finished === undefined; round += 1) {
          requests = 0;
          // The first rounds die somewhere in the batch (it makes ~2,000 AWS requests); the rest may finish.
          killAt = round < KILL_ROUNDS ? 20 + Math.floor(random() * 700) : Infinity;
          current = startCli(args, env);
          const exit = await current.exited;
          if (exit.signal === "SIGKILL") kills += 1;
          else if (exit.code === 0) finished = exit.stdout;
          // Any other exit (a thread still locked by the dead run a moment ago) is simply run again.
        }
        expect(finished, "the batch finished within the rounds").toBeDefined();
        expect(kills).toBeGreaterThanOrEqual(KILL_ROUNDS / 2);

        // None lost: every incident reports a finished thread, closed after its verified re-run.
        const outcomes = (finished ?? "")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as BatchLine);
        expect(outcomes).toHaveLength(INCIDENTS);
        expect(new Set(outcomes.map((outcome) => outcome.thread_id)).size).toBe(INCIDENTS);
        const notClosed = outcomes.filter(
          (outcome) => outcome.status !== "completed" || outcome.decision !== "auto_close",
        );
        const store = await backend.open(env);
        try {
          expect(notClosed).toEqual([]);
          expect(await store.threads.list({ status: "done" })).toHaveLength(INCIDENTS);
        } finally {
          await store.close();
        }

        // None duplicated: each job has exactly one run that carries our idempotency key.
        const tools = toolRegistry(
          createDataLakeTools(
            createAwsClients({
              endpoint: sandbox.endpoint,
              region: sandbox.region,
              credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
            }),
          ),
        );
        const duplicated: string[] = [];
        for (let index = 0; index < INCIDENTS; index += 1) {
          const logs = (await callTool(tools, "get_glue_logs", {
            job_name: jobName(index),
            max_runs: 20,
            log_lines: 0,
          })) as {
            runs: { arguments: Record<string, string> }[];
          };
          const ours = logs.runs.filter((run) => run.arguments[GLUE_IDEMPOTENCY_ARGUMENT] !== undefined);
          if (ours.length !== 1) duplicated.push(`${jobName(index)}: ${ours.length}`);
        }
        expect(duplicated).toEqual([]);
      } finally {
        current?.kill();
        await sandbox.close();
      }
    }, 400_000);
  });
}
