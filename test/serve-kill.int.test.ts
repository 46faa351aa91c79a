/**
 * A `serve` SIGKILLed mid-pass loses nothing and doubles nothing: the passes after it finish every
 * ticket, and each ticket ends with one claim note and one outcome note, its run finished once.
 *
 * The kill comes at an event, never after a timer: the worker reaches the emulator through a tap
 * that, once the emulator has applied the chosen request, SIGKILLs the worker and drops the answer.
 * So the instance has the write and the worker never learned of it, the worst moment to die:
 *   - at the 8th claim (the PATCH that assigns a ticket): tickets claimed but never run, runs in
 *     flight, tickets never touched, and no note written yet (notes go out with the pass's writes);
 *   - at the 5th outcome PATCH of the pass's final drain: that ticket's write went through while
 *     its outbox entry is still leased as unsent, so the next sender must find the marker on the
 *     ticket instead of writing again.
 *
 * Store: Postgres when DATABASE_URL answers, else SQLite in a fresh data directory (the file's own
 * choice: both stores must survive a kill; the title says which ran). The outbox lease is 1 s, the
 * shortest allowed, so an entry the dead worker leased is due again for the next bounded pass.
 * Tickets are copies of glue-s3-access-denied (escalate): no remediation, so a second run would only
 * show as a second outcome note or a second finished-run line, which is what is counted.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CliExit } from "./support/cli-process.js";
import {
  displayed,
  EXPERT_GROUP,
  isClaimPatch,
  isPatchWith,
  passCounts,
  passUntil,
  postgresSkip,
  runLines,
  startServeWorld,
  type Exchange,
  type ServeWorld,
  type StoreKind,
} from "./support/serve-world.js";

const TICKETS = 20;
const store: StoreKind = postgresSkip === undefined ? "postgres" : "sqlite";

let world: ServeWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A world of TICKETS tickets and a `serve --once` SIGKILLed once the emulator applied the `nth` match. */
async function killedAt(
  matches: (exchange: Exchange) => boolean,
  nth: number,
): Promise<{ world: ServeWorld; killed: CliExit; at: Exchange }> {
  const opened = await startServeWorld({ example: "glue-s3-access-denied", tickets: TICKETS, store });
  world = opened;
  const [tap] = opened.taps;
  if (!tap) throw new Error("one tap");
  const victim = opened.serve(["--once"]);
  let seen = 0;
  let at: Exchange | undefined;
  tap.gate = (exchange) => {
    if (at !== undefined || !matches(exchange) || ++seen < nth) return "answer";
    at = exchange;
    victim.kill();
    return "drop";
  };
  const killed = await victim.exited;
  tap.gate = undefined;
  if (!at) throw new Error(`serve ended without the ${nth}th match:\n${killed.stderr}`);
  return { world: opened, killed, at };
}

/** Later passes, bounded, until every ticket has its outcome and the outbox holds nothing unsent. */
async function finish(target: ServeWorld): Promise<CliExit[]> {
  const runs = await target.openStore();
  const { exits, done } = await passUntil(
    target,
    async () => {
      const notes = await target.notes();
      const unsent = await runs.outbox.list({ state: "pending" });
      return unsent.length === 0 && target.tickets.every((ticket) => (notes.get(ticket.sysId)?.done ?? 0) >= 1);
    },
    4,
  );
  expect(done, exits.map((exit) => exit.stderr).join("\n")).toBe(true);
  return exits;
}

