/**
 * The orchestrator with its tools loaded over MCP stdio: our own server as a subprocess on the
 * sandbox, the whole graph calling it by our tool names.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { defaultMcpServers } from "../src/mcp/client/config.js";
import { loadMcpTools, type LoadedMcpTools } from "../src/mcp/client/load.js";
import { createOrchestrator, parseIncident } from "../src/orchestrator.js";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { loadScenarioFile } from "../src/sandbox/session.js";
import { TOOL_NAMES } from "../src/tools/catalog.js";

const EXAMPLE = "glue-timeout-rerun-succeeds";

let sandbox: Sandbox;
let loaded: LoadedMcpTools;

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, "utf8")) as unknown;
}

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: await loadScenarioFile(`examples/scenarios/${EXAMPLE}.json`) });
  // The server enforces the run's own remediation policy, as the CLI's does.
  const config = await loadConfigFile("examples/config.json");
  loaded = await loadMcpTools(defaultMcpServers(sandbox.env(), config), { callTimeoutMs: 20_000 });
}, 60_000);

afterAll(async () => {
  await loaded?.close();
  await sandbox?.close();
});

describe("tools loaded from our MCP server over stdio", () => {
  it("are all thirteen, by our names", () => {
    expect(loaded.tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it("run the whole graph: a Glue timeout re-run that succeeds is auto-closed", async () => {
    const config = await loadConfigFile("examples/config.json");
    const incident = parseIncident(await readJson(`examples/incidents/${EXAMPLE}.json`));
    const callsBefore = sandbox.calls.length;

    const result = await createOrchestrator({ tools: loaded.tools, config }).orchestrate(incident);

    const summary = JSON.stringify(result, null, 2).slice(0, 3000);
    expect(result.errors, summary).toEqual([]);
    expect(result.classification.intent, summary).toBe("glue_etl_failure");
    expect(result.action.action, summary).toBe("retry_glue_job");
    expect(result.action.success, summary).toBe(true);
    expect(result.decision.decision, summary).toBe("auto_close");
    // The tool calls reached the sandbox through the subprocess, including the re-run.
    const operations = sandbox.calls.slice(callsBefore).map((call) => `${call.service}:${call.operation}`);
    expect(operations).toContain("glue:StartJobRun");
  }, 60_000);
});
