/**
 * A ServiceNow queue for `incident-orchestrator serve` run as real processes: the emulator seeded in
 * the test process with copies of one example's incident, a config file naming it, the store
 * environment (a fresh Postgres schema, or SQLite in a fresh data directory) and helpers to start
 * `serve` and read the tickets and their work notes back over the Table API.
 *
 * Every `serve` reaches the emulator through a tap of its own: a loopback proxy that records each
 * exchange after the emulator answered it and, when a test sets a gate, holds or drops the answer.
 * That is how the tests act at an event (the Nth claim PATCH applied, both workers' lists sent)
 * instead of after a timer, and tell the requests of two processes apart (both are the same user).
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { exampleServiceNowSeed, EXAMPLE_AGENT_USER } from "../../src/examples/servicenow-world.js";
import { threadIdFor } from "../../src/runs/thread-id.js";
import { startServiceNowEmulator, type ServiceNowEmulator } from "../../src/sandbox/servicenow/server.js";
import { createServiceNowClient } from "../../src/servicenow/client.js";
import { ServiceNowConfigSchema } from "../../src/servicenow/config.js";
import { tableQuery } from "../../src/servicenow/query.js";
import { fieldValue, type TableRecord, type TicketSystemClient } from "../../src/servicenow/ticket-system.js";
import { parseIncident } from "../../src/state/parse-incident.js";
import type { Incident } from "../../src/state/incident.js";
import { openRunStoreFromEnv } from "../../src/store/from-env.js";
import type { RunStore } from "../../src/store/types.js";
import { markerFor } from "../../src/ticketing/marker.js";
import type { ServeConfigInput } from "../../src/ticketing/config.js";
import { startCli, type CliExit, type CliProcess } from "./cli-process.js";
import { postgresUnavailable } from "./store/postgres-available.js";

/** The password exampleServiceNowSeed gives its users. */
export const EMULATOR_PASSWORD = "emulator-only-password";
export const ON_CALL_GROUP = "Data Platform On-Call";
export const EXPERT_GROUP = "Data Platform Experts";

const databaseUrl = process.env.DATABASE_URL ?? "";

/** Why Postgres cannot be used here (DATABASE_URL unset or not answering), or undefined. */
export const postgresSkip: string | undefined = await postgresUnavailable(databaseUrl);

export type StoreKind = "postgres" | "sqlite";

// ---------------------------------------------------------------------------------------------
// The tap: a proxy in front of the emulator that sees every exchange.

/** One request a `serve` made, with the emulator's answer. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly requestBody: string;
  readonly status: number;
  readonly responseBody: string;
}

/**
 * What happens to an exchange's answer: "answer" sends it on; "drop" closes the connection without
 * it (the instance applied the request, the caller never learns). A promise holds the answer until
 * it settles.
 */
export type Gate = (exchange: Exchange) => "answer" | "drop" | Promise<"answer" | "drop">;

export interface RequestTap {
  readonly url: string;
  readonly exchanges: readonly Exchange[];
  /** Consulted for each exchange once the emulator answered it; none: every answer goes on at once. */
  gate: Gate | undefined;
  /** The first exchange (recorded so far or to come) that `matches`. */
  waitFor(matches: (exchange: Exchange) => boolean): Promise<Exchange>;
  close(): Promise<void>;
}

// Hop-by-hop and framing headers are the proxy's own to set.
const NOT_FORWARDED = new Set(["connection", "content-length", "transfer-encoding", "keep-alive", "host"]);

export async function startRequestTap(target: string): Promise<RequestTap> {
  const exchanges: Exchange[] = [];
  const waiters: { matches: (exchange: Exchange) => boolean; resolve: (exchange: Exchange) => void }[] = [];
  let gate: Gate | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const requestBody = Buffer.concat(chunks).toString("utf8");
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && !NOT_FORWARDED.has(name)) headers.set(name, value);
    }
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", target);
    const answer = await fetch(url, { method, headers, ...(method === "GET" ? {} : { body: requestBody }) });
    const responseBody = await answer.text();
    const exchange: Exchange = {
      method,
      path: url.pathname,
      query: url.searchParams,
      requestBody,
      status: answer.status,
      responseBody,
    };
    exchanges.push(exchange);
    for (const waiter of waiters.splice(0)) {
      if (waiter.matches(exchange)) waiter.resolve(exchange);
      else waiters.push(waiter);
    }
    if ((gate ? await gate(exchange) : "answer") === "drop") {
      res.socket?.destroy();
      return;
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      // fetch has decoded the body already, so its encoding no longer applies.
      if (!NOT_FORWARDED.has(name) && name !== "content-encoding") out[name] = value;
    });
    res.writeHead(answer.status, out);
    res.end(responseBody);
  }

  const server = createServer((req, res) => {
    // The caller may be a process the test SIGKILLed: its socket is gone, which is no error here.
    res.on("error", () => {});
    void handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    get gate() {
      return gate;
    },
    set gate(next) {
      gate = next;
    },
    waitFor: (matches) => {
      const seen = exchanges.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ matches, resolve }));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The intake's list of the queue (its query names the assignment group). */
