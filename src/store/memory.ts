/**
 * A run store in memory: MemorySaver and maps. For unit tests and for library use without a
 * database; it lasts as long as the process.
 */
import { MemorySaver } from "@langchain/langgraph";
import { memoryOutbox } from "./memory-outbox.js";
import type {
  LedgerBegin,
  LedgerEntry,
  RunStore,
  SideEffectLedger,
  ThreadIndex,
  ThreadLock,
  ThreadLocks,
  ThreadRecord,
  ThreadStatus,
} from "./types.js";

export { memoryOutbox };

export function memoryRunStore(now: () => Date = () => new Date()): RunStore {
  return {
    kind: "memory",
    location: "memory",
    checkpointer: new MemorySaver(),
    ledger: memoryLedger(now),
    locks: memoryLocks(),
    threads: memoryThreadIndex(),
    outbox: memoryOutbox(now),
    close: async () => {},
  };
}

export function memoryLedger(now: () => Date = () => new Date()): SideEffectLedger {
  const entries = new Map<string, LedgerEntry>();
  const finish = (key: string, update: Partial<LedgerEntry>): void => {
    const entry = entries.get(key);
    if (!entry) throw new Error(`ledger: no entry for idempotency key ${key}`);
    entries.set(key, { ...entry, ...update, finished_at: now().toISOString() });
  };
  return {
    get: async (key) => entries.get(key),
    begin: async (begin: LedgerBegin) => {
      const existing = entries.get(begin.idempotency_key);
      if (existing) return existing;
      const entry: LedgerEntry = {
        ...begin,
        state: "started",
        execution_id: null,
        error: null,
        started_at: now().toISOString(),
        finished_at: null,
      };
      entries.set(begin.idempotency_key, entry);
      return entry;
    },
    complete: async (key, executionId) => finish(key, { state: "completed", execution_id: executionId }),
    fail: async (key, error) => finish(key, { state: "failed", error }),
    forThread: async (threadId) => [...entries.values()].filter((entry) => entry.thread_id === threadId),
  };
}

function memoryLocks(): ThreadLocks {
  const held = new Set<string>();
  return {
    tryAcquire: async (threadId): Promise<ThreadLock | undefined> => {
      if (held.has(threadId)) return undefined;
      held.add(threadId);
      return { threadId, release: async () => void held.delete(threadId) };
    },
  };
}

function memoryThreadIndex(): ThreadIndex {
  const records = new Map<string, ThreadRecord>();
  return {
    upsert: async (record) => void records.set(record.thread_id, record),
    get: async (threadId) => records.get(threadId),
    list: async (filter?: { status?: ThreadStatus }) =>
      [...records.values()]
        .filter((record) => filter?.status === undefined || record.status === filter.status)
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at)),
  };
}
