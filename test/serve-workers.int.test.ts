/**
 * Two `serve` processes over one queue of 100 tickets and one Postgres run store, started together:
 * between them every ticket is claimed once, run once and written back once, and both do real work.
 *
 * The tickets are 100 copies of glue-s3-access-denied, an escalate outcome: deterministic however
 * often it runs, and it starts no remediation, so the sandbox's state does not change between runs.
 *
 * The race is made to happen, not hoped for. Each worker reaches the emulator through a tap of its
 * own, and the taps hold:
 *   1. each worker's intake list until both have listed, so both start from the same 100 unclaimed
 *      tickets;
 *   2. the first ticket's sys_mod_count read (the claim's compare-before-write) until both workers
 *      have read it: the window between a claim's read and its write, which two workers polling one
 *      queue hit sooner or later, here on every run;
 *   3. each worker's claim answers until both have had a claim applied, so neither can finish the
 *      queue before the other starts (without it, the worker that starts first could claim all 100
 *      and "both claimed" would depend on process start-up times).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliExit } from "./support/cli-process.js";
import {
  displayed,
  EXPERT_GROUP,
  isIntakeList,
  isClaimPatch,
  isModCountRead,
  isPatchWith,
  passCounts,
  passUntil,
  runLines,
  postgresSkip,
  startServeWorld,
  type Exchange,
  type Gate,
  type NoteCounts,
  type ServeWorld,
} from "./support/serve-world.js";

const TICKETS = 100;
const title = (text: string) => (postgresSkip ? `${text} (skipped: ${postgresSkip})` : text);

describe.skipIf(postgresSkip !== undefined)(title("two serve workers over 100 tickets on Postgres"), () => {
  let world: ServeWorld;
  let racing: CliExit[];
  let extra: CliExit[];
  let notes: Map<string, NoteCounts>;

  beforeAll(async () => {
    world = await startServeWorld({
      example: "glue-s3-access-denied",
      tickets: TICKETS,
      store: "postgres",
      taps: 2,
      intake: { concurrency: 4, max_per_pass: TICKETS },
      // Both workers' drains fit well inside one lease, so no entry's lease lapses while its sender
      // still holds it (what happens then is the next describe's).
      outbox: { lease_ms: 60_000 },
    });
    const [a, b] = world.taps;
    if (!a || !b) throw new Error("two taps");
    const workers = [world.serve(["--once"], { tap: 0 }), world.serve(["--once"], { tap: 1 })];
    // A barrier gives up when either worker exits early, so a broken worker fails the assertions
    // below instead of hanging the other.
    const anyExit = Promise.race(workers.map((worker) => worker.exited));
    const both = (matches: (exchange: Exchange) => boolean): Promise<"answer"> =>
      Promise.race([Promise.all([a.waitFor(matches), b.waitFor(matches)]), anyExit]).then(() => "answer");
    const claimed = isClaimPatch();
    const firstRead = isModCountRead(world.tickets[0]?.sysId ?? "");
    const gate: Gate = (exchange) => {
      if (isIntakeList(exchange)) return both(isIntakeList);
      if (firstRead(exchange)) return both(firstRead);
      if (claimed(exchange)) return both(claimed);
      return "answer";
    };
    a.gate = gate;
    b.gate = gate;
    racing = await Promise.all(workers.map((worker) => worker.exited));
    a.gate = undefined;
    b.gate = undefined;

    // Whatever a worker queued but did not send (none is expected: each drains at the end of its
    // pass) is sent by a later pass; bounded, each pass awaited.
    const store = await world.openStore();
    const outcomesWritten = async () => {
      notes = await world.notes();
      const pending = await store.outbox.list({ state: "pending" });
      return pending.length === 0 && [...notes.values()].every((counts) => counts.done >= 1);
    };
    extra = (await passUntil(world, outcomesWritten, 5)).exits;
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it("both workers exit 0, each made one pass, and both claimed tickets", () => {
    for (const exit of racing) expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
    const passes = racing.map((exit) => passCounts(exit.stderr));
    expect(passes.map((list) => list.length)).toEqual([1, 1]);
    for (const [pass] of passes) {
      expect(pass?.listed).toBe(TICKETS);
      expect(pass?.claimed).toBeGreaterThan(0);
      expect(pass?.failed).toBe(0);
    }
  });

  it("every ticket ran once: one finished run between the two workers", () => {
    const [first, second] = racing.map((exit) => passCounts(exit.stderr)[0]);
    expect((first?.ran ?? 0) + (second?.ran ?? 0)).toBe(TICKETS);
    const runs = world.tickets.map((ticket) => racing.reduce((sum, exit) => sum + runLines(exit.stderr, ticket), 0));
    expect(runs.filter((count) => count !== 1)).toEqual([]);
  });

  it("needs no extra pass: the two passes sent every write", () => {
    expect(extra).toEqual([]);
  });

  it("every ticket: one outcome note and no failure note", () => {
    const wrong = world.tickets
      .map((ticket) => ({
        number: ticket.number,
        done: notes.get(ticket.sysId)?.done,
        failed: notes.get(ticket.sysId)?.failed,
      }))
      .filter((count) => count.done !== 1 || count.failed !== 0);
    expect(wrong).toEqual([]);
  });

  it("every ticket: one claim note, whichever worker's claim went through", () => {
    const wrong = world.tickets
      .map((ticket) => ({ number: ticket.number, claim: notes.get(ticket.sysId)?.claim }))
      .filter((count) => count.claim !== 1);
    expect(wrong).toEqual([]);
    // Both workers' claims of one ticket can pass the compare-before-write (the gate above forces it
    // for the first ticket); both then write the same state and assignee, and the note is one.
    const [first, second] = racing.map((exit) => passCounts(exit.stderr)[0]);
    expect((first?.claimed ?? 0) + (second?.claimed ?? 0)).toBeGreaterThanOrEqual(TICKETS);
  });

  it("every ticket: escalated to the experts, In Progress, unassigned", async () => {
    const incidents = await world.incidents();
    const wrong = world.tickets
      .map((ticket) => incidents.get(ticket.sysId))
      .map((record) => ({
        number: displayed(record, "number"),
        state: displayed(record, "state"),
        group: displayed(record, "assignment_group"),
        assigned: displayed(record, "assigned_to"),
      }))
      .filter((ticket) => ticket.state !== "In Progress" || ticket.group !== EXPERT_GROUP || ticket.assigned !== "");
    expect(wrong).toEqual([]);
  });

  it("every outcome PATCH went to the instance once", () => {
    const outcomePatches = world.taps.flatMap((tap) => tap.exchanges.filter(isPatchWith("done")));
    expect(outcomePatches).toHaveLength(TICKETS);
    expect(new Set(outcomePatches.map((exchange) => exchange.path)).size).toBe(TICKETS);
  });
});

/**
 * The outbox's lease is what keeps two workers from sending one write: a worker stalled past it (a
 * slow instance, a long GC pause) must not send what another worker has taken and sent since.
 * Worker A's drain is stalled at the answer of its first outcome PATCH, held by its tap, while
 * worker B makes passes (each awaited, at most 5) until it has taken over A's lapsed entries and
 * sent one (the lease is 1 s, so B's second pass at the latest finds them due). Then A goes on.
 */
