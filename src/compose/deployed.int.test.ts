import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOOL_NAMES } from "../tools/catalog.js";
import { composeDeployedGraph, type DeployedGraph } from "./deployed.js";

const scenario = "examples/scenarios/glue-timeout-rerun-succeeds.json";

describe("the deployed graph's dependencies", () => {
  let home: string;
  let deployed: DeployedGraph | undefined;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "io-deployed-"));
  });
  afterEach(async () => {
    await deployed?.close();
    deployed = undefined;
    rmSync(home, { recursive: true, force: true });
  });

  it("loads its tools over MCP by default (our own server, against the scenario's sandbox)", async () => {
    deployed = await composeDeployedGraph({
      INCIDENT_ORCHESTRATOR_SCENARIO: scenario,
      INCIDENT_ORCHESTRATOR_HOME: home,
    });
    expect(deployed.tools.where).toMatch(/^sandbox http:\/\/127\.0\.0\.1:\d+ \(.*\), mcp$/);
    expect(deployed.tools.tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    const state = await deployed.graph.getGraphAsync();
    expect(Object.keys(state.nodes)).toContain("take_action");
  });

  it("calls them in-process only when INCIDENT_ORCHESTRATOR_TOOLS says so", async () => {
    deployed = await composeDeployedGraph({
      INCIDENT_ORCHESTRATOR_SCENARIO: scenario,
      INCIDENT_ORCHESTRATOR_HOME: home,
      INCIDENT_ORCHESTRATOR_TOOLS: "in-process",
    });
    expect(deployed.tools.where).toMatch(/, in-process$/);
  });
});
