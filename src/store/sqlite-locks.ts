/**
 * Thread locks in SQLite: a lease row per thread, kept alive by a heartbeat. SQLite has no
 * session to die with its holder, so a lock lapses instead: when its lease expires, or at once
 * when the holder was a process on this host that no longer exists (SIGKILL, OOM), which is
 * what lets a run started right after a crash carry on without waiting out the lease.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type Database from "better-sqlite3";
import { z } from "zod";
import { parseRow } from "./rows.js";
import type { ThreadLock, ThreadLocks } from "./types.js";

const LockRowSchema = z.object({
  thread_id: z.string(),
  owner: z.string(),
  pid: z.number().int(),
  hostname: z.string(),
  expires_at: z.number().int(),
});
type LockRow = z.infer<typeof LockRowSchema>;

export interface SqliteThreadLocks extends ThreadLocks {
  /** Releases every lock this store holds (for close). */
  releaseAll(): Promise<void>;
}

export function sqliteThreadLocks(db: Database.Database, options: { ttlMs: number }): SqliteThreadLocks {
  const { ttlMs } = options;
  const host = hostname();
  const select = db.prepare(
    "SELECT thread_id, owner, pid, hostname, expires_at FROM io_thread_locks WHERE thread_id = ?",
  );
  const replace = db.prepare(
    `INSERT OR REPLACE INTO io_thread_locks (thread_id, owner, pid, hostname, expires_at)
     VALUES (@thread_id, @owner, @pid, @hostname, @expires_at)`,
  );
  const extend = db.prepare("UPDATE io_thread_locks SET expires_at = ? WHERE thread_id = ? AND owner = ?");
  const remove = db.prepare("DELETE FROM io_thread_locks WHERE thread_id = ? AND owner = ?");

  // A lease is taken over only when its holder cannot be running any more. The owner token, not
  // the pid, names the holder: a row with our own pid (alive, by definition) is another store or
  // run in this process and is refused like any live holder. Pids of other hosts mean nothing here.
  const canTakeOver = (row: LockRow): boolean =>
    row.expires_at <= Date.now() || (row.hostname === host && !isProcessAlive(row.pid));

  const acquire = db.transaction((threadId: string, owner: string): boolean => {
    const row: unknown = select.get(threadId);
    if (row !== undefined && !canTakeOver(parseRow(LockRowSchema, row, "io_thread_locks", threadId))) return false;
    replace.run({ thread_id: threadId, owner, pid: process.pid, hostname: host, expires_at: Date.now() + ttlMs });
    return true;
  });

  const held = new Set<ThreadLock>();

  return {
    tryAcquire: async (threadId) => {
      const owner = randomUUID();
      if (!acquire.immediate(threadId, owner)) return undefined;

      const heartbeat = setInterval(
        () => {
          try {
            // No row changed: the lease lapsed (the event loop stalled past the TTL) and another
            // process took the thread. Nothing is held any more, so stop renewing.
            if (extend.run(Date.now() + ttlMs, threadId, owner).changes === 0) clearInterval(heartbeat);
          } catch {
            // Busy or closing database: the next beat tries again, well before the lease ends.
          }
        },
        Math.max(1, Math.floor(ttlMs / 3)),
      );
      // The heartbeat alone must not keep a finished CLI process alive.
      heartbeat.unref();

      let released = false;
      const lock: ThreadLock = {
        threadId,
        release: async () => {
          if (released) return;
          released = true;
          clearInterval(heartbeat);
          held.delete(lock);
          // Only our own row: after a lapse the row may belong to the process that took over.
          if (db.open) remove.run(threadId, owner);
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

/** Whether a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
export function isProcessAlive(pid: number): boolean {
  // kill(0 or less) signals process groups; no real holder has such a pid.
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(error instanceof Error && "code" in error && error.code === "ESRCH");
  }
}
