/**
 * Human review from the CLI, as an on-call engineer uses it: a Kafka incident (policy:
 * human_review) pauses, appears in `pending`, `show` prints the review, and `resume --respond`
 * completes it. Bad answers are one line and exit 2, and leave the thread as it was.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { threadIdFor } from "../src/runs/thread-id.js";
import { OrchestrationResultSchema } from "../src/state/result.js";
import { startCli } from "./support/cli-process.js";
import { backendTitle, runBackends } from "./support/run-backends.js";

const EXAMPLE = "kafka-consumer-lag-rising";
const incidentPath = `examples/incidents/${EXAMPLE}.json`;
const sysId = (JSON.parse(readFileSync(incidentPath, "utf8")) as { sys_id: string }).sys_id;
const thread = threadIdFor(sysId);

const backends = await runBackends();
const sqlite = backends.find((backend) => backend.name === "sqlite")!;
const env = sqlite.isolate();
const cli = (...args: string[]) => startCli(args, env).exited;

afterAll(() => sqlite.cleanUp());

describe(backendTitle(sqlite, "incident-orchestrator pending / show / resume"), () => {
  it("pauses a Kafka incident, lists it, shows the review and completes it with a note", async () => {
    const run = await cli(
      "run",
      incidentPath,
      "--scenario",
      `examples/scenarios/${EXAMPLE}.json`,
      "--config",
      "examples/config.json",
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Paused for review (policy) on thread ${thread}; proposes close_ticket.`);
    expect(run.stdout).toContain(`incident-orchestrator resume ${thread} --accept | --edit`);

    const pending = await cli("pending", "--json");
    expect(pending.code, pending.stderr).toBe(0);
    expect(JSON.parse(pending.stdout)).toMatchObject([{ thread_id: thread, sys_id: sysId, status: "paused" }]);

    const show = await cli("show", sysId);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^## Review needed: INC0012517/);
    expect(show.stdout).toContain("Policy override for kafka_events_failed");
    expect(show.stdout).toContain('Proposed: {"action":"close_ticket","args":{}}');
    expect(show.stdout).toContain("Answers: ignore, respond, accept");

    const twoAnswers = await cli("resume", thread, "--accept", "--ignore");
    expect(twoAnswers.code).toBe(2);
    expect(twoAnswers.stderr.trim().split("\n")).toEqual([
      "incident-orchestrator: give exactly one of --accept, --edit <json>, --respond <text>, --ignore (got --accept, --ignore)",
    ]);
    const notAllowed = await cli("resume", thread, "--edit", '{"action":"retry_glue_job","args":{}}');
    expect(notAllowed.code).toBe(2);
    expect(notAllowed.stderr).toMatch(
      /^incident-orchestrator: invalid review answer: "edit" is not allowed for this review\n$/,
    );

    const blank = await cli("resume", thread, "--respond", "   ");
    expect(blank.code).toBe(2);
    expect(blank.stderr).toBe(
      "incident-orchestrator: invalid answer: answer.args: Too small: expected string to have >=1 characters\n",
    );

    const resumed = await cli("resume", thread, "--respond", "Paged the payments on-call", "--by", "jdoe", "--json");
    expect(resumed.code, resumed.stderr).toBe(0);
    const result = OrchestrationResultSchema.parse(JSON.parse(resumed.stdout));
    expect(result.decision.decision).toBe("human_review");
    expect(result.reviews).toMatchObject([
      { reason: "policy", response: "response", note: "Paged the payments on-call", reviewer: "jdoe" },
    ]);
    expect(resumed.stderr).toContain(`Done on thread ${thread}: human_review, reviewed: response by jdoe.`);

    const nothingLeft = await cli("pending");
    expect(nothingLeft.stdout).toMatch(/^No runs are waiting for review/);
    const again = await cli("resume", thread, "--ignore");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not waiting for a review: it has finished\n$/);
  }, 180_000);
});
