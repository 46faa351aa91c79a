/**
 * The data-lake MCP server over stdio, for MCP clients that start it as a subprocess. stdout
 * carries the protocol and nothing else, so console output is sent to stderr while it runs.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { resolveConfig } from "../config/load.js";
import { createAwsClients, type AwsClients } from "../tools/aws-clients.js";
import { createMutationGuard } from "./guard.js";
import type { ServerPolicyConfig } from "./policy.js";
import { createDataLakeMcpServer } from "./server.js";

export interface ServeStdioOptions {
  /** Default: createAwsClients() — the SDK's credential chain, region and AWS_ENDPOINT_URL. */
  clients?: AwsClients;
  /** The remediation policy of the mutating tools. Default: the config defaults, which allow nothing. */
  config?: ServerPolicyConfig;
}

/** Serves until stdin ends (the client went away); resolves once connected. */
export async function serveStdio(options: ServeStdioOptions = {}): Promise<void> {
  keepStdoutForProtocol();
  const clients = options.clients ?? createAwsClients();
  const server = createDataLakeMcpServer(clients, createMutationGuard(options.config ?? resolveConfig({}), clients));
  await server.connect(new StdioServerTransport());
  process.stdin.once("end", () => void server.close());
}

/** A stray console.log from any library would corrupt the JSON-RPC stream: route it to stderr. */
function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]): void => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
