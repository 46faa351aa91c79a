import { homedir } from "node:os";
import { openRunStore, resolveDataDir } from "../store/open.js";
import type { RunStore } from "../store/types.js";

/**
 * The CLI's run store: Postgres when DATABASE_URL is set, else `runs.sqlite` in the data directory
 * (INCIDENT_ORCHESTRATOR_HOME, else $XDG_DATA_HOME/incident-orchestrator, else
 * ~/.local/share/incident-orchestrator). docs/durability.md.
 */
export function openCliRunStore(env: Readonly<Record<string, string | undefined>> = process.env): Promise<RunStore> {
  return openRunStore({ databaseUrl: env.DATABASE_URL, dataDir: resolveDataDir(env, homedir()) });
}

/** Runs `body` with the store open, and closes it whatever happens (a Postgres pool would keep the process alive). */
export async function withCliRunStore<T>(body: (store: RunStore) => Promise<T>): Promise<T> {
  const store = await openCliRunStore();
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}
