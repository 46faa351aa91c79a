import { describe, expect, it } from "vitest";
import { deterministicClassifier } from "../classifier/index.js";
import { resolveConfig } from "../config/load.js";
import { UserInputError } from "../errors.js";
import { investigate } from "../investigation/index.js";
import { classifierFor, investigatorFor } from "./agents.js";
import { deployedTransport } from "./deployed.js";
import { createDependencies } from "./dependencies.js";

describe("the composition root", () => {
  it("plays each agent node with the implementation config.agents names", () => {
    const config = resolveConfig({});
    expect(config.agents).toEqual({ classifier: "rules", investigator: "rules" });
    expect(classifierFor(config.agents)).toBe(deterministicClassifier);
    expect(investigatorFor(config.agents).investigate).toBe(investigate);
  });

  it("refuses an agent kind it does not know, naming the field", () => {
    expect(() => resolveConfig({ agents: { classifier: "gpt" as "rules" } })).toThrow(/agents\.classifier/);
  });

  it("fills what the caller does not give from config, and keeps what it gives", async () => {
    const config = resolveConfig({});
    const now = () => new Date("2026-12-02T00:00:00Z");
    const mine = { name: "mine", classify: deterministicClassifier.classify };
    const deps = createDependencies({ config, tools: [], now, classifier: mine });
    expect(deps.classifier).toBe(mine);
    expect(deps.investigator.name).toBe("rules");
    expect(deps.now).toBe(now);
    expect(deps.tools.size).toBe(0);
    // The default ledger is a working one (in memory), not a stub.
    expect(await deps.ledger.get("k")).toBeUndefined();
  });

  it("reads the deployed graph's tool transport from the environment: MCP unless told otherwise", () => {
    expect(deployedTransport({})).toBe("mcp");
    expect(deployedTransport({ INCIDENT_ORCHESTRATOR_TOOLS: "" })).toBe("mcp");
    expect(deployedTransport({ INCIDENT_ORCHESTRATOR_TOOLS: "in-process" })).toBe("in-process");
    expect(() => deployedTransport({ INCIDENT_ORCHESTRATOR_TOOLS: "direct" })).toThrow(UserInputError);
  });
});
