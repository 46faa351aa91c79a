import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { compileCounterGraph, runStoreConformance } from "../../test/support/store/conformance/index.js";
import { postgresInitializer } from "../../test/support/store/initializers/postgres.js";
import { describeDatabaseUrl, redactPassword } from "./database-url.js";
import { openPostgresRunStore } from "./postgres.js";
import { spawnLockHolder } from "../../test/support/store/child.js";
import { postgresUnavailable } from "../../test/support/store/postgres-available.js";
import type { RunStore } from "./types.js";

const url = process.env["DATABASE_URL"] ?? "";

const skipReason = await postgresUnavailable(url);

/** Test files run at once against one database, so each file (and each setup test) has its own schema. */
const schemas: string[] = [];
const freshSchema = () => {
  const schema = `io_test_${randomBytes(6).toString("hex")}`;
  schemas.push(schema);
  return schema;
};

/** One statement on a connection of its own, outside any store. */
async function query(sql: string, values: unknown[] = []): Promise<pg.QueryResult<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<Record<string, unknown>>(sql, values);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (skipReason !== undefined) return;
  for (const schema of schemas) await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
});

describe("redactPassword", () => {
  it("drops the password and keeps the rest", () => {
    expect(redactPassword("postgresql://app:s3cr%40t@db.example:5432/runs?sslmode=require")).toBe(
      "postgresql://app@db.example:5432/runs?sslmode=require",
    );
    expect(redactPassword("postgres://db.example/runs")).toBe("postgres://db.example/runs");
  });
});

runStoreConformance(postgresInitializer);

describe.skipIf(skipReason !== undefined)(
  `postgres run store${skipReason === undefined ? "" : ` (skipped: ${skipReason})`}`,
  () => {
    const schema = freshSchema();

    const open: RunStore[] = [];
    const openStore = async (inSchema = schema) => {
      const store = await openPostgresRunStore({ url, schema: inSchema });
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });

    it("reports its location without the password", async () => {
      const store = await openStore();
      expect(store.kind).toBe("postgres");
      expect(store.location).toBe(describeDatabaseUrl(url));
    });

    it("brings a thread index from before the failed status up to date, keeping its rows", async () => {
      const fresh = freshSchema();
      await openStore(fresh);
      await query(`ALTER TABLE "${fresh}".io_threads DROP CONSTRAINT io_threads_status_check`);
      await query(
        `ALTER TABLE "${fresh}".io_threads ADD CONSTRAINT io_threads_status_check CHECK (status IN ('running', 'paused', 'done'))`,
      );
      await query(`INSERT INTO "${fresh}".io_threads VALUES ('t1', 'INC1', 'paused', 'old row', now())`);
      const store = await openStore(fresh);
      expect(await store.threads.get("t1")).toMatchObject({ status: "paused", summary: "old row" });
      await store.threads.upsert({
        thread_id: "t2",
        sys_id: "INC2",
        status: "failed",
        summary: "failed: x",
        updated_at: "2026-11-02T00:00:00.000Z",
      });
      expect(await store.threads.get("t2")).toMatchObject({ status: "failed" });
    });

    it("rejects a schema name it would have to quote", async () => {
      await expect(openPostgresRunStore({ url, schema: 'bad"; DROP' })).rejects.toThrow(/invalid Postgres schema name/);
      await expect(openPostgresRunStore({ url, schema: "Upper" })).rejects.toThrow(/invalid Postgres schema name/);
    });

    it("creates its tables and the checkpointer's in the schema, from several pools at once", async () => {
      const fresh = freshSchema();
      const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(fresh)));
      expect(stores).toHaveLength(4);
      const { rows } = await query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [fresh]);
      expect(rows.map((row) => row["table_name"]).sort()).toEqual(
        [
          "checkpoint_blobs",
          "checkpoint_migrations",
          "checkpoint_writes",
          "checkpoints",
          "io_ledger",
          "io_outbox",
          "io_threads",
        ].sort(),
      );
    });

    it("keeps everything across a reopen", async () => {
      const first = await openPostgresRunStore({ url, schema });
      const thread = `reopen-${randomBytes(4).toString("hex")}`;
      await first.ledger.begin({ idempotency_key: thread, thread_id: thread, action: "a", args: { x: [1, 2] } });
      await compileCounterGraph(first).invoke({ count: 1 }, { configurable: { thread_id: thread } });
      await first.close();

      const second = await openStore();
      expect(await second.ledger.get(thread)).toMatchObject({ state: "started", args: { x: [1, 2] } });
      const state = await compileCounterGraph(second).getState({ configurable: { thread_id: thread } });
      expect(state.values).toEqual({ count: 2, visits: ["bump"] });
    });

    it("refuses a held thread to another store (another pool) until the holder closes", async () => {
      const thread = `held-${randomBytes(4).toString("hex")}`;
      const holder = await openPostgresRunStore({ url, schema });
      const other = await openStore();
      try {
        expect(await holder.locks.tryAcquire(thread)).toBeDefined();
        expect(await other.locks.tryAcquire(thread)).toBeUndefined();
        // The same thread id in another schema is another lock.
        const elsewhere = await openStore(freshSchema());
        expect(await elsewhere.locks.tryAcquire(thread)).toBeDefined();
      } finally {
        await holder.close();
      }
      expect(await other.locks.tryAcquire(thread)).toBeDefined();
    });

    it("frees a thread when the process holding it is killed", async () => {
      const thread = `killed-${randomBytes(4).toString("hex")}`;
      const store = await openStore();
      const child = await spawnLockHolder(["postgres", url, schema, thread]);
      try {
        expect(await store.locks.tryAcquire(thread)).toBeUndefined();
      } finally {
        await child.kill();
      }
      // The server ends the dead connection's session on its own time: wait for the lock itself
      // (a blocking pg_advisory_lock returns once the session is gone), then let it go again.
      const waiter = new pg.Client({ connectionString: url });
      await waiter.connect();
      try {
        await waiter.query("SET statement_timeout = 20000");
        await waiter.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`${schema}:${thread}`]);
        await waiter.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`${schema}:${thread}`]);
      } finally {
        await waiter.end();
      }
      expect(await store.locks.tryAcquire(thread)).toBeDefined();
    });
  },
);
