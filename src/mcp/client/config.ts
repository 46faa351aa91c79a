/**
 * Which MCP servers the orchestrator loads its data-lake tools from. The servers only provide the
 * tools; which of them mutate the world stays our own knowledge (the definitions in src/tools/catalog.ts).
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { policyEnvironment, type ServerPolicyConfig } from "../policy-env.js";
import type { Env } from "../../io/env.js";

/** A name a server gives our tool: "<tool_prefix><our name>". A Gateway uses "<target>___". */
const ToolPrefixSchema = z
  .string()
  .min(1)
  .optional()
  .describe("Stripped from the server's tool names to get ours, e.g. `target___`");

const HeadersSchema = z.record(z.string(), z.string());

export const StdioMcpServerSchema = z.strictObject({
  transport: z.literal("stdio"),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  /** Added to a minimal default environment (PATH, HOME, …), not to all of ours. */
  env: z.record(z.string(), z.string()).default({}),
  tool_prefix: ToolPrefixSchema,
});

/** OAuth 2.0 client credentials, for servers (such as an AgentCore Gateway) that want a JWT. */
export const OAuthClientCredentialsSchema = z
  .strictObject({
    token_url: z.url({ protocol: /^https?$/ }),
    client_id: z.string().min(1),
    client_secret: z.string().min(1).optional(),
    /** The name of an environment variable holding the secret, to keep it out of config files. */
    client_secret_env: z.string().min(1).optional(),
    scope: z.string().min(1).optional(),
  })
  .refine((oauth) => (oauth.client_secret === undefined) !== (oauth.client_secret_env === undefined), {
    message: "give exactly one of client_secret and client_secret_env",
  });
export type OAuthClientCredentials = z.infer<typeof OAuthClientCredentialsSchema>;

export const HttpMcpServerSchema = z
  .strictObject({
    transport: z.literal("http"),
    url: z.url({ protocol: /^https?$/ }),
    headers: HeadersSchema.default({}),
    oauth: OAuthClientCredentialsSchema.optional(),
    tool_prefix: ToolPrefixSchema,
  })
  .refine(
    (server) =>
      server.oauth === undefined || !Object.keys(server.headers).some((name) => name.toLowerCase() === "authorization"),
    { message: "an Authorization header and oauth exclude each other", path: ["headers"] },
  );

export const McpServerSchema = z.discriminatedUnion("transport", [StdioMcpServerSchema, HttpMcpServerSchema]);
export type McpServerConfig = z.infer<typeof McpServerSchema>;
export type StdioMcpServerConfig = z.infer<typeof StdioMcpServerSchema>;
export type HttpMcpServerConfig = z.infer<typeof HttpMcpServerSchema>;

/** Server name → how to reach it. Names appear in error messages; order decides who wins a duplicate tool. */
export const McpServersConfigSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '_', '.' and '-' only"), McpServerSchema)
  .refine((servers) => Object.keys(servers).length > 0, { message: "name at least one MCP server" });
export type McpServersConfig = z.infer<typeof McpServersConfigSchema>;
export type McpServersConfigInput = z.input<typeof McpServersConfigSchema>;

/** The CLI as users start it; resolved from this file so the cwd does not matter. */
export const CLI_PATH = fileURLToPath(new URL("../../../bin/incident-orchestrator.js", import.meta.url));

export const DEFAULT_MCP_SERVER_NAME = "datalake";

/** How many times a stdio server that stopped is started again, per server and load (config `mcp.max_restarts`). */
export const DEFAULT_MAX_RESTARTS = 3;

/**
 * Our own MCP server as a subprocess over stdio, given the AWS_* variables of `env` (so with a
 * sandbox's env() it serves the sandbox; with the process env, real AWS) and the run's own
 * remediation policy (`config`'s allow-list, argument policy, budgets, dry-run and playbooks),
 * which its mutating tools then enforce as the graph does.
 */
export function defaultMcpServers(env: Env, config: ServerPolicyConfig): McpServersConfig {
  return {
    [DEFAULT_MCP_SERVER_NAME]: {
      transport: "stdio",
      command: process.execPath,
      args: [CLI_PATH, "mcp"],
      env: { ...awsVariables(env), ...policyEnvironment(config) },
    },
  };
}

function awsVariables(env: Env): Record<string, string> {
  const entries = Object.entries(env).filter(
    (entry): entry is [string, string] => entry[0].startsWith("AWS_") && entry[1] !== undefined,
  );
  return Object.fromEntries(entries);
}