describe.skipIf(postgresSkip !== undefined)(title("a serve worker stalled past its outbox lease"), () => {
  let world: ServeWorld;
  let stalled: CliExit;
  let takeover: CliExit[];

  beforeAll(async () => {
    world = await startServeWorld({
      example: "glue-s3-access-denied",
      tickets: 6,
      store: "postgres",
      taps: 2,
      outbox: { lease_ms: 1_000 },
    });
    const [a, b] = world.taps;
    if (!a || !b) throw new Error("two taps");
    let release: (verdict: "answer") => void = () => {};
    const held = new Promise<"answer">((resolve) => (release = resolve));
    let first = true;
    a.gate = (exchange) => {
      if (!first || !isPatchWith("done")(exchange)) return "answer";
      first = false;
      return held;
    };
    const worker = world.serve(["--once"], { tap: 0 });
    await Promise.race([
      a.waitFor(isPatchWith("done")),
      worker.exited.then((early) => {
        throw new Error(`worker A exited before its first outcome PATCH:\n${early.stderr}`);
      }),
    ]);
    takeover = [];
    while (takeover.length < 5 && !b.exchanges.some(isPatchWith("done"))) {
      takeover.push(await world.serve(["--once"], { tap: 1 }).exited);
    }
    release("answer");
    stalled = await worker.exited;
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it("every process exits 0", () => {
    for (const exit of [stalled, ...takeover]) expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
  });

  it("every ticket: one outcome note, one outcome PATCH", async () => {
    const notes = await world.notes();
    expect(world.tickets.map((ticket) => notes.get(ticket.sysId)?.done)).toEqual(world.tickets.map(() => 1));
    const patches = world.taps.flatMap((tap) => tap.exchanges.filter(isPatchWith("done")));
    expect(patches).toHaveLength(world.tickets.length);
  });
});
