/** The ticket outbox in memory, the reference the durable outboxes are held to (the conformance suite). */
import { canonicalIso } from "./rows.js";
import { leaseUntil, noOutboxEntry, parseTakeOptions } from "./outbox-shared.js";
import { OutboxEnqueueSchema, type OutboxEntry, type TicketOutbox } from "./types.js";

export function memoryOutbox(now: () => Date = () => new Date()): TicketOutbox {
  // A Map iterates in insertion order, which is seq order, so nothing here needs sorting.
  const entries = new Map<string, OutboxEntry>();
  let nextSeq = 0;
  // Copies in and out, as a database would: a caller editing an entry it holds changes nothing here.
  const copy = (entry: OutboxEntry): OutboxEntry => structuredClone(entry);
  const update = (key: string, change: Partial<OutboxEntry>): void => {
    const entry = entries.get(key);
    if (entry === undefined) throw noOutboxEntry(key);
    entries.set(key, { ...entry, ...change });
  };
  const isDue = (entry: OutboxEntry, at: number): boolean =>
    Date.parse(entry.next_attempt_at) <= at && (entry.lease_until === null || Date.parse(entry.lease_until) <= at);

  return {
    enqueue: async (input) => {
      // All parsed before any is queued: a bad entry queues none of its batch.
      const batch = input.map((entry) => OutboxEnqueueSchema.parse(entry));
      const created = now().toISOString();
      let added = 0;
      for (const entry of batch) {
        if (entries.has(entry.key)) continue;
        entries.set(entry.key, {
          ...structuredClone(entry),
          seq: nextSeq++,
          state: "pending",
          attempts: 0,
          next_attempt_at: created,
          lease_until: null,
          last_error: null,
          created_at: created,
          sent_at: null,
        });
        added++;
      }
      return added;
    },
    take: async (options) => {
      const { limit, leaseMs } = parseTakeOptions(options);
      const at = now();
      const lease_until = leaseUntil(at, leaseMs);
      // A ticket whose oldest pending entry has been seen: its later entries wait, due or not.
      const behind = new Set<string>();
      const taken: OutboxEntry[] = [];
      for (const entry of entries.values()) {
        if (taken.length >= limit) break;
        if (entry.state !== "pending" || behind.has(entry.sys_id)) continue;
        behind.add(entry.sys_id);
        if (!isDue(entry, at.getTime())) continue;
        const leased: OutboxEntry = { ...entry, attempts: entry.attempts + 1, lease_until };
        entries.set(entry.key, leased);
        taken.push(copy(leased));
      }
      return taken;
    },
    markSent: async (key) => update(key, { state: "sent", sent_at: now().toISOString(), lease_until: null }),
    markFailed: async (key, error, nextAttemptAt) =>
      update(key, { lease_until: null, last_error: error, next_attempt_at: canonicalIso(nextAttemptAt) }),
    get: async (key) => {
      const entry = entries.get(key);
      return entry === undefined ? undefined : copy(entry);
    },
    list: async (filter) =>
      [...entries.values()]
        .filter((entry) => filter?.state === undefined || entry.state === filter.state)
        .filter((entry) => filter?.sysId === undefined || entry.sys_id === filter.sysId)
        .map(copy),
  };
}
