/**
 * The run store on Postgres (DATABASE_URL): one pool shared by the LangGraph PostgresSaver and our
 * ledger, thread index and ticket outbox (postgres-outbox.ts), all in one schema. Thread locks are
 * session advisory locks (see postgres-locks.ts), so no lock table is needed: Postgres frees a dead
 * holder's lock itself.
 */
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { postgresThreadLocks } from "./postgres-locks.js";
import { describeDatabaseUrl } from "./database-url.js";
import { postgresOutbox, postgresOutboxDdl } from "./postgres-outbox.js";
import { PgTime } from "./postgres-rows.js";
import { canonicalIso, parseRow } from "./rows.js";
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

export interface PostgresRunStoreOptions {
  url: string;
  /** Holds the checkpoint tables and ours; created when missing. */
  schema?: string;
  now?: () => Date;
}

export const DEFAULT_POSTGRES_SCHEMA = "incident_orchestrator";

/** Lower-case identifiers only: they need no case folding and are safe to quote into SQL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

type Row = Record<string, unknown>;

export async function openPostgresRunStore(options: PostgresRunStoreOptions): Promise<RunStore> {
  const schema = options.schema ?? DEFAULT_POSTGRES_SCHEMA;
  if (!SCHEMA_NAME.test(schema) || schema.length > 63) {
    throw new Error(`invalid Postgres schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
  }
  const now = options.now ?? (() => new Date());
  const pool = new pg.Pool({
    connectionString: options.url,
    // An unreachable server fails the open instead of hanging it.
    connectionTimeoutMillis: 10_000,
    application_name: "incident-orchestrator",
  });
  // An idle client whose connection breaks is dropped by the pool, which then emits this; the next
  // query opens a new connection. Without a listener the process would die on it.
  pool.on("error", () => {});

  const checkpointer = new PostgresSaver(pool, undefined, { schema });
  try {
    await setUp(pool, checkpointer, schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const locks = postgresThreadLocks(pool, schema);
  const table = (name: string) => `"${schema}".${name}`;
  let closing: Promise<void> | undefined;
  return {
    kind: "postgres",
    location: describeDatabaseUrl(options.url),
    checkpointer,
    ledger: postgresLedger(pool, table("io_ledger"), now),
    locks,
    threads: postgresThreadIndex(pool, table("io_threads")),
    outbox: postgresOutbox(pool, table("io_outbox"), now),
    close: () => {
      closing ??= (async () => {
        await locks.releaseAll();
        await pool.end();
      })();
      return closing;
    },
  };
}

/**
 * Creates the schema and tables. Two processes starting together would race each other's CREATEs
 * (and PostgresSaver's migration inserts), so both go under one advisory transaction lock. The
 * saver's setup runs on another pooled connection while this transaction holds the lock; it must
 * run before our DDL, which would otherwise hold the new schema uncommitted while the saver waits
 * for it.
 */
