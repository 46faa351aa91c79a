/**
 * The ticket outbox in Postgres. Several processes may drain it at once, so `take` picks and
 * leases in one statement whose rows are locked with SKIP LOCKED: a row another taker is leasing
 * is passed over rather than waited for, and a row it has leased no longer matches once its
 * commit is seen.
 */
import type pg from "pg";
import { leaseUntil, noOutboxEntry, parseTakeOptions } from "./outbox-shared.js";
import { PgSeq, PgTime } from "./postgres-rows.js";
import { canonicalIso, parseRow } from "./rows.js";
import { OutboxEnqueueSchema, OutboxEntrySchema, type OutboxEntry, type TicketOutbox } from "./types.js";

/** Part of the store's DDL (`s` the quoted schema), run in its setup transaction. */
export function postgresOutboxDdl(s: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${s}.io_outbox (
  key text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  thread_id text NOT NULL,
  sys_id text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'sent')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
-- Sent entries pile up; take only ever looks at pending ones, by seq and by ticket.
CREATE INDEX IF NOT EXISTS io_outbox_pending ON ${s}.io_outbox (seq) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS io_outbox_pending_ticket ON ${s}.io_outbox (sys_id, seq) WHERE state = 'pending';
`;
}

const COLUMN_NAMES = [
  ...["key", "seq", "thread_id", "sys_id", "kind", "payload", "state", "attempts"],
  ...["next_attempt_at", "lease_until", "last_error", "created_at", "sent_at"],
];
const COLUMNS = COLUMN_NAMES.join(", ");
/** The columns of the update's target: `key` alone would be ambiguous beside the pick's. */
const TARGET_COLUMNS = COLUMN_NAMES.map((column) => `t.${column}`).join(", ");

const OutboxRowSchema = OutboxEntrySchema.extend({
  seq: PgSeq,
  next_attempt_at: PgTime,
  lease_until: PgTime.nullable(),
  created_at: PgTime,
  sent_at: PgTime.nullable(),
});

type Row = Record<string, unknown>;

export function postgresOutbox(pool: pg.Pool, table: string, now: () => Date): TicketOutbox {
  const toEntry = (row: unknown, key: string): OutboxEntry => parseRow(OutboxRowSchema, row, "io_outbox", key);
  const update = async (key: string, sql: string, values: unknown[]): Promise<void> => {
    const result = await pool.query(`UPDATE ${table} SET ${sql} WHERE key = $1`, [key, ...values]);
    if (result.rowCount === 0) throw noOutboxEntry(key);
  };

  return {
    enqueue: async (input) => {
      const batch = input.map((entry) => OutboxEnqueueSchema.parse(entry));
      if (batch.length === 0) return 0;
      // One statement, fed in the batch's order (ORDER BY keeps the subquery from being flattened,
      // so the identity is drawn after the sort): the batch is queued whole, its seqs in order.
      const result = await pool.query(
        `INSERT INTO ${table} (key, thread_id, sys_id, kind, payload, state, next_attempt_at, created_at)
         SELECT e.value->>'key', e.value->>'thread_id', e.value->>'sys_id', e.value->>'kind', e.value->'payload',
                'pending', $2::timestamptz, $2::timestamptz
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
         ORDER BY e.n
         ON CONFLICT (key) DO NOTHING`,
        [JSON.stringify(batch), now().toISOString()],
      );
      return result.rowCount ?? 0;
    },
    take: async (options) => {
      const { limit, leaseMs } = parseTakeOptions(options);
      const at = now();
      // MATERIALIZED: the locking pick runs once, not once per row of the update. An entry is due
      // when pending, past its backoff and its lease, and the oldest pending entry of its ticket
      // (so a leased or backed-off older entry holds back the ticket's later ones).
      const { rows } = await pool.query<Row>(
        `WITH due AS MATERIALIZED (
           SELECT o.key FROM ${table} o
           WHERE o.state = 'pending' AND o.next_attempt_at <= $1::timestamptz
             AND (o.lease_until IS NULL OR o.lease_until <= $1::timestamptz)
             AND NOT EXISTS (
               SELECT 1 FROM ${table} o2 WHERE o2.sys_id = o.sys_id AND o2.state = 'pending' AND o2.seq < o.seq
             )
           ORDER BY o.seq
           LIMIT $3
           FOR UPDATE OF o SKIP LOCKED
         )
         UPDATE ${table} AS t SET attempts = t.attempts + 1, lease_until = $2::timestamptz
         FROM due WHERE t.key = due.key
         RETURNING ${TARGET_COLUMNS}`,
        [at.toISOString(), leaseUntil(at, leaseMs), limit],
      );
      // RETURNING comes in no promised order.
      return rows.map((row) => toEntry(row, "in take")).sort((a, b) => a.seq - b.seq);
    },
    markSent: (key) => update(key, "state = 'sent', sent_at = $2, lease_until = NULL", [now().toISOString()]),
    markFailed: (key, error, nextAttemptAt) =>
      update(key, "lease_until = NULL, last_error = $2, next_attempt_at = $3", [error, canonicalIso(nextAttemptAt)]),
    get: async (key) => {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM ${table} WHERE key = $1`, [key]);
      return rows[0] === undefined ? undefined : toEntry(rows[0], key);
    },
    list: async (filter) => {
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM ${table}
         WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR sys_id = $2) ORDER BY seq`,
        [filter?.state ?? null, filter?.sysId ?? null],
      );
      return rows.map((row) => toEntry(row, "in list"));
    },
  };
}
