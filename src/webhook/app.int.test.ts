import { createHmac } from "node:crypto";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import type { Incident } from "../state/incident.js";
import { createWebhookApp, INCIDENTS_PATH, type WebhookOptions } from "./app.js";
import { DEFAULT_MAX_BODY_BYTES } from "./types.js";
import { startWebhookServer, type WebhookServer } from "./server.js";
import { signBody } from "./signature.js";
import type { WebhookAcceptance } from "./types.js";

const SECRET = "test-webhook-secret-0123456789";
const TOKEN = "test-webhook-token-0123456789";
const SYS_ID = "a".repeat(32);
const INCIDENT = {
  sys_id: SYS_ID,
  number: "INC0010001",
  short_description: "Glue job payments-etl failed",
  description: "Job run jr_123 failed with OutOfMemoryError",
  category: "database",
  priority: "2",
  assignment_group: "Data Lake Ops",
  cmdb_ci: "payments-etl",
  opened_at: "2025-03-10T11:00:00Z",
};

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface Harness {
  url: string;
  accepted: Incident[];
}

/** The app on a real loopback port; `accept` records each incident and answers `answer(incident)`. */
async function start(
  overrides: Partial<WebhookOptions> = {},
  answer: (incident: Incident) => Promise<WebhookAcceptance> = async (incident) => ({
    status: "accepted",
    thread_id: `thread-${incident.sys_id}`,
  }),
  wrap: (app: Hono) => Hono = (app) => app,
): Promise<Harness> {
  const accepted: Incident[] = [];
  const app = createWebhookApp({
    auth: { kind: "hmac", secret: SECRET },
    accept: (incident) => {
      accepted.push(incident);
      return answer(incident);
    },
    ...overrides,
  });
  server = await startWebhookServer(wrap(app), { port: 0 });
  return { url: server.url, accepted };
}

function signedHeaders(body: string, secret = SECRET): Record<string, string> {
  return { "Content-Type": "application/json", "X-Signature-256": `sha256=${signBody(Buffer.from(body), secret)}` };
}

function deliver(
  url: string,
  body: NonNullable<RequestInit["body"]>,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(`${url}${INCIDENTS_PATH}`, { method: "POST", body, headers });
}

