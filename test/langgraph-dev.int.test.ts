/**
 * `langgraphjs dev` loads the graph named in langgraph.json, and runs through the LangGraph API
 * (the same one Studio and Agent Inbox use) complete, pause for review and resume. Port 2024 is
 * taken on our machines, so a free port is used.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HumanInterrupt } from "../src/state/review.js";
import { freePort } from "./support/free-port.js";

let server: ChildProcess | undefined;
let apiUrl = "";
let output = "";

beforeAll(async () => {
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  server = spawn(
    "node_modules/.bin/langgraphjs",
    ["dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser", "--no-reload"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        LANGSMITH_TRACING: "false",
        // Studio on a laptop: the graph's tools run against a sandbox seeded from this scenario.
        INCIDENT_ORCHESTRATOR_SCENARIO: "examples/scenarios/glue-timeout-rerun-succeeds.json",
        INCIDENT_ORCHESTRATOR_CONFIG: "examples/config.json",
        // The side-effect ledger: a SQLite file of this test's own.
        INCIDENT_ORCHESTRATOR_HOME: mkdtempSync(join(tmpdir(), "io-langgraph-dev-")),
        DATABASE_URL: "",
      },
      detached: true,
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (
        /Server running at|Starting \d+ workers|Registering graph/i.test(output) &&
        output.includes("incident_orchestrator")
      ) {
        resolve();
      }
    };
    server?.stdout?.on("data", onData);
    server?.stderr?.on("data", onData);
    server?.once("exit", (code) => reject(new Error(`langgraphjs dev exited (${code}): ${output.slice(-2000)}`)));
  });
  await ready;
  // The log line can precede the listener by a moment: wait for the API itself to answer.
  const client = new Client({ apiUrl });
  for (let tries = 0; ; tries += 1) {
    try {
      await client.assistants.search({ limit: 1 });
      break;
    } catch (error) {
      if (tries > 200) throw error;
      await once(server.stdout!, "data").catch(() => undefined);
    }
  }
}, 120_000);

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    process.kill(-server.pid, "SIGTERM");
    await once(server, "exit");
  }
});

describe("langgraphjs dev", () => {
  it("mounts the webhook app (langgraph.json http.app), which says why it is unavailable without a serve section", async () => {
    const answer = await fetch(`${apiUrl}/servicenow/incidents`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sys_id: "0123456789abcdef0123456789abcdef", short_description: "x" }),
    });
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { error: string }).error).toMatch(/no `serve` section/);
  });

  it("serves the incident_orchestrator graph and runs an incident through the API", async () => {
    const client = new Client({ apiUrl });
    const assistants = await client.assistants.search({ graphId: "incident_orchestrator" });
    expect(assistants.length).toBeGreaterThan(0);

    const thread = await client.threads.create();
    const incident = {
      sys_id: "7f3a9c2e1b4d4e8f9a0b1c2d3e4f5a6b",
      number: "INC0040001",
      short_description: "Request access to s3://acme-datalake-curated/finance/ for the FP&A team",
      description:
        "User jdoe gets AccessDenied when running Athena queries on finance tables. Please grant read access.",
    };
    const values = (await client.runs.wait(thread.thread_id, "incident_orchestrator", {
      input: { incident },
    })) as { result?: { classification: { intent: string }; decision: { decision: string } } };
    expect(values.result?.classification.intent).toBe("access_denied");
    expect(values.result?.decision.decision).toBe("escalate");
  });

  it("investigates, remediates and closes a Glue timeout on the scenario's sandbox", async () => {
    const client = new Client({ apiUrl });
    const incident = JSON.parse(readFileSync("examples/incidents/glue-timeout-rerun-succeeds.json", "utf8")) as object;
    const thread = await client.threads.create();
    const values = (await client.runs.wait(thread.thread_id, "incident_orchestrator", { input: { incident } })) as {
      result?: { action: { action: string | null; success: boolean }; decision: { decision: string } };
    };
    expect(values.result?.action).toMatchObject({ action: "retry_glue_job", success: true });
    expect(values.result?.decision.decision).toBe("auto_close");
    const state = await client.threads.getState(thread.thread_id);
    expect(state.next).toEqual([]);
  });

  it("pauses a Kafka incident for review, refuses a malformed answer, and resumes with a person's note", async () => {
    const client = new Client({ apiUrl });
    const incident = JSON.parse(readFileSync("examples/incidents/kafka-consumer-lag-rising.json", "utf8")) as object;
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, "incident_orchestrator", { input: { incident } });
    const paused = await client.threads.getState(thread.thread_id);
    expect(paused.next).toEqual(["human_review"]);
    const asked = paused.tasks[0]?.interrupts[0]?.value as HumanInterrupt[];
    expect(asked).toHaveLength(1);
    expect(asked[0]?.action_request).toEqual({ action: "close_ticket", args: {} });
    expect(asked[0]?.config).toMatchObject({ allow_respond: true, allow_ignore: true, allow_accept: true });
    expect(asked[0]?.description).toMatch(/kafka_events_failed/);

    // An answer outside Agent Inbox's shape is not taken: the thread stays paused and says why.
    await client.runs.wait(thread.thread_id, "incident_orchestrator", {
      command: { resume: [{ type: "edit", args: "retry everything" }] },
    });
    // (LangGraph reports a re-asked interrupt with an empty `next`; the thread's status and task say it all.)
    expect((await client.threads.get(thread.thread_id)).status).toBe("interrupted");
    const stillPaused = await client.threads.getState(thread.thread_id);
    expect(stillPaused.tasks.map((task) => task.name)).toEqual(["human_review"]);
    const askedAgain = stillPaused.tasks[0]?.interrupts[0]?.value as HumanInterrupt[];
    expect(askedAgain[0]?.description).toMatch(
      /^> \*\*Your last answer was not taken:\*\* invalid review answer: answer\.args/,
    );

    const values = (await client.runs.wait(thread.thread_id, "incident_orchestrator", {
      command: { resume: [{ type: "response", args: "Paged the payments on-call", reviewer: "sdk-test" }] },
    })) as {
      result?: { decision: { decision: string }; reviews: { response: string; note: string; reviewer: string }[] };
      ticket_update?: { state: string; work_notes: string };
    };
    expect(values.result?.decision.decision).toBe("human_review");
    expect(values.result?.reviews).toMatchObject([
      { response: "response", note: "Paged the payments on-call", reviewer: "sdk-test" },
    ]);
    expect(values.ticket_update?.work_notes).toMatch(/^Escalated by sdk-test on review: Paged the payments on-call/);
    expect((await client.threads.getState(thread.thread_id)).next).toEqual([]);
  });
});