async function setUp(pool: pg.Pool, checkpointer: PostgresSaver, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      `incident-orchestrator:setup:${schema}`,
    ]);
    await checkpointer.setup();
    await client.query(ddl(schema));
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function ddl(schema: string): string {
  const s = `"${schema}"`;
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.io_ledger (
  idempotency_key text PRIMARY KEY,
  -- Insertion order, to break ties between entries begun in the same millisecond.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  thread_id text NOT NULL,
  action text NOT NULL,
  args jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('started', 'completed', 'failed')),
  execution_id text,
  error text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX IF NOT EXISTS io_ledger_thread ON ${s}.io_ledger (thread_id, started_at, seq);
CREATE TABLE IF NOT EXISTS ${s}.io_threads (
  thread_id text PRIMARY KEY,
  sys_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'paused', 'done', 'failed')),
  summary text NOT NULL,
  updated_at timestamptz NOT NULL
);
-- Stores made before the failed status: the same CHECK with it (named as Postgres named it).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'io_threads_status_check'
             AND conrelid = '${s}.io_threads'::regclass AND pg_get_constraintdef(oid) NOT LIKE '%failed%') THEN
    ALTER TABLE ${s}.io_threads DROP CONSTRAINT io_threads_status_check;
    ALTER TABLE ${s}.io_threads ADD CONSTRAINT io_threads_status_check
      CHECK (status IN ('running', 'paused', 'done', 'failed'));
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS io_threads_updated ON ${s}.io_threads (updated_at DESC);
${postgresOutboxDdl(s)}`;
}

const LedgerRowSchema = LedgerEntrySchema.extend({ started_at: PgTime, finished_at: PgTime.nullable() });
const ThreadRowSchema = ThreadRecordSchema.extend({ updated_at: PgTime });

function postgresLedger(pool: pg.Pool, table: string, now: () => Date): SideEffectLedger {
  const columns = "idempotency_key, thread_id, action, args, state, execution_id, error, started_at, finished_at";
  const toEntry = (row: unknown, key: string): LedgerEntry => parseRow(LedgerRowSchema, row, "io_ledger", key);
  const get = async (key: string): Promise<LedgerEntry | undefined> => {
    const { rows } = await pool.query<Row>(`SELECT ${columns} FROM ${table} WHERE idempotency_key = $1`, [key]);
    return rows[0] === undefined ? undefined : toEntry(rows[0], key);
  };
  const finish = async (key: string, state: string, executionId: string | null, error: string | null) => {
    const result = await pool.query(
      `UPDATE ${table} SET state = $2, execution_id = $3, error = $4, finished_at = $5 WHERE idempotency_key = $1`,
      [key, state, executionId, error, now().toISOString()],
    );
    if (result.rowCount === 0) throw new Error(`ledger: no entry for idempotency key ${key}`);
  };

  return {
    get,
    begin: async (input) => {
      const begin = LedgerBeginSchema.parse(input);
      // Two statements, each seeing committed data: whoever inserted first, the select returns
      // that row, which no later begin overwrites.
      await pool.query(
        `INSERT INTO ${table} (idempotency_key, thread_id, action, args, state, started_at)
         VALUES ($1, $2, $3, $4::jsonb, 'started', $5)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [begin.idempotency_key, begin.thread_id, begin.action, JSON.stringify(begin.args), now().toISOString()],
      );
      const entry = await get(begin.idempotency_key);
      if (entry === undefined) throw new Error(`ledger: entry ${begin.idempotency_key} vanished after insert`);
      return entry;
    },
    complete: (key, executionId) => finish(key, "completed", executionId, null),
    fail: (key, error) => finish(key, "failed", null, error),
    forThread: async (threadId) => {
      const { rows } = await pool.query<Row>(
        `SELECT ${columns} FROM ${table} WHERE thread_id = $1 ORDER BY started_at, seq`,
        [threadId],
      );
      return rows.map((row) => toEntry(row, `of thread ${threadId}`));
    },
  };
}

function postgresThreadIndex(pool: pg.Pool, table: string): ThreadIndex {
  const columns = "thread_id, sys_id, status, summary, updated_at";
  const toRecord = (row: unknown, key: string): ThreadRecord => parseRow(ThreadRowSchema, row, "io_threads", key);
  return {
    upsert: async (input) => {
      const record = ThreadRecordSchema.parse(input);
      await pool.query(
        `INSERT INTO ${table} (${columns}) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (thread_id) DO UPDATE SET
           sys_id = excluded.sys_id, status = excluded.status, summary = excluded.summary, updated_at = excluded.updated_at`,
        [record.thread_id, record.sys_id, record.status, record.summary, canonicalIso(record.updated_at)],
      );
    },
    get: async (threadId) => {
      const { rows } = await pool.query<Row>(`SELECT ${columns} FROM ${table} WHERE thread_id = $1`, [threadId]);
      return rows[0] === undefined ? undefined : toRecord(rows[0], threadId);
    },
    list: async (filter) => {
      const status = filter?.status;
      const { rows } = await pool.query<Row>(
        `SELECT ${columns} FROM ${table} WHERE $1::text IS NULL OR status = $1 ORDER BY updated_at DESC, thread_id`,
        [status ?? null],
      );
      return rows.map((row) => toRecord(row, "in list"));
    },
  };
}
