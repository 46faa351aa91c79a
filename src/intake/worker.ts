/**
 * One `serve` worker's pass over the ServiceNow queue:
 *   1. send what the outbox holds (writes a previous pass could not send);
 *   2. answer paused reviews from the ticket (src/ticketing/ticket-review.ts);
 *   3. take new tickets: list by the configured query, claim each (compare-before-write), run it
 *      on its own thread (from the sys_id) with bounded concurrency, store its RCA document and
 *      queue its writes;
 *   4. send the writes just queued.
 * Several workers may run passes over one queue at once: the claim, the thread lock, the thread
 * from the sys_id and the outbox's leases keep each ticket run, and each write made, once.
 */
import pLimit from "p-limit";
import { UserInputError } from "../errors.js";
import { ThreadBusyError, type Orchestrator } from "../orchestrator.js";
import type { RcaStore } from "../rca/store.js";
import { dryRunThreadIdFor, threadIdFor } from "../runs/thread-id.js";
import { relativeDate, tableQuery } from "../servicenow/query.js";
import type { TableRecord, TicketSystemClient } from "../servicenow/ticket-system.js";
import type { RunStore } from "../store/types.js";
import { claimTicket, type ClaimResult } from "../ticketing/claim.js";
import type { ServeConfig } from "../ticketing/config.js";
import type { Directory } from "../ticketing/directory.js";
import type { FollowUpCheck } from "../ticketing/follow-up.js";
import { drainOutbox, type DrainReport } from "../ticketing/outbox-drain.js";
import { TICKET_FIELDS, ticketFromRecord, type Ticket } from "../ticketing/ticket.js";
import { claimWrites, failedRunWrites, outcomeKey } from "../ticketing/write-plan.js";
import type { WebhookAcceptance } from "../webhook/types.js";
import { answerPausedReviews } from "./review-pass.js";
import { queueThreadWrites, type ThreadWritesContext } from "./thread-writes.js";

export interface IntakeWorkerOptions {
  readonly client: TicketSystemClient;
  readonly store: RunStore;
  readonly config: ServeConfig;
  readonly directory: Directory;
  /**
   * The orchestrator for a ticket. One for all in production; the demo gives each example ticket
   * its own AWS world. Every one must share `store`.
   */
  readonly orchestratorFor: (sysId: string) => Orchestrator | Promise<Orchestrator>;
  readonly followUp: FollowUpCheck;
  readonly rca?: RcaStore | undefined;
  readonly now?: () => Date;
  /** For the outbox's backoff jitter. */
  readonly random?: () => number;
  readonly log?: (line: string) => void;
}

export interface PassReport {
  listed: number;
  claimed: number;
  ran: number;
  /** Tickets left alone: someone else's, busy on another worker, or done before. */
  skipped: number;
  resumed: number;
  failed: number;
  writes: DrainReport;
}

export interface IntakeWorker {
  /** One pass. When `signal` aborts, no new ticket is started; runs in flight finish. */
  pass(signal?: AbortSignal): Promise<PassReport>;
  /**
   * A ticket pushed by the webhook: re-read from the instance (the push only names it, so a body
   * cannot make us act on fields the ticket does not have), claimed and run in the background
   * under the same concurrency limit as passes. `duplicate` when its thread exists or it is in flight.
   */
  submit(sysId: string): Promise<WebhookAcceptance>;
  /** Waits for the submitted tickets in flight (serve's graceful stop). */
  settle(): Promise<void>;
}

