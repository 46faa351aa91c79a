/**
 * The webhook intake: a ServiceNow business rule POSTs an incident here (docs/servicenow.md#webhook-intake).
 * Each delivery goes through, in this order: the size limit, authentication on the raw bytes (before
 * any parsing, so an unauthenticated sender reaches no parser), the content type, JSON, the incident
 * schema, and then `accept`, which starts the run and does not wait for it.
 *
 * Every answer is JSON; an error is one line in `error` and never a stack trace.
 */
import { Hono, type Context } from "hono";
import { UserInputError, parseOrThrow } from "../errors.js";
import { parseIncident } from "../state/parse-incident.js";
import type { Incident } from "../state/incident.js";
import { readBoundedBody } from "./body.js";
import { verifyBearer, verifyHmacSignature } from "./signature.js";
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SIGNATURE_HEADER,
  WebhookAcceptanceSchema,
  WebhookAuthSchema,
  type WebhookAcceptance,
  type WebhookAuth,
} from "./types.js";

export const INCIDENTS_PATH = "/servicenow/incidents";

export interface WebhookOptions {
  readonly auth: WebhookAuth;
  /** Larger bodies are refused with 413; 256 KiB by default. */
  readonly maxBodyBytes?: number;
  /** Starts (or recognises) the incident's run and answers at once: it must not wait for the run. */
  accept(incident: Incident): Promise<WebhookAcceptance>;
  /**
   * Told about an unexpected failure (the delivery was answered 500). The app itself logs nothing:
   * what to log, and where, is the caller's choice. The error never carries the request's headers.
   */
  onInternalError?(error: unknown): void;
}

export function createWebhookApp(options: WebhookOptions): Hono {
  const auth = parseOrThrow(WebhookAuthSchema, options.auth, "webhook auth");
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new UserInputError("invalid webhook options: maxBodyBytes must be a positive integer");
  }
  const acceptOnce = deduplicating(options.accept);

  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }, 200));

  app.post(INCIDENTS_PATH, async (c) => {
    const body = await readBoundedBody(c.req.raw, maxBodyBytes);
    if (body.kind === "too_large") return fail(c, 413, `request body is larger than ${maxBodyBytes} bytes`);
    if (body.kind === "bad_length") return fail(c, 400, "invalid Content-Length header");

    const denied = authenticate(auth, body.bytes, (name) => c.req.header(name));
    if (denied) return fail(c, 401, denied);

    if (!isJsonMediaType(c.req.header("content-type"))) return fail(c, 415, "Content-Type must be application/json");
    const json = parseJson(body.bytes);
    if (!json.ok) return fail(c, 400, json.error);

    let incident: Incident;
    try {
      incident = parseIncident(json.value);
    } catch (error) {
      if (error instanceof UserInputError) return fail(c, 400, error.message);
      throw error;
    }

    const acceptance = await acceptOnce(incident);
    return c.json(acceptance, acceptance.status === "accepted" ? 202 : 200);
  });

  app.notFound((c) => fail(c, 404, "not found"));
  app.onError((error, c) => {
    options.onInternalError?.(error);
    return fail(c, 500, "internal error");
  });
  return app;
}

/**
 * A retried delivery can arrive while the first is still being accepted (the sender timed out
 * early). While an `accept` for a sys_id is in flight, a second delivery of it waits for that one
 * and answers `duplicate` with its thread_id, so `accept` never runs twice at once for an incident.
 * Once settled, the entry goes: later deliveries are `accept`'s to recognise. If the first fails,
 * the one waiting fails with it (500) and the sender retries.
 */
function deduplicating(accept: WebhookOptions["accept"]): (incident: Incident) => Promise<WebhookAcceptance> {
  const inFlight = new Map<string, Promise<WebhookAcceptance>>();
  return async (incident) => {
    const pending = inFlight.get(incident.sys_id);
    if (pending) {
      const first = await pending;
      return { status: "duplicate", thread_id: first.thread_id };
    }
    const started = (async () => WebhookAcceptanceSchema.parse(await accept(incident)))();
    inFlight.set(incident.sys_id, started);
    try {
      return await started;
    } finally {
      inFlight.delete(incident.sys_id);
    }
  };
}

/** Undefined when the delivery is authentic, else the one-line reason for the 401. */
function authenticate(
  auth: WebhookAuth,
  rawBody: Uint8Array,
  header: (name: string) => string | undefined,
): string | undefined {
  if (auth.kind === "bearer") {
    const value = header("authorization");
    if (value === undefined) return "missing Authorization header";
    return verifyBearer(value, auth.token) ? undefined : "invalid bearer token";
  }
  const name = auth.header ?? DEFAULT_SIGNATURE_HEADER;
  const value = header(name);
  if (value === undefined) return `missing ${name} header`;
  return verifyHmacSignature(rawBody, value, auth.secret) ? undefined : "invalid signature";
}

/** application/json or any application/…+json, parameters (charset) allowed. */
function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, error: "request body is not valid UTF-8" };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // Not the parser's message: it quotes the body, and this answer should not echo it.
    return { ok: false, error: "request body is not valid JSON" };
  }
}

function fail(c: Context, status: 400 | 401 | 404 | 413 | 415 | 500, error: string): Response {
  return c.json({ error }, status);
}
