/**
 * The default run store: one SQLite file holding the LangGraph checkpoints (SqliteSaver, on the
 * same connection) and our ledger, thread locks, thread index and ticket outbox (sqlite-outbox.ts).
 * Several processes may open the file at once (a run, `pending` in another terminal, a process
 * started after a crash), so the file is in WAL mode, waits for a busy writer instead of failing,
 * and every read-modify-write is one `BEGIN IMMEDIATE` transaction.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { z } from "zod";
import { canonicalIso, parseRow } from "./rows.js";
import { sqliteThreadLocks } from "./sqlite-locks.js";
import { SQLITE_OUTBOX_SCHEMA, sqliteOutbox } from "./sqlite-outbox.js";
import {
  LedgerBeginSchema,
  LedgerEntrySchema,
  ThreadRecordSchema,
  type LedgerEntry,
  type RunStore,
  type SideEffectLedger,
  type ThreadIndex,
  type ThreadRecord,
} from "./types.js";

export interface SqliteRunStoreOptions {
  file: string;
  now?: () => Date;
  /** How long a lock outlives its holder's last heartbeat. */
  lockTtlMs?: number;
}

/** Our tables; SqliteSaver creates its own (`checkpoints`, `writes`) on first use. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS io_ledger (
  idempotency_key TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL,
  action TEXT NOT NULL,
  args TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('started', 'completed', 'failed')),
  execution_id TEXT,
  error TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS io_ledger_thread ON io_ledger (thread_id, started_at);
CREATE TABLE IF NOT EXISTS io_thread_locks (
  thread_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS io_threads (
  thread_id TEXT PRIMARY KEY,
  sys_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'paused', 'done', 'failed')),
  summary TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS io_threads_updated ON io_threads (updated_at);
`;

/**
 * Stores made before the `failed` thread status have a CHECK without it; SQLite cannot alter a
 * CHECK, so such a thread index is copied into a table of the current shape (its rows unchanged).
 */
function migrateThreadStatuses(db: Database.Database): void {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'io_threads'").get() as
    { sql: string } | undefined;
  if (row === undefined || row.sql.includes("'failed'")) return;
  db.exec("ALTER TABLE io_threads RENAME TO io_threads_before_failed");
  db.exec("DROP INDEX IF EXISTS io_threads_updated");
  db.exec(SCHEMA);
  db.exec("INSERT INTO io_threads SELECT thread_id, sys_id, status, summary, updated_at FROM io_threads_before_failed");
  db.exec("DROP TABLE io_threads_before_failed");
}

export async function openSqliteRunStore(options: SqliteRunStoreOptions): Promise<RunStore> {
  const now = options.now ?? (() => new Date());
  mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  try {
    // busy_timeout first: the WAL switch and the DDL below may meet another process's write.
    db.pragma("busy_timeout = 5000");
    db.pragma("journal_mode = WAL");
    // Left at synchronous=FULL (the default): a ledger `started` row must survive a power cut
    // that follows it, or a repeat after the crash would act twice.
    db.transaction(() => {
      migrateThreadStatuses(db);
      db.exec(SCHEMA);
      db.exec(SQLITE_OUTBOX_SCHEMA);
    }).immediate();
  } catch (error) {
    db.close();
    throw error;
  }

  const locks = sqliteThreadLocks(db, { ttlMs: options.lockTtlMs ?? 30_000 });
  let closing: Promise<void> | undefined;
  return {
    kind: "sqlite",
    location: options.file,
    checkpointer: new SqliteSaver(db),
    ledger: sqliteLedger(db, now),
    locks,
    threads: sqliteThreadIndex(db),
    outbox: sqliteOutbox(db, now),
    close: () => {
      closing ??= (async () => {
        await locks.releaseAll();
        db.close();
      })();
      return closing;
    },
  };
}

/** A ledger row: the entry with `args` as JSON text. */
const LedgerRowSchema = LedgerEntrySchema.extend({ args: z.string() });

function toLedgerEntry(row: unknown, key: string): LedgerEntry {
  const parsedRow = parseRow(LedgerRowSchema, row, "io_ledger", key);
  const args: unknown = JSON.parse(parsedRow.args);
  return parseRow(LedgerEntrySchema, { ...parsedRow, args }, "io_ledger", key);
}

