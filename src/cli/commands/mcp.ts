import { readFile, stat } from "node:fs/promises";
import { UserInputError } from "../../errors.js";
import { serveHttp } from "../../mcp/http.js";
import { resolveServerConfig } from "../../mcp/server-config.js";
import { serveStdio } from "../../mcp/stdio.js";
import type { Env } from "../../io/env.js";

export const MCP_TOKEN_ENV = "INCIDENT_ORCHESTRATOR_MCP_TOKEN";

/** A token file is a line of text, not a document. */
const MAX_TOKEN_FILE_BYTES = 4096;

export interface McpCommandOptions {
  /** Port for Streamable HTTP; without it the server speaks stdio. */
  http?: string;
  host?: string;
  /** A file holding the bearer token (--http). */
  tokenFile?: string;
  /** No longer accepted (a token in argv is visible in `ps`); kept only to refuse it clearly. */
  token?: string | boolean;
  /** The config whose remediation policy the mutating tools enforce. */
  config?: string;
}

/**
 * `mcp`: serve the thirteen data-lake tools over MCP, on stdio (default) or Streamable HTTP. Status
 * lines go to stderr: on stdio, stdout belongs to the protocol.
 */
export async function mcpCommand(options: McpCommandOptions): Promise<void> {
  if (options.token !== undefined) {
    throw new UserInputError(
      `--token is not accepted: a token in the command line is visible to every user in \`ps\`; set ${MCP_TOKEN_ENV} or use --token-file <path>`,
    );
  }
  const { config, source } = await resolveServerConfig({
    ...(options.config !== undefined ? { configPath: options.config } : {}),
    env: process.env,
  });
  if (options.http === undefined) {
    if (options.host !== undefined || options.tokenFile !== undefined) {
      throw new UserInputError("--host and --token-file apply to --http only");
    }
    await serveStdio({ config });
    return;
  }
  const port = parsePort(options.http);
  const host = options.host ?? "127.0.0.1";
  const token = await bearerToken(options.tokenFile, process.env);
  if (!token && !["127.0.0.1", "localhost", "::1"].includes(host)) {
    console.error(
      `incident-orchestrator mcp: warning: listening on ${host} without a bearer token; anyone who can reach it can run the tools (set ${MCP_TOKEN_ENV} or use --token-file)`,
    );
  }
  const server = await serveHttp({ port, host, config, ...(token ? { token } : {}) });
  console.error(
    `incident-orchestrator mcp: listening on ${server.url}${token ? " (bearer token required)" : ""}; remediation policy from ${source}`,
  );
  const stop = (): void => void server.close().finally(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/**
 * The bearer token: from --token-file (one line; a trailing newline is dropped) or the environment
 * variable; not both, so nobody wonders which one is in force. Undefined: no token.
 */
export async function bearerToken(tokenFile: string | undefined, env: Env): Promise<string | undefined> {
  const fromEnv = env[MCP_TOKEN_ENV];
  // Trimmed, as the presented token is (src/mcp/http.ts): a stray newline must not lock everyone out.
  const envToken = fromEnv === undefined || fromEnv.trim() === "" ? undefined : fromEnv.trim();
  if (tokenFile === undefined) return envToken;
  if (envToken !== undefined) {
    throw new UserInputError(`give the bearer token either in ${MCP_TOKEN_ENV} or with --token-file, not both`);
  }
  const text = await readTokenFile(tokenFile);
  const token = text.replace(/\r?\n$/, "");
  if (token.trim() === "") throw new UserInputError(`--token-file ${tokenFile} is empty`);
  if (/[\r\n]/.test(token) || token !== token.trim()) {
    throw new UserInputError(
      `--token-file ${tokenFile} must hold the token alone, on one line without surrounding spaces`,
    );
  }
  return token;
}

async function readTokenFile(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a file");
    if (info.size > MAX_TOKEN_FILE_BYTES) {
      throw new UserInputError(`--token-file ${path} is ${info.size} bytes: a token file holds one line`);
    }
    return await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError(`--token-file: cannot read ${path}`);
  }
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserInputError(`--http: port must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}
