/**
 * The ticket outbox in SQLite. Times are canonical ISO text (rows.ts), so text comparison is time
 * comparison; `seq` is the rowid, which AUTOINCREMENT never hands out twice.
 */
import type Database from "better-sqlite3";
import { z } from "zod";
import { leaseUntil, noOutboxEntry, parseTakeOptions } from "./outbox-shared.js";
import { canonicalIso, parseRow } from "./rows.js";
import { OutboxEnqueueSchema, OutboxEntrySchema, type OutboxEntry, type TicketOutbox } from "./types.js";

/** Executed with the store's other DDL, in its setup transaction. */
export const SQLITE_OUTBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS io_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  thread_id TEXT NOT NULL,
  sys_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
-- Sent entries pile up; take only ever looks at pending ones, by seq and by ticket.
CREATE INDEX IF NOT EXISTS io_outbox_pending ON io_outbox (seq) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS io_outbox_pending_ticket ON io_outbox (sys_id, seq) WHERE state = 'pending';
`;

const COLUMNS =
  "key, seq, thread_id, sys_id, kind, payload, state, attempts, next_attempt_at, lease_until, last_error, created_at, sent_at";

/** An outbox row: the entry with `payload` as JSON text. */
const OutboxRowSchema = OutboxEntrySchema.extend({ payload: z.string() });

function toEntry(row: unknown, key: string): OutboxEntry {
  const parsedRow = parseRow(OutboxRowSchema, row, "io_outbox", key);
  const payload: unknown = JSON.parse(parsedRow.payload);
  return parseRow(OutboxEntrySchema, { ...parsedRow, payload }, "io_outbox", key);
}

export function sqliteOutbox(db: Database.Database, now: () => Date): TicketOutbox {
  const insert = db.prepare(
    `INSERT INTO io_outbox (key, thread_id, sys_id, kind, payload, state, next_attempt_at, created_at)
     VALUES (@key, @thread_id, @sys_id, @kind, @payload, 'pending', @created_at, @created_at)
     ON CONFLICT (key) DO NOTHING`,
  );
  // An entry is due when pending, past its backoff and its lease, and the oldest pending entry of
  // its ticket (so a leased or backed-off older entry holds back the ticket's later ones).
  const lease = db.prepare(
    `UPDATE io_outbox SET attempts = attempts + 1, lease_until = @lease_until
     WHERE seq IN (
       SELECT o.seq FROM io_outbox o
       WHERE o.state = 'pending' AND o.next_attempt_at <= @now AND (o.lease_until IS NULL OR o.lease_until <= @now)
         AND NOT EXISTS (
           SELECT 1 FROM io_outbox o2 WHERE o2.sys_id = o.sys_id AND o2.state = 'pending' AND o2.seq < o.seq
         )
       ORDER BY o.seq LIMIT @limit
     )
     RETURNING ${COLUMNS}`,
  );
  const sent = db.prepare("UPDATE io_outbox SET state = 'sent', sent_at = ?, lease_until = NULL WHERE key = ?");
  const failed = db.prepare(
    "UPDATE io_outbox SET lease_until = NULL, last_error = ?, next_attempt_at = ? WHERE key = ?",
  );
  const select = db.prepare(`SELECT ${COLUMNS} FROM io_outbox WHERE key = ?`);
  const selectAll = db.prepare(
    `SELECT ${COLUMNS} FROM io_outbox
     WHERE (@state IS NULL OR state = @state) AND (@sys_id IS NULL OR sys_id = @sys_id) ORDER BY seq`,
  );

  // One transaction per batch: it is queued whole or not at all, its seqs in the order given.
  const enqueue = db.transaction((rows: readonly Record<string, string>[]): number =>
    rows.reduce((added, row) => added + insert.run(row).changes, 0),
  );
  // BEGIN IMMEDIATE takes the write lock before reading what is due, so a taker in another process
  // waits for this one (busy_timeout) and then sees its leases; a deferred transaction could read a
  // snapshot that another taker's commit made stale, and fail with SQLITE_BUSY instead of waiting.
  const take = db.transaction((params: { now: string; lease_until: string; limit: number }): unknown[] =>
    lease.all(params),
  );
  const changed = (key: string, changes: number): void => {
    if (changes === 0) throw noOutboxEntry(key);
  };

  return {
    enqueue: async (input) => {
      const created_at = now().toISOString();
      const rows = input.map((entry) => {
        const parsed = OutboxEnqueueSchema.parse(entry);
        return { ...parsed, payload: JSON.stringify(parsed.payload), created_at };
      });
      return enqueue.immediate(rows);
    },
    take: async (options) => {
      const { limit, leaseMs } = parseTakeOptions(options);
      const at = now();
      const rows = take.immediate({ now: at.toISOString(), lease_until: leaseUntil(at, leaseMs), limit });
      // RETURNING comes in no promised order.
      return rows.map((row) => toEntry(row, "in take")).sort((a, b) => a.seq - b.seq);
    },
    markSent: async (key) => changed(key, sent.run(now().toISOString(), key).changes),
    markFailed: async (key, error, nextAttemptAt) =>
      changed(key, failed.run(error, canonicalIso(nextAttemptAt), key).changes),
    get: async (key) => {
      const row: unknown = select.get(key);
      return row === undefined ? undefined : toEntry(row, key);
    },
    list: async (filter) => {
      const rows: unknown[] = selectAll.all({ state: filter?.state ?? null, sys_id: filter?.sysId ?? null });
      return rows.map((row) => toEntry(row, "in list"));
    },
  };
}
