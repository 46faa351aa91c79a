/**
 * `serve` stops gracefully on SIGTERM (no new ticket; what is in flight finishes and is written
 * back; exit 0), and refuses what it cannot do with one line and exit code 2.
 *
 * Store: Postgres when DATABASE_URL answers, else SQLite in a fresh data directory (how `serve`
 * stops does not depend on it; the title says which ran). Tickets are copies of
 * glue-s3-access-denied (escalate). Signals are sent at events `serve` reports on stderr or the
 * emulator sees through the tap, never after a timer.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  displayed,
  EXPERT_GROUP,
  isClaimPatch,
  passCounts,
  postgresSkip,
  startServeWorld,
  type ServeWorld,
  type StoreKind,
} from "./support/serve-world.js";
import { startCli } from "./support/cli-process.js";

const store: StoreKind = postgresSkip === undefined ? "postgres" : "sqlite";

let world: ServeWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** stderr's lines, without the empty one after the last newline. */
const linesOf = (text: string) => text.split("\n").filter((line) => line !== "");

describe(`serve and SIGTERM, on ${store}`, () => {
  it("after its first pass: exits 0 with `serve: stopped`, every ticket of that pass written back", async () => {
    world = await startServeWorld({ example: "glue-s3-access-denied", tickets: 4, store });
    const serve = world.serve();
    await serve.waitForStderr(/^serve: pass: /m);
    serve.signal("SIGTERM");
    const exit = await serve.exited;

    expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
    expect(exit.stderr).toMatch(/^serve: SIGTERM: starting no new ticket; finishing the ones in flight$/m);
    expect(linesOf(exit.stderr).at(-1)).toBe("serve: stopped");
    expect(passCounts(exit.stderr)[0]).toMatchObject({ listed: 4, claimed: 4, ran: 4, failed: 0 });
    const notes = await world.notes();
    const incidents = await world.incidents();
    for (const ticket of world.tickets) {
      expect(notes.get(ticket.sysId), ticket.number).toMatchObject({ claim: 1, done: 1, failed: 0 });
      expect(displayed(incidents.get(ticket.sysId), "assignment_group"), ticket.number).toBe(EXPERT_GROUP);
    }
  }, 60_000);

  it("mid-pass: starts no new ticket, finishes and writes back the ones in flight", async () => {
    const opened = await startServeWorld({
      example: "glue-s3-access-denied",
      tickets: 6,
      store,
      intake: { concurrency: 2 },
    });
    world = opened;
    const [tap] = opened.taps;
    if (!tap) throw new Error("one tap");
    const serve = opened.serve();
    // The first claim's answer waits until serve has taken the signal in (it says so on stderr and
    // stops taking tickets in the same step), so at most the `concurrency` tickets already started
    // can be in flight; the other tickets must stay untouched.
    let signalled = false;
    tap.gate = async (exchange): Promise<"answer"> => {
      if (signalled || !isClaimPatch()(exchange)) return "answer";
      signalled = true;
      serve.signal("SIGTERM");
      await serve.waitForStderr(/^serve: SIGTERM: starting no new ticket/m);
      return "answer";
    };
    const exit = await serve.exited;

    expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
    expect(linesOf(exit.stderr).at(-1)).toBe("serve: stopped");
    const passes = passCounts(exit.stderr);
    expect(passes).toHaveLength(1);
    const claimed = passes[0]?.claimed ?? 0;
    expect(claimed).toBeGreaterThanOrEqual(1);
    expect(claimed).toBeLessThanOrEqual(2);

    const notes = await opened.notes();
    const incidents = await opened.incidents();
    const worked = opened.tickets.filter((ticket) => (notes.get(ticket.sysId)?.claim ?? 0) > 0);
    expect(worked).toHaveLength(claimed);
    for (const ticket of opened.tickets) {
      const record = incidents.get(ticket.sysId);
      if (worked.includes(ticket)) {
        expect(notes.get(ticket.sysId), ticket.number).toMatchObject({ claim: 1, done: 1, failed: 0 });
        expect(displayed(record, "assignment_group"), ticket.number).toBe(EXPERT_GROUP);
      } else {
        expect(notes.get(ticket.sysId)?.notes, ticket.number).toEqual([]);
        expect(displayed(record, "state"), ticket.number).toBe("New");
      }
    }
  }, 60_000);
});

describe("serve refuses with one line and exit code 2", () => {
  it("a config without a `serve` section", async () => {
    // examples/config.json has no `serve` section.
    const exit = await startCli(["serve", "--once", "-c", "examples/config.json"], { DATABASE_URL: "" }).exited;
    expect(exit.code).toBe(2);
    const lines = linesOf(exit.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/`serve`/);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  it("--once with --webhook", async () => {
    world = await startServeWorld({ example: "glue-s3-access-denied", tickets: 0, store: "sqlite" });
    const exit = await world.serve(["--once", "--webhook", "0"]).exited;
    expect(exit.code).toBe(2);
    const lines = linesOf(exit.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--once.*--webhook/);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
    // Refused before it touched the instance.
    expect(world.taps[0]?.exchanges).toEqual([]);
  }, 60_000);
});
