/**
 * `serve --webhook 0`: a ServiceNow business rule's push, signed with HMAC-SHA256, gets its ticket
 * claimed, run and written back; a push with a bad signature gets 401 and its ticket is left alone;
 * the same delivery again is a duplicate; SIGTERM stops it with exit 0.
 *
 * Both tickets are created three days ago, outside the intake's 24-hour window, so no poll lists
 * them (every pass line says 0 listed): whatever is done to them, the webhook did. Store: Postgres
 * when DATABASE_URL answers, else SQLite in a fresh data directory (the title says which ran).
 * Tickets are copies of glue-s3-access-denied (escalate).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signBody } from "../src/webhook/signature.js";
import type { CliExit } from "./support/cli-process.js";
import {
  displayed,
  EXPERT_GROUP,
  isPatchWith,
  passCounts,
  postgresSkip,
  startServeWorld,
  type ServeProcess,
  type ServeTicket,
  type ServeWorld,
  type StoreKind,
} from "./support/serve-world.js";

const store: StoreKind = postgresSkip === undefined ? "postgres" : "sqlite";
const SECRET = randomBytes(24).toString("hex");

interface Delivery {
  status: number;
  body: unknown;
}

describe(`serve --webhook, on ${store}`, () => {
  let world: ServeWorld;
  let serve: ServeProcess;
  let endpoint: string;
  let pushed: ServeTicket;
  let refused: ServeTicket;
  const deliveries: Record<"forged" | "first" | "again", Delivery> = {
    forged: { status: 0, body: undefined },
    first: { status: 0, body: undefined },
    again: { status: 0, body: undefined },
  };
  let exit: CliExit;

  const deliver = async (ticket: ServeTicket, secret: string): Promise<Delivery> => {
    const body = Buffer.from(JSON.stringify(ticket.incident), "utf8");
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Signature-256": signBody(body, secret) },
      body,
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    world = await startServeWorld({ example: "glue-s3-access-denied", tickets: 0, unlistedTickets: 2, store });
    const [first, second] = world.unlisted;
    const [tap] = world.taps;
    if (!first || !second || !tap) throw new Error("two unlisted tickets and a tap");
    pushed = first;
    refused = second;
    serve = world.serve(["--webhook", "0"], { env: { INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET: SECRET } });
    endpoint = (await serve.waitForStderr(/^serve: webhook on (http:\/\/\S+\/servicenow\/incidents)$/m))[1] ?? "";

    // Signed with another secret of the same length: only the signature is wrong.
    deliveries.forged = await deliver(refused, randomBytes(24).toString("hex"));
    deliveries.first = await deliver(pushed, SECRET);
    // Its outcome PATCH applied on the instance: the run finished and its write was sent.
    await Promise.race([
      tap.waitFor(isPatchWith("done", pushed.sysId)),
      serve.exited.then((early) => {
        throw new Error(`serve exited before writing the pushed ticket back:\n${early.stderr}`);
      }),
    ]);
    deliveries.again = await deliver(pushed, SECRET);

    serve.signal("SIGTERM");
    exit = await serve.exited;
  }, 90_000);

  afterAll(async () => {
    await world?.close();
  });

  it("a signed push is accepted (202) on the ticket's thread", () => {
    expect(deliveries.first).toEqual({ status: 202, body: { status: "accepted", thread_id: pushed.threadId } });
  });

  it("the pushed ticket is claimed, run and written back once: escalated to the experts", async () => {
    const notes = await world.notes();
    expect(notes.get(pushed.sysId)).toMatchObject({ claim: 1, done: 1, failed: 0 });
    const record = (await world.incidents()).get(pushed.sysId);
    expect(displayed(record, "assignment_group")).toBe(EXPERT_GROUP);
    expect(displayed(record, "state")).toBe("In Progress");
    expect(displayed(record, "assigned_to")).toBe("");
  });

  it("no poll listed either ticket: the webhook did the work", () => {
    const passes = passCounts(exit.stderr);
    expect(passes.length).toBeGreaterThan(0);
    expect(passes.every((pass) => pass.listed === 0)).toBe(true);
  });

  it("the same delivery again is a duplicate (200)", () => {
    expect(deliveries.again).toEqual({ status: 200, body: { status: "duplicate", thread_id: pushed.threadId } });
  });

  it("a push with a bad signature gets 401 and its ticket is never read or written", async () => {
    expect(deliveries.forged).toEqual({ status: 401, body: { error: "invalid signature" } });
    // serve has stopped, and a stop waits for every accepted push: nothing more can come.
    const touched = world.taps[0]?.exchanges.filter(
      (exchange) =>
        exchange.path.includes(refused.sysId) || (exchange.query.get("sysparm_query") ?? "").includes(refused.sysId),
    );
    expect(touched).toEqual([]);
    expect((await world.notes()).get(refused.sysId)?.notes).toEqual([]);
    expect(displayed((await world.incidents()).get(refused.sysId), "state")).toBe("New");
  });

  it("SIGTERM: exit 0 with `serve: stopped`", () => {
    expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
    expect(exit.stderr).toMatch(/^serve: SIGTERM: starting no new ticket/m);
    expect(exit.stderr.trimEnd().split("\n").at(-1)).toBe("serve: stopped");
  });
});
