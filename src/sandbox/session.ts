import type { StructuredToolInterface } from "@langchain/core/tools";
import { parseOrThrow } from "../errors.js";
import { readJsonFile } from "../io/read-json.js";
import { ScenarioSchema, type Scenario } from "./scenario.js";
import { startSandbox, type Sandbox } from "./server.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { createDataLakeTools } from "../tools/index.js";
import { resolveConfig } from "../config/load.js";
import { defaultMcpServers } from "../mcp/client/config.js";
import { loadMcpTools, type LoadMcpToolsOptions } from "../mcp/client/load.js";
import type { ServerPolicyConfig } from "../mcp/policy-env.js";

export async function loadScenarioFile(path: string): Promise<Scenario> {
  return parseOrThrow(ScenarioSchema, await readJsonFile(path, "scenario"), "scenario");
}

/** How a session's tools reach the sandbox: over MCP through our own server (as the CLI does), or in-process. */
export type ToolTransport = "mcp" | "in-process";

export interface SandboxSession {
  sandbox: Sandbox;
  tools: StructuredToolInterface[];
  /** Stops the MCP server (if any) and the sandbox. */
  close(): Promise<void>;
}

export interface SandboxSessionOptions {
  transport?: ToolTransport;
  mcp?: LoadMcpToolsOptions;
  /**
   * The run's config, whose remediation policy our MCP server enforces (with "mcp"; in-process
   * there is no server, and the graph's guardrails are the only gate). Default: the config
   * defaults, under which the server refuses every remediation.
   */
  config?: ServerPolicyConfig;
}

/**
 * Starts the embedded sandbox for a scenario and the real tools pointed at it through the standard
 * endpoint override: the same code path as production, only the endpoint differs. With "mcp" the
 * tools come from our MCP server, started over stdio with the sandbox's environment and the run's
 * remediation policy.
 */
export async function startSandboxSession(
  scenario: Scenario,
  options: SandboxSessionOptions = {},
): Promise<SandboxSession> {
  const sandbox = await startSandbox({ scenario });
  if (options.transport === "mcp") {
    try {
      const servers = defaultMcpServers(sandbox.env(), options.config ?? resolveConfig({}));
      const loaded = await loadMcpTools(servers, options.mcp ?? { callTimeoutMs: 30_000 });
      return {
        sandbox,
        tools: loaded.tools,
        close: async () => {
          await loaded.close();
          await sandbox.close();
        },
      };
    } catch (error) {
      await sandbox.close();
      throw error;
    }
  }
  const clients = createAwsClients({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
  });
  return { sandbox, tools: createDataLakeTools(clients), close: () => sandbox.close() };
}
