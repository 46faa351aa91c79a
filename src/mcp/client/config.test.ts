import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../config/load.js";
import { MCP_POLICY_ENV } from "../policy-env.js";
import { parsePolicyEnv } from "../server-config.js";
import { CLI_PATH, defaultMcpServers, McpServersConfigSchema } from "./config.js";

describe("McpServersConfigSchema", () => {
  it("accepts stdio, http with headers and http with OAuth, filling defaults", () => {
    const parsed = McpServersConfigSchema.parse({
      local: { transport: "stdio", command: "node" },
      lake: { transport: "http", url: "http://127.0.0.1:8080/mcp", headers: { Authorization: "Bearer t" } },
      gateway: {
        transport: "http",
        url: "https://gw.example.test/mcp",
        oauth: { token_url: "https://auth.example.test/oauth2/token", client_id: "c", client_secret_env: "GW_SECRET" },
        tool_prefix: "lake___",
      },
    });
    expect(parsed.local).toEqual({ transport: "stdio", command: "node", args: [], env: {} });
    expect(parsed.gateway).toMatchObject({ headers: {}, tool_prefix: "lake___" });
  });

  it.each([
    ["no servers", {}],
    ["an unknown transport", { a: { transport: "ws", url: "ws://x" } }],
    ["a URL that is not http", { a: { transport: "http", url: "file:///etc/passwd" } }],
    ["both secrets", { a: oauthServer({ client_secret: "s", client_secret_env: "S" }) }],
    ["no secret", { a: oauthServer({}) }],
    [
      "oauth and an Authorization header",
      { a: { ...oauthServer({ client_secret: "s" }), headers: { authorization: "x" } } },
    ],
    ["an unknown field", { a: { transport: "stdio", command: "node", cwd: "/" } }],
  ])("rejects %s", (_label, value) => {
    expect(McpServersConfigSchema.safeParse(value).success).toBe(false);
  });
});

describe("defaultMcpServers", () => {
  it("starts our CLI's mcp command with only the AWS_* variables and the run's remediation policy", () => {
    const config = resolveConfig({ remediation: { allow_list: { glue_jobs: ["etl_*"] }, dry_run: true } });
    const servers = defaultMcpServers(
      { AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_REGION: "eu-west-1", HOME: "/h" },
      config,
    );
    expect(servers).toEqual({
      datalake: {
        transport: "stdio",
        command: process.execPath,
        args: [CLI_PATH, "mcp"],
        env: { AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_REGION: "eu-west-1", [MCP_POLICY_ENV]: expect.any(String) },
      },
    });
    expect(CLI_PATH).toMatch(/\/bin\/incident-orchestrator\.js$/);
    expect(McpServersConfigSchema.safeParse(servers).success).toBe(true);
    // The server reads back exactly the run's policy.
    const passed = parsePolicyEnv(
      servers.datalake?.transport === "stdio" ? (servers.datalake.env[MCP_POLICY_ENV] ?? "") : "",
    );
    expect(passed.remediation).toEqual(config.remediation);
    expect(passed.intent_tools).toEqual(config.intent_tools);
  });
});

function oauthServer(secret: Record<string, string>): Record<string, unknown> {
  return {
    transport: "http",
    url: "https://gw.example.test/mcp",
    oauth: { token_url: "https://auth.example.test/token", client_id: "c", ...secret },
  };
}
