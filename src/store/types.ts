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

/**
 * The ticket outbox: every write to the ticket system (a work note, a state change, a follow-up),
 * queued in the run store before it is sent, so a write that fails (the instance down, a 429, a
 * 5xx) stays queued and is retried with backoff on a later pass, and is never lost or doubled.
 *
 * - `enqueue` is insert-or-ignore by `key`: replaying a run enqueues nothing new.
 * - `take` leases due entries to one sender: of two workers draining together, each entry goes
 *   to one. A sender that dies holding a lease loses it when `lease_until` passes; the next taker
 *   sees `attempts` > 1 and checks the ticket before writing again (src/ticketing/outbox-drain.ts).
 * - Entries of one ticket are sent in `seq` order: `take` returns, per sys_id, only the oldest
 *   pending entry, so a later write never overtakes an earlier one that is failing.
 */
export const OutboxStateSchema = z.enum(["pending", "sent"]);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export const OutboxEntrySchema = z.object({
  /** Idempotency key: `<thread_id>:<what>` (src/ticketing/write-plan.ts). */
  key: z.string().min(1),
  /** Insertion order across the store (assigned by the store). */
  seq: z.number().int().min(0),
  thread_id: z.string().min(1),
  /** The ticket written to. */
  sys_id: z.string().min(1),
  /** What the write is for: claim, outcome, follow_up, review_answer, failed_run… (free text, for people). */
  kind: z.string().min(1),
  /** What to send: fields of the incident to PATCH (work_notes and comments add journal entries). */
  payload: z.record(z.string(), z.unknown()),
  state: OutboxStateSchema,
  /** How many times it was taken to be sent. */
  attempts: z.number().int().min(0),
  /** Not taken again before this time (backoff after a failure). */
  next_attempt_at: z.iso.datetime(),
  /** Held by a sender until this time; null when nobody holds it. */
  lease_until: z.iso.datetime().nullable(),
  last_error: z.string().nullable(),
  created_at: z.iso.datetime(),
  sent_at: z.iso.datetime().nullable(),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export const OutboxEnqueueSchema = OutboxEntrySchema.pick({
  key: true,
  thread_id: true,
  sys_id: true,
  kind: true,
  payload: true,
});
export type OutboxEnqueue = z.infer<typeof OutboxEnqueueSchema>;

export interface TicketOutbox {
  /** Queues the entries that are not queued yet (by key), in order; returns how many were new. */
  enqueue(entries: readonly OutboxEnqueue[]): Promise<number>;
  /**
   * Leases up to `limit` due entries until `now + leaseMs`, incrementing their `attempts`: pending,
   * `next_attempt_at <= now`, not leased (or the lease has passed), and the oldest pending entry of
   * their sys_id. Oldest first.
   */
  take(options: { limit: number; leaseMs: number }): Promise<OutboxEntry[]>;
  /** The write went through. */
  markSent(key: string): Promise<void>;
  /** The write failed: released, and not taken again before `nextAttemptAt`. */
  markFailed(key: string, error: string, nextAttemptAt: Date): Promise<void>;
  get(key: string): Promise<OutboxEntry | undefined>;
  /** Every entry, oldest first; only those in `state` or of `sysId` when given. */
  list(filter?: { state?: OutboxState; sysId?: string }): Promise<OutboxEntry[]>;
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
  readonly outbox: TicketOutbox;
  /** Releases held locks and closes the database. */
  close(): Promise<void>;
}
