/**
 * The starts one MCP server process has made, per (tool, resource), for its budget. A call reserves
 * a start before it reaches AWS (so concurrent calls cannot all slip under the limit) and settles
 * it afterwards: only a real start counts. A call that failed started nothing; one answered `reused`
 * (a run with its idempotency key already existed) started nothing new, and from then on that key
 * is known: a repeat of a counted key returns the same run, so it is not held to the budget.
 */
import type { MutatingToolName } from "../tools/catalog.js";

export type StartOutcome = "started" | "reused" | "failed";

export interface StartUsage {
  /** Starts counted, including reserved ones still in flight. */
  starts: number;
  /** The key was counted (or reused) before. */
  repeat: boolean;
}

export interface StartReservation {
  settle(outcome: StartOutcome): void;
}

interface ResourceStarts {
  started: number;
  inFlight: number;
  keys: Set<string>;
}

export class StartCounter {
  private readonly byResource = new Map<string, ResourceStarts>();

  usage(tool: MutatingToolName, resourceId: string, key: string): StartUsage {
    const entry = this.byResource.get(slot(tool, resourceId));
    if (!entry) return { starts: 0, repeat: false };
    return { starts: entry.started + entry.inFlight, repeat: entry.keys.has(key) };
  }

  /** Call in the same synchronous step as the decision that permitted it. */
  reserve(tool: MutatingToolName, resourceId: string, key: string): StartReservation {
    const name = slot(tool, resourceId);
    const entry = this.byResource.get(name) ?? { started: 0, inFlight: 0, keys: new Set<string>() };
    this.byResource.set(name, entry);
    entry.inFlight += 1;
    let settled = false;
    return {
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        entry.inFlight -= 1;
        if (outcome === "failed") return;
        // A repeat of a known key that nevertheless started a run still counts: it is a real start.
        if (outcome === "started") entry.started += 1;
        entry.keys.add(key);
      },
    };
  }
}

function slot(tool: MutatingToolName, resourceId: string): string {
  return JSON.stringify([tool, resourceId]);
}
