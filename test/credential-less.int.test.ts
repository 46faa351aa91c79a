/**
 * Failure never looks like health (issue 9, finding 8): the CLI with no AWS credentials at all, over
 * its own MCP server as in production, on every example incident. Every tool call fails before it
 * leaves the machine; each run that called a tool must end at human review with the cause in
 * `errors[]`, and no review may offer to close a ticket nobody investigated.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createOrchestrator } from "../src/orchestrator.js";
import { openRunStoreFromEnv } from "../src/store/from-env.js";
import { startCli } from "./support/cli-process.js";

interface ManifestEntry {
  incident: string;
}
const manifest = JSON.parse(readFileSync("examples/manifest.json", "utf8")) as { examples: ManifestEntry[] };
const incidents = manifest.examples.map(
  (example) => JSON.parse(readFileSync(join("examples", example.incident), "utf8")) as { sys_id: string },
);

/** The process environment with every AWS variable removed, and nowhere to find credentials. */
function credentialLess(home: string): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => !entry[0].startsWith("AWS_") && entry[1] !== undefined,
    ),
  );
  return {
    ...env,
    HOME: home,
    DATABASE_URL: "",
    INCIDENT_ORCHESTRATOR_HOME: home,
    AWS_REGION: "us-east-1",
    // Nothing may leave loopback: no instance metadata service, and an endpoint nobody listens on.
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: "http://127.0.0.1:9",
    AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
    AWS_CONFIG_FILE: join(home, "no-config"),
  };
}

describe("a run without AWS credentials", () => {
  it("ends every investigated incident at human review with the cause, never offering to close it", async () => {
    const home = mkdtempSync(join(tmpdir(), "io-nocreds-"));
    const batch = join(home, "incidents.jsonl");
    writeFileSync(batch, incidents.map((incident) => JSON.stringify(incident)).join("\n"));
    const env = credentialLess(home);
    const exit = await startCli(["run", batch, "--config", "examples/config.json", "--concurrency", "4", "--json"], env)
      .exited;
    expect(exit.code, exit.stderr).toBe(0);

    const store = await openRunStoreFromEnv(env);
    try {
      const orchestrator = createOrchestrator({ store, tools: [] });
      let investigated = 0;
      const skipped: string[] = [];
      for (const incident of incidents) {
        const outcome = await orchestrator.inspect(incident.sys_id);
        expect(outcome, incident.sys_id).toBeDefined();
        if (!outcome) continue;
        const calledTools = outcome.result.investigation.findings.length > 0;
        if (!calledTools) {
          skipped.push(outcome.result.classification.intent);
          continue;
        }
        investigated += 1;
        expect(outcome.status, incident.sys_id).toBe("paused");
        expect(outcome.result.decision.decision, incident.sys_id).toBe("human_review");
        expect(outcome.result.errors.map((error) => error.message).join(" "), incident.sys_id).toMatch(
          /no valid AWS credentials|every diagnostic call failed/,
        );
        if (outcome.status === "paused") {
          expect(outcome.review.action_request.action, incident.sys_id).not.toBe("close_ticket");
          expect(outcome.review.config.allow_accept, incident.sys_id).toBe(false);
        }
      }
      // Every example calls tools but the two fast-tracked access tickets, the dashboard that names no
      // location and the vague ticket.
      expect(skipped.sort()).toEqual(["access_denied", "access_denied", "data_not_available", "unknown"]);
      expect(investigated).toBe(incidents.length - 4);
    } finally {
      await store.close();
    }
  }, 180_000);
});