/** Every ticket: one claim note, one outcome note, no failure note, escalated; each run finished once. */
async function expectEachTicketOnce(target: ServeWorld, exits: readonly CliExit[]): Promise<void> {
  const notes = await target.notes();
  const incidents = await target.incidents();
  const wrong = target.tickets
    .map((ticket) => {
      const counts = notes.get(ticket.sysId);
      const record = incidents.get(ticket.sysId);
      return {
        number: ticket.number,
        claim: counts?.claim,
        done: counts?.done,
        failed: counts?.failed,
        group: displayed(record, "assignment_group"),
        state: displayed(record, "state"),
        // A run is logged when it finishes; a run the kill cut short is continued, not logged twice.
        runs: exits.reduce((sum, exit) => sum + runLines(exit.stderr, ticket), 0),
      };
    })
    .filter(
      (ticket) =>
        ticket.claim !== 1 ||
        ticket.done !== 1 ||
        ticket.failed !== 0 ||
        ticket.group !== EXPERT_GROUP ||
        ticket.state !== "In Progress" ||
        ticket.runs > 1,
    );
  expect(wrong).toEqual([]);
}

describe(`serve SIGKILLed mid-pass, on ${store}`, () => {
  it("killed once the 8th claim is applied: later passes claim nothing twice and run every ticket once", async () => {
    const { world: target, killed, at } = await killedAt(isClaimPatch(), 8);
    expect(killed.signal).toBe("SIGKILL");
    // Killed mid-pass: the pass never reported, and no outcome was written yet.
    expect(passCounts(killed.stderr)).toEqual([]);
    const [tap] = target.taps;
    expect(tap?.exchanges.filter(isPatchWith("done"))).toEqual([]);
    // The ticket whose claim answer was lost is claimed on the instance: later passes must take it as ours.
    const lost = target.tickets.find((ticket) => at.path.endsWith(`/${ticket.sysId}`));
    expect(displayed((await target.incidents()).get(lost?.sysId ?? ""), "state")).toBe("In Progress");

    const later = await finish(target);
    for (const exit of later) expect(exit.code, exit.stderr).toBe(0);
    await expectEachTicketOnce(target, [killed, ...later]);
    // The later passes claimed only what the dead worker had not (8 claims applied, and those it had
    // in flight when it died, which the instance may have applied too): one claim PATCH per ticket.
    const claimedLater = later.flatMap((exit) => passCounts(exit.stderr)).reduce((sum, pass) => sum + pass.claimed, 0);
    expect(claimedLater).toBeLessThanOrEqual(TICKETS - 8);
    expect(tap?.exchanges.filter(isClaimPatch())).toHaveLength(TICKETS);
  }, 90_000);

  it("killed once the 5th outcome PATCH is applied: the next sender finds its note and does not write again", async () => {
    const { world: target, killed, at } = await killedAt(isPatchWith("done"), 5);
    expect(killed.signal).toBe("SIGKILL");
    const lost = target.tickets.find((ticket) => at.path.endsWith(`/${ticket.sysId}`));
    if (!lost) throw new Error(`the 5th outcome PATCH (${at.path}) is not one of the tickets`);
    // Every run had finished (the drain comes after them) and none is run again.
    expect(target.tickets.every((ticket) => runLines(killed.stderr, ticket) === 1)).toBe(true);

    const later = await finish(target);
    for (const exit of later) expect(exit.code, exit.stderr).toBe(0);
    await expectEachTicketOnce(target, [killed, ...later]);
    expect(later.flatMap((exit) => passCounts(exit.stderr)).every((pass) => pass.ran === 0)).toBe(true);

    const [tap] = target.taps;
    const outcomePatches = tap?.exchanges.filter(isPatchWith("done")) ?? [];
    // One outcome PATCH per ticket, the lost one included: its retry looked for the marker instead.
    expect(outcomePatches.filter((exchange) => exchange.path.endsWith(`/${lost.sysId}`))).toHaveLength(1);
    expect(new Set(outcomePatches.map((exchange) => exchange.path)).size).toBe(TICKETS);
    expect(outcomePatches).toHaveLength(TICKETS);
    const markerLookups = tap?.exchanges.filter(
      (exchange) =>
        exchange.path.endsWith("/table/sys_journal_field") &&
        (exchange.query.get("sysparm_query") ?? "").includes(`${lost.threadId}:done]`),
    );
    expect(markerLookups?.length).toBeGreaterThan(0);
  }, 90_000);
});
