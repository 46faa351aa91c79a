import { homedir } from "node:os";
import { openRunStore, resolveDataDir } from "./open.js";
import type { RunStore } from "./types.js";
import type { Env } from "../io/env.js";

/**
 * The run store the environment names, for the CLI and the deployed graph: Postgres when
 * DATABASE_URL is set (tables in the schema INCIDENT_ORCHESTRATOR_DB_SCHEMA, default
 * incident_orchestrator), else `runs.sqlite` in the data directory (INCIDENT_ORCHESTRATOR_HOME, else
 * $XDG_DATA_HOME/incident-orchestrator, else ~/.local/share/incident-orchestrator).
 */
export function openRunStoreFromEnv(env: Env = process.env, home: string = homedir()): Promise<RunStore> {
  return openRunStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: resolveDataDir(env, home),
    postgresSchema: env.INCIDENT_ORCHESTRATOR_DB_SCHEMA || undefined,
  });
}