export const isIntakeList = (exchange: Exchange): boolean =>
  exchange.method === "GET" &&
  exchange.path.endsWith("/table/incident") &&
  (exchange.query.get("sysparm_query") ?? "").includes("assignment_group.name=");

/** The claim's compare-before-write read of a ticket's sys_mod_count. */
export const isModCountRead =
  (sysId: string) =>
  (exchange: Exchange): boolean =>
    exchange.method === "GET" &&
    exchange.path.endsWith(`/table/incident/${sysId}`) &&
    exchange.query.get("sysparm_fields") === "sys_mod_count";

/**
 * The claim itself: a PATCH the emulator applied that assigns the ticket, with no note of ours in
 * it (the claim's note goes through the outbox, and comes with the pass's writes).
 */
export const isClaimPatch =
  (sysId?: string) =>
  (exchange: Exchange): boolean =>
    exchange.method === "PATCH" &&
    exchange.status === 200 &&
    (sysId === undefined || exchange.path.endsWith(`/${sysId}`)) &&
    exchange.requestBody.includes('"assigned_to"') &&
    !exchange.requestBody.includes("incident-orchestrator ref:");

/**
 * A PATCH the emulator applied whose work note ends with a claim or outcome marker (of `sysId`'s
 * ticket, when given). JSON escapes nothing in a marker, so the raw body shows it as written.
 */
export const isPatchWith =
  (suffix: "claim" | "done", sysId?: string) =>
  (exchange: Exchange): boolean =>
    exchange.method === "PATCH" &&
    exchange.status === 200 &&
    (sysId === undefined || exchange.path.endsWith(`/${sysId}`)) &&
    exchange.requestBody.includes(`:${suffix}]`);

// ---------------------------------------------------------------------------------------------
// The world.

export interface ServeTicket {
  readonly sysId: string;
  readonly number: string;
  readonly threadId: string;
  readonly incident: Incident;
}

export interface ServeWorldOptions {
  /** The example whose incident every ticket copies (examples/incidents/<name>.json). */
  readonly example: string;
  /** Tickets the intake lists: created 10 minutes ago. */
  readonly tickets: number;
  /**
   * Tickets created three days ago, outside the intake's 24-hour window: no pass lists them, so only
   * a webhook push gets them worked.
   */
  readonly unlistedTickets?: number;
  readonly store: StoreKind;
  /** Taps in front of the emulator: one per `serve` that must be told apart. */
  readonly taps?: number;
  /** Merged over the `serve` section's intake and outbox defaults below. */
  readonly intake?: ServeConfigInput["intake"];
  readonly outbox?: ServeConfigInput["outbox"];
}

export interface ServeProcess extends CliProcess {
  /** Its stderr so far. */
  stderr(): string;
  /** The first match of `pattern` in its stderr; rejects when it exits without one. */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  signal(signal: NodeJS.Signals): void;
}

export interface NoteCounts {
  readonly claim: number;
  readonly done: number;
  readonly failed: number;
  /** Every work note on the ticket. */
  readonly notes: readonly string[];
}

