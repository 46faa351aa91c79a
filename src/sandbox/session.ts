import type { StructuredToolInterface } from "@langchain/core/tools";
import { parseOrThrow } from "../errors.js";
import { readJsonFile } from "../io/read-json.js";
import { ScenarioSchema, type Scenario } from "./scenario.js";
import { startSandbox, type Sandbox } from "./server.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { createDataLakeTools } from "../tools/index.js";

export async function loadScenarioFile(path: string): Promise<Scenario> {
  return parseOrThrow(ScenarioSchema, await readJsonFile(path, "scenario"), "scenario");
}

export interface SandboxSession {
  sandbox: Sandbox;
  tools: StructuredToolInterface[];
}

/**
 * Starts the embedded sandbox for a scenario and builds the real tools pointed at it through the
 * standard endpoint override: the same code path as production, only the endpoint differs.
 */
export async function startSandboxSession(scenario: Scenario): Promise<SandboxSession> {
  const sandbox = await startSandbox({ scenario });
  const clients = createAwsClients({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
  });
  return { sandbox, tools: createDataLakeTools(clients) };
}
