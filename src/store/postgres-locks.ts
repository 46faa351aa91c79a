/**
 * Thread locks on Postgres: a session advisory lock per thread, on a connection kept out of the
 * pool until release. When the holder dies its connection drops and Postgres frees the lock, so
 * there is no lease to wait out. Advisory locks are re-entrant within a session, which is why each
 * lock has its own connection and this process also keeps a set of the threads it holds.
 */
import type pg from "pg";
import type { ThreadLock, ThreadLocks } from "./types.js";

export interface PostgresThreadLocks extends ThreadLocks {
  /** Releases every lock this store holds (for close). */
  releaseAll(): Promise<void>;
}

export function postgresThreadLocks(pool: pg.Pool, schema: string): PostgresThreadLocks {
  // The schema is part of the key: two stores in different schemas of one database are unrelated.
  const key = (threadId: string) => `${schema}:${threadId}`;
  const heldThreads = new Set<string>();
  const held = new Set<ThreadLock>();

  return {
    tryAcquire: async (threadId) => {
      // Claimed before the first await, so a concurrent tryAcquire in this process sees it.
      if (heldThreads.has(threadId)) return undefined;
      heldThreads.add(threadId);

      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        const { rows } = await client.query<{ locked: boolean }>(
          "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
          [key(threadId)],
        );
        if (rows[0]?.locked !== true) {
          client.release();
          heldThreads.delete(threadId);
          return undefined;
        }
      } catch (error) {
        // A client that failed mid-query is destroyed, not pooled, in case it holds the lock.
        client?.release(error instanceof Error ? error : true);
        heldThreads.delete(threadId);
        throw error;
      }

      const lockClient = client;
      // A checked-out client has no error listener of the pool's; an unhandled 'error' would
      // kill the process. The lock is gone with the connection; release() then just cleans up.
      let broken: Error | undefined;
      const onError = (error: Error) => void (broken = error);
      lockClient.on("error", onError);

      let released = false;
      const lock: ThreadLock = {
        threadId,
        release: async () => {
          if (released) return;
          released = true;
          held.delete(lock);
          try {
            if (broken === undefined) {
              await lockClient.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key(threadId)]);
            }
            lockClient.removeListener("error", onError);
            lockClient.release(broken);
          } catch (error) {
            // Unlock failed: close the connection, which frees the lock for certain.
            lockClient.removeListener("error", onError);
            lockClient.release(error instanceof Error ? error : true);
          } finally {
            heldThreads.delete(threadId);
          }
        },
      };
      held.add(lock);
      return lock;
    },
    releaseAll: async () => {
      await Promise.all([...held].map((lock) => lock.release()));
    },
  };
}
