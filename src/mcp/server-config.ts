/**
 * Where `incident-orchestrator mcp` gets the config its mutating tools are held to: `--config
 * <file>`; else the policy a trusted parent passed in INCIDENT_ORCHESTRATOR_MCP_POLICY (our CLI and
 * the sandbox sessions, which start this server over stdio); else ./incident-orchestrator.config.json
 * when present, as for the other commands; else the defaults, which allow no remediation at all.
 */
import { existsSync } from "node:fs";
import { DEFAULT_CONFIG_FILE, loadConfigFile, resolveConfig } from "../config/load.js";
import type { OrchestratorConfig, OrchestratorConfigInput } from "../config/schema.js";
import { UserInputError } from "../errors.js";
import { MCP_POLICY_ENV } from "./policy-env.js";
import type { Env } from "../io/env.js";

export interface ServerConfig {
  config: OrchestratorConfig;
  /** Where it came from, for the server's start-up line. */
  source: string;
}

export async function resolveServerConfig(options: { configPath?: string; env: Env }): Promise<ServerConfig> {
  const passed = options.env[MCP_POLICY_ENV];
  const fromParent = passed !== undefined && passed.trim() !== "" ? passed : undefined;
  if (options.configPath !== undefined && fromParent !== undefined) {
    throw new UserInputError(`--config and ${MCP_POLICY_ENV} both give the remediation policy: give one of them`);
  }
  if (options.configPath !== undefined) {
    return { config: await loadConfigFile(options.configPath), source: options.configPath };
  }
  if (fromParent !== undefined) return { config: parsePolicyEnv(fromParent), source: MCP_POLICY_ENV };
  if (existsSync(DEFAULT_CONFIG_FILE)) return { config: await loadConfigFile(), source: DEFAULT_CONFIG_FILE };
  return { config: await loadConfigFile(), source: "the defaults (nothing allow-listed)" };
}

/** The parent's JSON, validated like any config (it is a boundary too), as a fresh object. */
export function parsePolicyEnv(text: string): OrchestratorConfig {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserInputError(`${MCP_POLICY_ENV} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return resolveConfig(value as OrchestratorConfigInput);
  } catch (error) {
    if (error instanceof UserInputError) throw new UserInputError(`${MCP_POLICY_ENV}: ${error.message}`);
    throw error;
  }
}
