/**
 * `serve`'s loop: a pass, then a wait of the poll interval, until stopped. Stopping (SIGTERM,
 * SIGINT) aborts the signal: no new ticket is started, the pass in flight finishes its runs (each
 * step is checkpointed, so even a run cut short later carries on from where it was) and sends its
 * writes, and the loop returns.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { IntakeWorker, PassReport } from "./worker.js";

export interface ServeLoopOptions {
  readonly intervalMs: number;
  /** One pass, then return. */
  readonly once?: boolean;
  readonly signal: AbortSignal;
  readonly onPass?: (report: PassReport) => void;
  /** A pass that threw (the instance unreachable): reported, and the next pass tries again. */
  readonly onPassError?: (error: unknown) => void;
}

export async function serveLoop(worker: IntakeWorker, options: ServeLoopOptions): Promise<void> {
  while (!options.signal.aborted) {
    try {
      options.onPass?.(await worker.pass(options.signal));
    } catch (error) {
      if (options.once) throw error;
      options.onPassError?.(error);
    }
    if (options.once) return;
    try {
      await delay(options.intervalMs, undefined, { signal: options.signal });
    } catch {
      return; // aborted while waiting
    }
  }
}

/** One line for a pass. */
export function passLine(report: PassReport): string {
  const { writes } = report;
  return (
    `pass: ${report.listed} listed, ${report.claimed} claimed, ${report.ran} run, ${report.resumed} resumed, ` +
    `${report.skipped} skipped, ${report.failed} failed; writes ${writes.sent} sent, ${writes.failed} to retry, ` +
    `${writes.waiting} follow-ups waiting`
  );
}