export function createIntakeWorker(options: IntakeWorkerOptions): IntakeWorker {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const { client, store, config, directory } = options;
  const writes: ThreadWritesContext = { config, directory, outbox: store.outbox, rca: options.rca, now, log };
  // One limit for passes and pushed tickets: together they never run more than `concurrency`.
  const limit = pLimit(config.intake.concurrency);
  const inFlight = new Set<string>();
  const background = new Set<Promise<void>>();
  const drain = () =>
    drainOutbox({ client, outbox: store.outbox, config, directory, followUp: options.followUp, now, random });

  async function listTickets(): Promise<Ticket[]> {
    const query = tableQuery("incident")
      .where("assignment_group.name", "=", config.intake.assignment_group)
      .where("state", "IN", config.intake.states)
      .where("sys_created_on", ">=", relativeDate.hoursAgoStart(config.intake.created_within_hours))
      .orderBy("sys_created_on")
      .build();
    const { records } = await client.list("incident", {
      query,
      fields: TICKET_FIELDS,
      displayValue: "all",
      maxRows: config.intake.max_per_pass,
    });
    return records.map(ticketFromRecord);
  }

  /** What happened to one ticket of the list. */
  async function work(ticket: Ticket, report: PassReport): Promise<void> {
    const orchestrator = await options.orchestratorFor(ticket.sys_id);
    const threadId = threadFor(orchestrator, ticket.sys_id);
    const known = await store.threads.get(threadId);
    if (known && known.status !== "running") {
      // Run before (by us or another worker): never claimed or run again. Its writes are queued
      // again only when a worker died between its run and the queueing: a finished thread whose
      // outcome is in the outbox has nothing to add (a handed-over ticket stays in the queue's list).
      const queued = known.status === "done" && (await store.outbox.get(outcomeKey(threadId))) !== undefined;
      if (known.status !== "failed" && !queued) {
        const outcome = await orchestrator.inspect(threadId);
        if (outcome) await queueThreadWrites(writes, orchestrator, outcome);
      }
      report.skipped += 1;
      return;
    }
    let claim: ClaimResult;
    try {
      claim = await claimTicket(client, ticket, directory);
    } catch (error) {
      // The instance did not take the claim (down, 429 beyond the retries): the next pass tries again.
      log(`${ticket.number}: not claimed: ${error instanceof Error ? error.message : String(error)}`);
      report.skipped += 1;
      return;
    }
    if (claim.outcome === "skipped") {
      log(`${ticket.number}: skipped, ${claim.why}`);
      report.skipped += 1;
      return;
    }
    if (claim.outcome === "claimed") report.claimed += 1;
    await store.outbox.enqueue(claimWrites({ config, directory, threadId, sysId: ticket.sys_id }));
    try {
      const outcome = await orchestrator.run(ticket.incident, { threadId });
      if (outcome.status === "completed" && outcome.already_done) {
        report.skipped += 1;
        return;
      }
      report.ran += 1;
      await queueThreadWrites(writes, orchestrator, outcome);
      log(`${ticket.number}: ${outcome.status === "paused" ? "paused for review" : outcome.result.decision.decision}`);
    } catch (error) {
      if (error instanceof ThreadBusyError) {
        report.skipped += 1;
        return;
      }
      report.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      log(`${ticket.number}: run failed: ${message}`);
      await store.outbox.enqueue(failedRunWrites({ config, directory, threadId, sysId: ticket.sys_id }, message));
      // An incident the orchestrator refuses (a ticket without a short description) has no thread
      // of its own to say so: the index records it, so later passes leave the ticket to people.
      if (error instanceof UserInputError) {
        await store.threads.upsert({
          thread_id: threadId,
          sys_id: ticket.sys_id,
          status: "failed",
          summary: `${ticket.number}: failed: ${message}`.slice(0, 300),
          updated_at: now().toISOString(),
        });
      }
    }
  }

  return {
    async pass(signal) {
      const report = emptyReport();
      const add = (drained: DrainReport) => {
        report.writes.sent += drained.sent;
        report.writes.failed += drained.failed;
        report.writes.waiting += drained.waiting;
      };
      add(await drain());
      report.resumed = await answerPausedReviews({
        ...writes,
        client,
        store,
        orchestratorFor: options.orchestratorFor,
        signal,
      });
      const tickets = signal?.aborted ? [] : await listTickets();
      report.listed = tickets.length;
      await Promise.all(
        tickets.map((ticket) =>
          limit(async () => {
            if (signal?.aborted) return;
            await work(ticket, report);
          }),
        ),
      );
      add(await drain());
      return report;
    },

    async submit(sysId) {
      const orchestrator = await options.orchestratorFor(sysId);
      const threadId = threadFor(orchestrator, sysId);
      if (inFlight.has(sysId) || (await store.threads.get(threadId)))
        return { status: "duplicate", thread_id: threadId };
      inFlight.add(sysId);
      const report = emptyReport();
      const run = limit(async () => {
        const record = await client.get("incident", sysId, { fields: TICKET_FIELDS, displayValue: "all" });
        if (!record) return log(`pushed ticket ${sysId}: not on the instance`);
        const ticket = ticketFromRecord(record);
        const group = shownGroup(record);
        if (group !== config.intake.assignment_group) {
          return log(
            `${ticket.number}: pushed, but assigned to "${group}", not ${config.intake.assignment_group}: left alone`,
          );
        }
        await work(ticket, report);
        await drain();
      })
        .catch((error: unknown) =>
          log(`pushed ticket ${sysId}: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          inFlight.delete(sysId);
          background.delete(run);
        });
      background.add(run);
      return { status: "accepted", thread_id: threadId };
    },

    async settle() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}

const threadFor = (orchestrator: Orchestrator, sysId: string) =>
  (orchestrator.config.remediation.dry_run ? dryRunThreadIdFor : threadIdFor)(sysId);

function shownGroup(record: TableRecord): string {
  const value = record.assignment_group;
  return typeof value === "string" ? value : (value?.display_value ?? "");
}

function emptyReport(): PassReport {
  return {
    listed: 0,
    claimed: 0,
    ran: 0,
    skipped: 0,
    resumed: 0,
    failed: 0,
    writes: { sent: 0, failed: 0, waiting: 0 },
  };
}