export interface ServeWorld {
  readonly emulator: ServiceNowEmulator;
  readonly taps: readonly RequestTap[];
  readonly tickets: readonly ServeTicket[];
  readonly unlisted: readonly ServeTicket[];
  /** The config file whose `serve` section reaches the emulator through tap `i`. */
  configPath(tap?: number): string;
  /** The environment every `serve` of this world gets (store, ServiceNow credentials). */
  readonly env: Readonly<Record<string, string>>;
  /** `incident-orchestrator serve -c <config of tap> --in-process -s <scenario> ...args`. */
  serve(args?: readonly string[], options?: { tap?: number; env?: Record<string, string> }): ServeProcess;
  /** Reads the instance directly (not through a tap, so reads are not exchanges). */
  readonly client: TicketSystemClient;
  /** Every work note by ticket sys_id, counted by marker. */
  notes(): Promise<Map<string, NoteCounts>>;
  /** Every incident by sys_id, display values and values. */
  incidents(): Promise<Map<string, TableRecord>>;
  /** Opens the run store `serve` uses (to look inside); closed with the world. */
  openStore(): Promise<RunStore>;
  close(): Promise<void>;
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** `count` copies of an incident, each its own ticket: a distinct sys_id and number. */
export function copiesOf(incident: Incident, count: number, salt: string, firstNumber: number): ServeTicket[] {
  return Array.from({ length: count }, (_, index) => {
    const sysId = sha256(`${salt}:${index}`).slice(0, 32);
    const number = `INC${String(firstNumber + index).padStart(7, "0")}`;
    return { sysId, number, threadId: threadIdFor(sysId), incident: { ...incident, sys_id: sysId, number } };
  });
}

export const displayed = (record: TableRecord | undefined, field: string): string => {
  const value = record?.[field];
  return typeof value === "string" ? value : (value?.display_value ?? "");
};

export interface PassCounts {
  readonly listed: number;
  readonly claimed: number;
  readonly ran: number;
  readonly skipped: number;
  readonly failed: number;
}

/** The counts of every `serve: pass: 100 listed, 37 claimed, 37 run, 0 resumed, 63 skipped, 0 failed; …` line. */
export function passCounts(stderr: string): PassCounts[] {
  const line = /^serve: pass: (\d+) listed, (\d+) claimed, (\d+) run, \d+ resumed, (\d+) skipped, (\d+) failed;/gm;
  return [...stderr.matchAll(line)].map(([, listed, claimed, ran, skipped, failed]) => ({
    listed: Number(listed),
    claimed: Number(claimed),
    ran: Number(ran),
    skipped: Number(skipped),
    failed: Number(failed),
  }));
}

/** How often a worker logged a finished run of `ticket` (`serve: INC8000001: escalate`) in `stderr`. */
export function runLines(stderr: string, ticket: ServeTicket): number {
  const finished = new RegExp(`^serve: ${ticket.number}: (escalate|auto_close|auto_retry|paused for review)$`, "gm");
  return [...stderr.matchAll(finished)].length;
}

export async function startServeWorld(options: ServeWorldOptions): Promise<ServeWorld> {
  if (options.store === "postgres" && postgresSkip) throw new Error(`Postgres: ${postgresSkip}`);
  const dir = mkdtempSync(join(tmpdir(), "io-serve-"));
  const salt = randomBytes(6).toString("hex");
  const source = parseIncident(JSON.parse(readFileSync(`examples/incidents/${options.example}.json`, "utf8")));
  const tickets = copiesOf(source, options.tickets, `${salt}:listed`, 8_000_001);
  const unlisted = copiesOf(source, options.unlistedTickets ?? 0, `${salt}:unlisted`, 9_000_001);

  const now = new Date();
  const seed = exampleServiceNowSeed(
    [...tickets, ...unlisted].map((ticket) => ticket.incident),
    now,
  );
  const threeDaysAgo = new Date(now.getTime() - 72 * 3_600_000).toISOString();
  const seeded = (seed.incidents ?? []).map((entry, index) =>
    index >= tickets.length ? { ...entry, created_on: threeDaysAgo } : entry,
  );
  const emulator = await startServiceNowEmulator({ seed: { ...seed, incidents: seeded } });
  const taps = await Promise.all(Array.from({ length: options.taps ?? 1 }, () => startRequestTap(emulator.url)));

  // examples/config.json as it is, plus a `serve` section: RCA documents go to the temp directory
  // (the default, ./rca, would write into the working tree).
  const base = JSON.parse(readFileSync("examples/config.json", "utf8")) as Record<string, unknown>;
  // Its path is relative to examples/, which the temp file is not beside.
  delete base.$schema;
  const configPaths = taps.map((tap, index) => {
    const serve: ServeConfigInput = {
      servicenow: {
        instance_url: tap.url,
        auth: { kind: "basic" },
        rate_limit: { requests_per_second: 10_000, burst: 10_000, max_concurrency: 8 },
        // A tap may hold an answer for several other passes: a timeout would turn the held write
        // into a failed one, and a retry into a second exchange, neither of which the test meant.
        request_timeout_ms: 120_000,
        retry: { max_retries: 0 },
      },
      intake: {
        assignment_group: ON_CALL_GROUP,
        agent_user: EXAMPLE_AGENT_USER,
        max_per_pass: 1_000,
        concurrency: 4,
        poll_interval_s: 1,
        ...options.intake,
      },
      outbox: { lease_ms: 1_000, ...options.outbox },
      rca: { enabled: true, directory: join(dir, "rca") },
    };
    const path = join(dir, `config-${index}.json`);
    writeFileSync(path, JSON.stringify({ ...base, serve }, null, 2));
    return path;
  });

  const schema = `serve_${salt}`;
  const env: Record<string, string> = {
    ...(options.store === "postgres"
      ? { DATABASE_URL: databaseUrl, INCIDENT_ORCHESTRATOR_DB_SCHEMA: schema }
      : { DATABASE_URL: "" }),
    INCIDENT_ORCHESTRATOR_HOME: join(dir, "home"),
    SERVICENOW_USERNAME: EXAMPLE_AGENT_USER,
    SERVICENOW_PASSWORD: EMULATOR_PASSWORD,
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const client = createServiceNowClient({
    config: ServiceNowConfigSchema.parse({
      instance_url: emulator.url,
      auth: { kind: "basic" },
      rate_limit: { requests_per_second: 10_000, burst: 10_000, max_concurrency: 8 },
      paging: { page_size: 1_000, max_rows: 100_000 },
    }),
    credentials: { kind: "basic", username: EXAMPLE_AGENT_USER, password: EMULATOR_PASSWORD },
  });

  const started: ServeProcess[] = [];
  const stores: RunStore[] = [];
  const scenario = `examples/scenarios/${options.example}.json`;

  const world: ServeWorld = {
    emulator,
    taps,
    tickets,
    unlisted,
    env,
    client,
    configPath: (tap = 0) => configPaths[tap] ?? "",
    serve(args = [], serveOptions = {}) {
      const cli = startCli(
        ["serve", "-c", world.configPath(serveOptions.tap ?? 0), "--in-process", "-s", scenario, ...args],
        { ...env, ...serveOptions.env },
      );
      const proc = serveProcess(cli);
      started.push(proc);
      return proc;
    },
    async notes() {
      const { records } = await client.list("sys_journal_field", {
        query: tableQuery("sys_journal_field").where("element", "=", "work_notes").orderBy("sys_created_on").build(),
      });
      const bySysId = new Map<string, string[]>();
      for (const record of records) {
        const sysId = fieldValue(record, "element_id") ?? "";
        bySysId.set(sysId, [...(bySysId.get(sysId) ?? []), fieldValue(record, "value") ?? ""]);
      }
      const counts = new Map<string, NoteCounts>();
      for (const ticket of [...tickets, ...unlisted]) {
        const notes = bySysId.get(ticket.sysId) ?? [];
        const count = (what: string) =>
          notes.filter((note) => note.includes(markerFor(`${ticket.threadId}:${what}`))).length;
        counts.set(ticket.sysId, { claim: count("claim"), done: count("done"), failed: count("failed"), notes });
      }
      return counts;
    },
    async incidents() {
      const { records } = await client.list("incident", { displayValue: "all" });
      return new Map(records.map((record) => [fieldValue(record, "sys_id") ?? "", record]));
    },
    async openStore() {
      const store = await openRunStoreFromEnv(env);
      stores.push(store);
      return store;
    },
    async close() {
      for (const proc of started) proc.kill();
      await Promise.allSettled(started.map((proc) => proc.exited));
      await Promise.allSettled(stores.map((store) => store.close()));
      await Promise.allSettled(taps.map((tap) => tap.close()));
      await emulator.close();
      if (options.store === "postgres") {
        const admin = new pg.Client({ connectionString: databaseUrl });
        await admin.connect();
        try {
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await admin.end();
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

function serveProcess(cli: CliProcess): ServeProcess {
  let stderr = "";
  const watchers: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  cli.child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
    for (const watcher of watchers.splice(0)) {
      const match = stderr.match(watcher.pattern);
      if (match) watcher.resolve(match);
      else watchers.push(watcher);
    }
  });
  return {
    ...cli,
    stderr: () => stderr,
    waitForStderr: (pattern) => {
      const match = stderr.match(pattern);
      if (match) return Promise.resolve(match);
      return Promise.race([
        new Promise<RegExpMatchArray>((resolve) => watchers.push({ pattern, resolve })),
        cli.exited.then((exit: CliExit): never => {
          throw new Error(
            `serve exited (${exit.code ?? exit.signal}) before stderr matched ${pattern}:\n${exit.stderr}`,
          );
        }),
      ]);
    },
    signal: (signal) => {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal);
    },
  };
}

/**
 * Runs `serve --once` (awaited, one after another) until `done` holds, at most `max` times; each
 * must exit 0. Returns the exits, for their pass lines.
 */
export async function passUntil(
  world: ServeWorld,
  done: () => Promise<boolean>,
  max: number,
): Promise<{ exits: CliExit[]; done: boolean }> {
  const exits: CliExit[] = [];
  while (!(await done())) {
    if (exits.length >= max) return { exits, done: false };
    const exit = await world.serve(["--once"]).exited;
    exits.push(exit);
    if (exit.code !== 0) throw new Error(`serve --once exited ${exit.code ?? exit.signal}:\n${exit.stderr}`);
  }
  return { exits, done: true };
}