function sqliteLedger(db: Database.Database, now: () => Date): SideEffectLedger {
  const columns = "idempotency_key, thread_id, action, args, state, execution_id, error, started_at, finished_at";
  const insert = db.prepare(
    `INSERT INTO io_ledger (idempotency_key, thread_id, action, args, state, started_at)
     VALUES (@idempotency_key, @thread_id, @action, @args, 'started', @started_at)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const select = db.prepare(`SELECT ${columns} FROM io_ledger WHERE idempotency_key = ?`);
  // rowid breaks ties between entries begun in the same millisecond: insertion order.
  const selectThread = db.prepare(`SELECT ${columns} FROM io_ledger WHERE thread_id = ? ORDER BY started_at, rowid`);
  const finish = db.prepare(
    `UPDATE io_ledger SET state = @state, execution_id = @execution_id, error = @error, finished_at = @finished_at
     WHERE idempotency_key = @key`,
  );

  // Insert-if-absent and read back in one transaction, so a concurrent begin of the same key in
  // another process cannot slip between the two.
  const begin = db.transaction((entry: LedgerEntry): unknown => {
    insert.run({ ...entry, args: JSON.stringify(entry.args) });
    return select.get(entry.idempotency_key);
  });

  const update = (key: string, values: { state: string; execution_id: string | null; error: string | null }) => {
    const result = finish.run({ ...values, key, finished_at: now().toISOString() });
    if (result.changes === 0) throw new Error(`ledger: no entry for idempotency key ${key}`);
  };

  return {
    get: async (key) => {
      const row: unknown = select.get(key);
      return row === undefined ? undefined : toLedgerEntry(row, key);
    },
    begin: async (input) => {
      const entry: LedgerEntry = {
        ...LedgerBeginSchema.parse(input),
        state: "started",
        execution_id: null,
        error: null,
        started_at: now().toISOString(),
        finished_at: null,
      };
      return toLedgerEntry(begin.immediate(entry), entry.idempotency_key);
    },
    complete: async (key, executionId) => update(key, { state: "completed", execution_id: executionId, error: null }),
    fail: async (key, error) => update(key, { state: "failed", execution_id: null, error }),
    forThread: async (threadId) => {
      const rows: unknown[] = selectThread.all(threadId);
      return rows.map((row) => toLedgerEntry(row, `of thread ${threadId}`));
    },
  };
}

function sqliteThreadIndex(db: Database.Database): ThreadIndex {
  const columns = "thread_id, sys_id, status, summary, updated_at";
  const upsert = db.prepare(
    `INSERT INTO io_threads (${columns}) VALUES (@thread_id, @sys_id, @status, @summary, @updated_at)
     ON CONFLICT (thread_id) DO UPDATE SET
       sys_id = excluded.sys_id, status = excluded.status, summary = excluded.summary, updated_at = excluded.updated_at`,
  );
  const select = db.prepare(`SELECT ${columns} FROM io_threads WHERE thread_id = ?`);
  // updated_at is stored in one canonical ISO form, so text order is time order.
  const selectAll = db.prepare(`SELECT ${columns} FROM io_threads ORDER BY updated_at DESC, thread_id`);
  const selectStatus = db.prepare(
    `SELECT ${columns} FROM io_threads WHERE status = ? ORDER BY updated_at DESC, thread_id`,
  );
  const toRecord = (row: unknown, key: string): ThreadRecord => parseRow(ThreadRecordSchema, row, "io_threads", key);

  return {
    upsert: async (input) => {
      const record = ThreadRecordSchema.parse(input);
      upsert.run({ ...record, updated_at: canonicalIso(record.updated_at) });
    },
    get: async (threadId) => {
      const row: unknown = select.get(threadId);
      return row === undefined ? undefined : toRecord(row, threadId);
    },
    list: async (filter) => {
      const rows: unknown[] = filter?.status === undefined ? selectAll.all() : selectStatus.all(filter.status);
      return rows.map((row) => toRecord(row, "in list"));
    },
  };
}
