import { scrubDatabaseUrl } from "../store/database-url.js";
import { openRunStoreFromEnv } from "../store/from-env.js";
import type { RunStore } from "../store/types.js";
import type { Env } from "../io/env.js";

/**
 * Runs `body` with the environment's run store open (src/store/from-env.ts, docs/durability.md),
 * and closes it whatever happens: a Postgres pool would keep the process alive. An error on the
 * way out (ours, or the Postgres driver's mid-run) loses whatever it quotes of DATABASE_URL's
 * secrets before anyone prints it.
 */
export async function withCliRunStore<T>(body: (store: RunStore) => Promise<T>, env: Env = process.env): Promise<T> {
  try {
    const store = await openRunStoreFromEnv(env);
    try {
      return await body(store);
    } finally {
      await store.close();
    }
  } catch (error) {
    throw withoutDatabaseSecrets(error, env.DATABASE_URL);
  }
}

/** The same error (its class decides the exit code), its message scrubbed of the URL's secrets. */
export function withoutDatabaseSecrets(error: unknown, url: string | undefined): unknown {
  if (!url || !(error instanceof Error)) return error;
  const message = scrubDatabaseUrl(error.message, url);
  if (message !== error.message) error.message = message;
  return error;
}
