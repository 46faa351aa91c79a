/**
 * Where durable runs live: the LangGraph checkpoints, the side-effect ledger, the thread locks and
 * an index of threads, all in one database (SQLite by default, Postgres with DATABASE_URL), so one
 * backup or one transaction boundary covers a run. Each type is a zod schema (the single source).
 */
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { z } from "zod";

/**
 * One side effect, keyed by its idempotency key. Written `started` before the mutating call and
 * `completed` (with what it started) or `failed` (the tool answered an error: nothing started)
 * after it. A `started` entry with nothing after it means the process died mid-call: whether the
 * side effect happened is unknown until the world is asked.
 */
export const LedgerStateSchema = z.enum(["started", "completed", "failed"]);
export type LedgerState = z.infer<typeof LedgerStateSchema>;

export const LedgerEntrySchema = z.object({
  idempotency_key: z.string().min(1),
  thread_id: z.string().min(1),
  action: z.string().min(1),
  args: z.record(z.string(), z.unknown()),
  state: LedgerStateSchema,
  /** What the side effect started (a Glue run id, a DAG run id, …), once known. */
  execution_id: z.string().nullable(),
  error: z.string().nullable(),
  started_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const LedgerBeginSchema = LedgerEntrySchema.pick({
  idempotency_key: true,
  thread_id: true,
  action: true,
  args: true,
});
export type LedgerBegin = z.infer<typeof LedgerBeginSchema>;

export interface SideEffectLedger {
  get(idempotencyKey: string): Promise<LedgerEntry | undefined>;
  /**
   * Records the intent to act, before acting. When an entry for the key exists already it is kept
   * unchanged and returned (the caller then knows this is a repeat); otherwise the new `started`
   * entry is returned.
   */
  begin(entry: LedgerBegin): Promise<LedgerEntry>;
  /** The side effect happened and started `executionId`. */
  complete(idempotencyKey: string, executionId: string): Promise<void>;
  /** The tool answered an error: nothing was started. */
  fail(idempotencyKey: string, error: string): Promise<void>;
  /** Every entry of a thread, oldest first. */
  forThread(threadId: string): Promise<LedgerEntry[]>;
}

/** A thread held by one run. Release it when the run stops; a crashed holder's lock lapses by itself. */
export interface ThreadLock {
  readonly threadId: string;
  release(): Promise<void>;
}

export interface ThreadLocks {
  /** Takes the thread for this run, or returns undefined while another live run holds it. */
  tryAcquire(threadId: string): Promise<ThreadLock | undefined>;
}

/** What `pending` lists: each thread's latest status, kept by the process that ran it. */
/** failed: the process running it stopped on an error it could not record in the thread itself (run it again to continue). */
export const ThreadStatusSchema = z.enum(["running", "paused", "done", "failed"]);
export type ThreadStatus = z.infer<typeof ThreadStatusSchema>;

export const ThreadRecordSchema = z.object({
  thread_id: z.string().min(1),
  sys_id: z.string().min(1),
  status: ThreadStatusSchema,
  /** One line: the incident and where the run stands. */
  summary: z.string(),
  updated_at: z.iso.datetime(),
});
export type ThreadRecord = z.infer<typeof ThreadRecordSchema>;

export interface ThreadIndex {
  upsert(record: ThreadRecord): Promise<void>;
  get(threadId: string): Promise<ThreadRecord | undefined>;
  /** Newest first; only those with `status` when given. */
  list(filter?: { status?: ThreadStatus }): Promise<ThreadRecord[]>;
}

export type RunStoreKind = "memory" | "sqlite" | "postgres";

export interface RunStore {
  readonly kind: RunStoreKind;
  /** For messages: the SQLite file, or the Postgres URL without its password. */
  readonly location: string;
  readonly checkpointer: BaseCheckpointSaver;
  readonly ledger: SideEffectLedger;
  readonly locks: ThreadLocks;
  readonly threads: ThreadIndex;
  /** Releases held locks and closes the database. */
  close(): Promise<void>;
}
