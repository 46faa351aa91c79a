import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { compileCounterGraph, runStoreConformance } from "../../test/support/store/conformance/index.js";
import { sqliteInitializer } from "../../test/support/store/initializers/sqlite.js";
import { openSqliteRunStore } from "./sqlite.js";
import { pidOfExitedProcess, spawnLockHolder } from "../../test/support/store/child.js";
import type { RunStore } from "./types.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "io-store-sqlite-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A new file per call: every store in these tests starts empty unless it reopens a file. */
const freshFile = () => join(dir, randomUUID(), "nested", "runs.sqlite");

runStoreConformance(sqliteInitializer);

describe("sqlite run store", () => {
  const open: RunStore[] = [];
  const openStore = async (file: string, lockTtlMs?: number) => {
    const store = await openSqliteRunStore({ file, lockTtlMs });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  /** Writes a lock row as another holder would have, bypassing the store. */
  const writeLockRow = (file: string, row: { thread: string; pid: number; host?: string; expiresAt: number }) => {
    const db = new Database(file);
    try {
      db.prepare("INSERT OR REPLACE INTO io_thread_locks VALUES (?, ?, ?, ?, ?)").run(
        row.thread,
        randomUUID(),
        row.pid,
        row.host ?? hostname(),
        row.expiresAt,
      );
    } finally {
      db.close();
    }
  };
  const lockRow = (file: string, thread: string) => {
    const db = new Database(file, { readonly: true });
    try {
      const row: unknown = db.prepare("SELECT pid, expires_at FROM io_thread_locks WHERE thread_id = ?").get(thread);
      return row;
    } finally {
      db.close();
    }
  };

  it("brings a thread index from before the failed status up to date, keeping its rows", async () => {
    const file = freshFile();
    await openStore(file).then((store) => store.close());
    const db = new Database(file);
    db.exec("DROP TABLE io_threads");
    db.exec(
      "CREATE TABLE io_threads (thread_id TEXT PRIMARY KEY, sys_id TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('running', 'paused', 'done')), summary TEXT NOT NULL, updated_at TEXT NOT NULL)",
    );
    db.prepare("INSERT INTO io_threads VALUES ('t1', 'INC1', 'paused', 'old row', '2026-11-01T00:00:00.000Z')").run();
    db.close();
    const store = await openStore(file);
    expect(await store.threads.get("t1")).toMatchObject({ status: "paused", summary: "old row" });
    const failed = {
      thread_id: "t2",
      sys_id: "INC2",
      status: "failed" as const,
      summary: "failed: x",
      updated_at: "2026-11-02T00:00:00.000Z",
    };
    await store.threads.upsert(failed);
    expect(await store.threads.get("t2")).toEqual(failed);
  });

  it("creates the file and its directories, in WAL mode", async () => {
    const file = freshFile();
    const store = await openStore(file);
    expect(store.kind).toBe("sqlite");
    expect(store.location).toBe(file);
    expect((await stat(file)).isFile()).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("keeps everything across a reopen", async () => {
    const file = freshFile();
    const first = await openSqliteRunStore({ file });
    await first.ledger.begin({ idempotency_key: "k", thread_id: "t", action: "a", args: { x: 1 } });
    await first.ledger.complete("k", "run-1");
    await first.threads.upsert({
      thread_id: "t",
      sys_id: "s",
      status: "paused",
      summary: "waiting",
      updated_at: "2025-01-01T00:00:00.000Z",
    });
    await compileCounterGraph(first).invoke({ count: 4 }, { configurable: { thread_id: "t" } });
    await first.close();

    const second = await openStore(file);
    expect(await second.ledger.get("k")).toMatchObject({ state: "completed", execution_id: "run-1", args: { x: 1 } });
    expect(await second.threads.list({ status: "paused" })).toHaveLength(1);
    const state = await compileCounterGraph(second).getState({ configurable: { thread_id: "t" } });
    expect(state.values).toEqual({ count: 5, visits: ["bump"] });
  });

  it("shares ledger entries and locks between two stores on one file", async () => {
    const file = freshFile();
    const a = await openStore(file);
    const b = await openStore(file);
    const begun = await a.ledger.begin({ idempotency_key: "k", thread_id: "t", action: "a", args: {} });
    expect(await b.ledger.begin({ idempotency_key: "k", thread_id: "t", action: "other", args: {} })).toEqual(begun);
    await b.ledger.fail("k", "boom");
    expect(await a.ledger.get("k")).toMatchObject({ state: "failed", error: "boom" });

    // Same pid, different owner token: the other store is a live holder.
    const lock = await a.locks.tryAcquire("t");
    expect(lock).toBeDefined();
    expect(await b.locks.tryAcquire("t")).toBeUndefined();
    await lock?.release();
    const taken = await b.locks.tryAcquire("t");
    expect(taken).toBeDefined();
    expect(await a.locks.tryAcquire("t")).toBeUndefined();
  });

  it("releases its locks when closed", async () => {
    const file = freshFile();
    const a = await openSqliteRunStore({ file });
    const b = await openStore(file);
    expect(await a.locks.tryAcquire("t")).toBeDefined();
    expect(await b.locks.tryAcquire("t")).toBeUndefined();
    await a.close();
    expect(lockRow(file, "t")).toBeUndefined();
    expect(await b.locks.tryAcquire("t")).toBeDefined();
  });

  it("takes over a lock whose holder on this host has exited", async () => {
    const file = freshFile();
    const store = await openStore(file);
    const deadPid = await pidOfExitedProcess();
    writeLockRow(file, { thread: "t", pid: deadPid, expiresAt: Date.now() + 600_000 });
    const lock = await store.locks.tryAcquire("t");
    expect(lock).toBeDefined();
    expect(lockRow(file, "t")).toMatchObject({ pid: process.pid });
  });

  it("refuses an unexpired lock of a live process, or of an unknown pid on another host", async () => {
    const file = freshFile();
    const store = await openStore(file);
    // The test runner's parent is alive and is not this process.
    writeLockRow(file, { thread: "live", pid: process.ppid, expiresAt: Date.now() + 600_000 });
    expect(await store.locks.tryAcquire("live")).toBeUndefined();
    // A pid on another host says nothing about liveness here: only the lease counts.
    const deadPid = await pidOfExitedProcess();
    writeLockRow(file, { thread: "remote", pid: deadPid, host: "elsewhere.invalid", expiresAt: Date.now() + 600_000 });
    expect(await store.locks.tryAcquire("remote")).toBeUndefined();
  });

  it("takes over an expired lease, whoever held it", async () => {
    const file = freshFile();
    const store = await openStore(file);
    writeLockRow(file, { thread: "t", pid: process.ppid, host: "elsewhere.invalid", expiresAt: Date.now() - 1 });
    expect(await store.locks.tryAcquire("t")).toBeDefined();
  });

  it("renews a held lease and stops when released", async () => {
    const file = freshFile();
    const ttl = 1_000;
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    try {
      const holder = await openStore(file, ttl);
      const other = await openStore(file, ttl);
      const lock = await holder.locks.tryAcquire("t");
      expect(lock).toBeDefined();

      // Three lease lengths later the lease would long have lapsed without its heartbeat.
      vi.advanceTimersByTime(3 * ttl);
      expect(lockRow(file, "t")).toMatchObject({ expires_at: expect.any(Number) });
      const renewed = z.object({ expires_at: z.number() }).parse(lockRow(file, "t"));
      expect(renewed.expires_at).toBeGreaterThan(Date.now());
      expect(await other.locks.tryAcquire("t")).toBeUndefined();

      await lock?.release();
      vi.advanceTimersByTime(3 * ttl);
      expect(lockRow(file, "t")).toBeUndefined();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a lock held by another live process, and takes it once that process is killed", async () => {
    const file = freshFile();
    const store = await openStore(file);
    const holder = await spawnLockHolder(["sqlite", file, "t"]);
    try {
      expect(lockRow(file, "t")).toMatchObject({ pid: holder.pid });
      expect(await store.locks.tryAcquire("t")).toBeUndefined();
    } finally {
      await holder.kill();
    }
    // SIGKILL left its row behind, unexpired; the dead pid is what frees it.
    expect(lockRow(file, "t")).toMatchObject({ pid: holder.pid });
    expect(await store.locks.tryAcquire("t")).toBeDefined();
  });
});
