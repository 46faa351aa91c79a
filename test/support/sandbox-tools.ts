/**
 * Test support: a running sandbox, the AWS clients pointed at it, and our tools on those clients,
 * called the way the graph calls them (through the registry, JSON in and out).
 */
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";
import type { ScenarioInput } from "../../src/sandbox/scenario.js";
import { createAwsClients, type AwsClients } from "../../src/tools/aws-clients.js";
import { createDataLakeTools } from "../../src/tools/index.js";
import type { ToolName } from "../../src/tools/catalog.js";
import { callTool, toolRegistry } from "../../src/tools/registry.js";
import { TOOL_BY_NAME, type ToolInput, type ToolOutput } from "../../src/tools/catalog.js";
import { ToolErrorSchema, type ToolError } from "../../src/tools/schemas.js";

export interface ToolSandbox {
  readonly sandbox: Sandbox;
  readonly clients: AwsClients;
  /** Calls a tool and checks its answer against the tool's output schema. */
  call<N extends ToolName>(name: N, args: ToolInput<N>): Promise<ToolOutput<N>>;
  /** Calls a tool that must answer with a ToolError. */
  callFailing(name: ToolName, args: Record<string, unknown>): Promise<ToolError>;
  /** How many calls of this operation the sandbox answered (any status). */
  count(operation: string): number;
  close(): Promise<void>;
}

export async function openToolSandbox(scenario: ScenarioInput, maxAttempts = 2): Promise<ToolSandbox> {
  const sandbox = await startSandbox({ scenario });
  const clients = createAwsClients({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts,
  });
  const registry = toolRegistry(createDataLakeTools(clients));
  return {
    sandbox,
    clients,
    call: async (name, args) => {
      const output = await callTool(registry, name, args as Record<string, unknown>);
      const error = ToolErrorSchema.safeParse(output);
      if (error.success) throw new Error(`${name} failed: ${JSON.stringify(error.data)}`);
      return TOOL_BY_NAME[name].output.parse(output) as never;
    },
    callFailing: async (name, args) => ToolErrorSchema.parse(await callTool(registry, name, args)),
    count: (operation) => sandbox.calls.filter((call) => call.operation === operation).length,
    close: () => sandbox.close(),
  };
}

/** A 32+ character idempotency key, as the action node derives them. */
export function idempotencyKey(label: string): string {
  return `io-${label}-${"0".repeat(40)}`.slice(0, 48);
}