async function answerOf(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("webhook intake over HTTP", () => {
  it("answers /healthz", async () => {
    const { url } = await start();
    expect(await answerOf(await fetch(`${url}/healthz`))).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("accepts a signed incident: 202 with the thread, accept called once with the parsed incident", async () => {
    const { url, accepted } = await start();
    const body = JSON.stringify(INCIDENT);
    const answer = await answerOf(await deliver(url, body, signedHeaders(body)));
    expect(answer).toEqual({ status: 202, body: { status: "accepted", thread_id: `thread-${SYS_ID}` } });
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject(INCIDENT);
  });

  it("accepts the signature as ServiceNow's generateMac makes it (base64, here with the sha256= prefix)", async () => {
    const { url, accepted } = await start();
    const body = JSON.stringify(INCIDENT);
    const mac = createHmac("sha256", SECRET).update(body).digest("base64");
    const response = await deliver(url, body, {
      "Content-Type": "application/json",
      "X-Signature-256": `sha256=${mac}`,
    });
    expect(response.status).toBe(202);
    expect(accepted).toHaveLength(1);
  });

  it("refuses a bad signature, a missing one and a tampered body with 401, before parsing anything", async () => {
    const { url, accepted } = await start();
    const body = JSON.stringify(INCIDENT);

    const wrongSecret = await answerOf(await deliver(url, body, signedHeaders(body, `${SECRET}-other`)));
    expect(wrongSecret).toEqual({ status: 401, body: { error: "invalid signature" } });

    const missing = await answerOf(await deliver(url, body, { "Content-Type": "application/json" }));
    expect(missing).toEqual({ status: 401, body: { error: "missing X-Signature-256 header" } });

    const tampered = body.replace("payments-etl", "payments-et1");
    expect((await deliver(url, tampered, signedHeaders(body))).status).toBe(401);

    // Authentication comes first: an unsigned non-JSON body is a 401, not a 400 or 415.
    expect((await deliver(url, "not json", { "Content-Type": "text/plain" })).status).toBe(401);
    expect(accepted).toHaveLength(0);
  });

  it("uses a configured signature header", async () => {
    const { url } = await start({ auth: { kind: "hmac", secret: SECRET, header: "X-ServiceNow-Signature" } });
    const body = JSON.stringify(INCIDENT);
    const signature = signedHeaders(body)["X-Signature-256"] ?? "";
    const ok = await deliver(url, body, { "Content-Type": "application/json", "X-ServiceNow-Signature": signature });
    expect(ok.status).toBe(202);
    expect(await answerOf(await deliver(url, body, signedHeaders(body)))).toEqual({
      status: 401,
      body: { error: "missing X-ServiceNow-Signature header" },
    });
  });

  it("with bearer auth: the right token is accepted, a wrong or missing one is 401", async () => {
    const { url, accepted } = await start({ auth: { kind: "bearer", token: TOKEN } });
    const body = JSON.stringify(INCIDENT);
    const json = { "Content-Type": "application/json" };

    expect((await deliver(url, body, { ...json, Authorization: `Bearer ${TOKEN}` })).status).toBe(202);
    expect(await answerOf(await deliver(url, body, { ...json, Authorization: `Bearer ${TOKEN}x` }))).toEqual({
      status: 401,
      body: { error: "invalid bearer token" },
    });
    expect(await answerOf(await deliver(url, body, json))).toEqual({
      status: 401,
      body: { error: "missing Authorization header" },
    });
    expect(accepted).toHaveLength(1);
  });

  it("refuses a body over the limit with 413, on an honest Content-Length, before authentication", async () => {
    const { url, accepted } = await start();
    const padded = JSON.stringify({ ...INCIDENT, description: "x".repeat(DEFAULT_MAX_BODY_BYTES) });
    const answer = await answerOf(await deliver(url, padded, signedHeaders(padded)));
    expect(answer).toEqual({ status: 413, body: { error: "request body is larger than 262144 bytes" } });
    expect((await deliver(url, padded, { "Content-Type": "application/json" })).status).toBe(413);
    expect(accepted).toHaveLength(0);
  });

  it("counts the bytes of a chunked body, which declares no length", async () => {
    const { url, accepted } = await start({ maxBodyBytes: 1024 });
    const chunk = new TextEncoder().encode("x".repeat(512));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 4) controller.close();
        else {
          sent += 1;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await fetch(`${url}${INCIDENTS_PATH}`, {
      method: "POST",
      body: stream,
      headers: { "Content-Type": "application/json", "X-Signature-256": "sha256=" + "0".repeat(64) },
      duplex: "half",
    } as RequestInit);
    expect(await answerOf(response)).toEqual({
      status: 413,
      body: { error: "request body is larger than 1024 bytes" },
    });
    expect(accepted).toHaveLength(0);
  });

  it("counts the bytes that arrive, not the Content-Length a request claims", async () => {
    // Over a socket Node itself stops at Content-Length; a Request handed to the app in-process need not.
    const accepted: Incident[] = [];
    const app = createWebhookApp({
      auth: { kind: "hmac", secret: SECRET },
      maxBodyBytes: 1024,
      accept: async (incident) => {
        accepted.push(incident);
        return { status: "accepted", thread_id: "t" };
      },
    });
    const big = JSON.stringify({ ...INCIDENT, description: "x".repeat(2048) });
    const response = await app.request(INCIDENTS_PATH, {
      method: "POST",
      body: big,
      headers: { ...signedHeaders(big), "Content-Length": "10" },
    });
    expect(response.status).toBe(413);
    expect(accepted).toHaveLength(0);
  });

  it("answers 415 to a signed body that is not JSON-typed, 400 to one that is not JSON", async () => {
    const { url, accepted } = await start();
    const body = JSON.stringify(INCIDENT);
    const plain = await deliver(url, body, { ...signedHeaders(body), "Content-Type": "text/plain" });
    expect(await answerOf(plain)).toEqual({ status: 415, body: { error: "Content-Type must be application/json" } });

    const broken = '{"sys_id": "abc", "short_description": ';
    expect(await answerOf(await deliver(url, broken, signedHeaders(broken)))).toEqual({
      status: 400,
      body: { error: "request body is not valid JSON" },
    });
    expect(accepted).toHaveLength(0);
  });

  it("answers 400 naming the field when the incident has no short_description", async () => {
    const { url, accepted } = await start();
    const { short_description: _omitted, ...rest } = INCIDENT;
    const body = JSON.stringify(rest);
    const answer = await answerOf(await deliver(url, body, signedHeaders(body)));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/^invalid incident: incident\.short_description: /);
    expect(String(answer.body.error)).not.toContain("\n");
    expect(accepted).toHaveLength(0);
  });

  it("answers 200 duplicate when accept recognises the incident", async () => {
    const { url } = await start({}, async () => ({ status: "duplicate", thread_id: "thread-earlier" }));
    const body = JSON.stringify(INCIDENT);
    expect(await answerOf(await deliver(url, body, signedHeaders(body)))).toEqual({
      status: 200,
      body: { status: "duplicate", thread_id: "thread-earlier" },
    });
  });

  it("calls accept once for two concurrent deliveries of the same incident", async () => {
    const release = deferred<WebhookAcceptance>();
    const firstEntered = deferred<void>();
    const secondArrived = deferred<void>();
    let arrivals = 0;
    // Marks the moment the second delivery's body is in memory: from there to the in-flight check
    // the app runs no I/O, only promise steps, which one turn of the event loop (setImmediate) drains.
    const observe = (app: Hono): Hono => {
      const outer = new Hono();
      outer.use(INCIDENTS_PATH, async (c, next) => {
        arrivals += 1;
        const arrival = arrivals;
        const bytes = new Uint8Array(await c.req.raw.arrayBuffer());
        c.req.raw = new Request(c.req.raw.url, { method: "POST", headers: c.req.raw.headers, body: bytes });
        if (arrival === 2) secondArrived.resolve();
        await next();
      });
      outer.route("/", app);
      return outer;
    };
    const { url, accepted } = await start(
      {},
      () => {
        firstEntered.resolve();
        return release.promise;
      },
      observe,
    );
    const body = JSON.stringify(INCIDENT);

    const first = deliver(url, body, signedHeaders(body));
    await firstEntered.promise;
    const second = deliver(url, body, signedHeaders(body));
    await secondArrived.promise;
    await new Promise<void>((resolve) => setImmediate(resolve));
    release.resolve({ status: "accepted", thread_id: "thread-1" });

    const answers = await Promise.all([first.then(answerOf), second.then(answerOf)]);
    expect(answers).toEqual([
      { status: 202, body: { status: "accepted", thread_id: "thread-1" } },
      { status: 200, body: { status: "duplicate", thread_id: "thread-1" } },
    ]);
    expect(accepted).toHaveLength(1);
  });

  it("answers 500 internal error, with no stack or message, when accept throws", async () => {
    const seen: unknown[] = [];
    const { url } = await start({ onInternalError: (error) => seen.push(error) }, async () => {
      throw new Error("checkpointer unreachable at postgres://orchestrator:hunter2@db/runs");
    });
    const body = JSON.stringify(INCIDENT);
    const response = await deliver(url, body, signedHeaders(body));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: "internal error" });
    expect(text).not.toMatch(/hunter2|checkpointer|at |Error/);
    expect(seen).toHaveLength(1);
  });

  it("answers 404 in JSON elsewhere", async () => {
    const { url } = await start();
    expect(await answerOf(await fetch(`${url}/elsewhere`))).toEqual({ status: 404, body: { error: "not found" } });
  });
});
