/**
 * A credential a Glue job printed into its error log (boto3 debug output, a connection string)
 * reaches neither the root cause, nor the findings, nor the ticket's work notes — and the run is
 * decided exactly as the same failure without it: the example `glue-not-allow-listed`, run twice
 * through the whole graph on the sandbox, once with the credential in its log.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { createOrchestrator, parseIncident } from "../src/orchestrator.js";
import { ScenarioSchema, type ScenarioInput } from "../src/sandbox/scenario.js";
import { startSandboxSession } from "../src/sandbox/session.js";
import type { GraphState } from "../src/state/graph-state.js";

const EXAMPLE = "glue-not-allow-listed";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const DB_PASSWORD = "Hunter2-crm-db";
/** The line the root cause is read from, as a driver that logs its connection settings would print it. */
const EVIDENCE = "Caused by: java.net.SocketException: Connection reset";
const LEAKY_EVIDENCE =
  `${EVIDENCE} (url=jdbc:mysql://gl_reader:${DB_PASSWORD}@acme-finance-aurora:3306/gl, ` +
  `aws_access_key_id=${KEY_ID}, aws_secret_access_key=${SECRET})`;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const incident = parseIncident(readJson(`examples/incidents/${EXAMPLE}.json`));

/** The example's world, its failed run without an error message of its own; with `leak`, the telling log line carries credentials. */
function world(leak: boolean): ScenarioInput {
  const scenario = readJson(`examples/scenarios/${EXAMPLE}.json`) as {
    glue: { jobs: { runs: { state: string; error_message?: string; error_log?: string[] }[] }[] };
  };
  const failed = scenario.glue.jobs[0]?.runs.find((run) => run.state === "FAILED");
  if (!failed) throw new Error("the example has no failed run");
  // Without its own message the root cause is read from the log, where the credential is.
  delete failed.error_message;
  if (leak) failed.error_log = (failed.error_log ?? []).map((line) => (line === EVIDENCE ? LEAKY_EVIDENCE : line));
  return scenario as ScenarioInput;
}

async function runIn(scenario: ScenarioInput) {
  const session = await startSandboxSession(ScenarioSchema.parse(scenario));
  try {
    const config = await loadConfigFile("examples/config.json");
    const orchestrator = createOrchestrator({ config, tools: session.tools, sleep: async () => {} });
    const outcome = await orchestrator.run(incident);
    const state = (await orchestrator.graph.getState({ configurable: { thread_id: outcome.thread_id } }))
      .values as GraphState;
    return { outcome, state };
  } finally {
    await session.close();
  }
}

describe("a credential in a Glue error log", () => {
  it("is redacted from the root cause, the findings and the work notes; the decision is unchanged", async () => {
    const leaky = await runIn(world(true));
    const clean = await runIn(world(false));
    const { result } = leaky.outcome;

    // The log line was the evidence: the root cause quotes it, redacted, with the cause intact.
    expect(result.investigation.root_cause).toContain(EVIDENCE);
    expect(result.investigation.root_cause).toContain("aws_secret_access_key=[redacted]");
    expect(result.investigation.root_cause).toContain("jdbc:mysql://gl_reader:[redacted]@acme-finance-aurora");
    const places = {
      root_cause: result.investigation.root_cause,
      findings: JSON.stringify(result.investigation.findings),
      state_findings: JSON.stringify(leaky.state.investigation?.findings),
      work_notes: leaky.state.ticket_update?.work_notes ?? "",
      result: JSON.stringify(result),
    };
    expect(places.work_notes).toContain("Root cause:");
    expect(places.findings).toContain("[redacted]");
    for (const [place, text] of Object.entries(places)) {
      for (const secret of [SECRET, KEY_ID, DB_PASSWORD])
        expect(text, `${place} holds ${secret}`).not.toContain(secret);
    }

    expect(result.classification.intent).toBe(clean.outcome.result.classification.intent);
    expect(result.decision.decision).toBe(clean.outcome.result.decision.decision);
    expect(result.action.action).toBe(clean.outcome.result.action.action);
    expect(leaky.state.investigation?.cause_kind).toBe(clean.state.investigation?.cause_kind);
  }, 120_000);
});
