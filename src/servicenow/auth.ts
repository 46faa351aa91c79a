/**
 * The Authorization header for each request. Basic auth is fixed. OAuth client credentials get a
 * token from `POST /oauth_token.do`, cache it, and replace it `refresh_before_expiry_s` before it
 * expires (on the injected clock); one token request is in flight at a time however many callers
 * ask. `invalidate` drops a token the instance refused (a 401), so the next header is a new one.
 */
import { z } from "zod";
import { errorFromResponse, ServiceNowError } from "./errors.js";
import type { ServiceNowCredentials } from "./config.js";

export interface AuthProvider {
  header(): Promise<string>;
  /** Forget `header` after a 401; true when a fresh one can be asked for (OAuth), false for basic. */
  invalidate(header: string): boolean;
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
});

export interface OAuthRuntime {
  readonly instanceUrl: string;
  readonly timeoutMs: number;
  readonly refreshBeforeExpiryS: number;
  readonly now: () => Date;
  readonly fetch: typeof globalThis.fetch;
}

export function createAuthProvider(credentials: ServiceNowCredentials, runtime: OAuthRuntime): AuthProvider {
  if (credentials.kind === "basic") {
    const header = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
    return { header: () => Promise.resolve(header), invalidate: () => false };
  }
  return new OAuthClientCredentials(credentials.clientId, credentials.clientSecret, runtime);
}

class OAuthClientCredentials implements AuthProvider {
  private token: { header: string; refreshAtMs: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly runtime: OAuthRuntime,
  ) {}

  header(): Promise<string> {
    if (this.token && this.runtime.now().getTime() < this.token.refreshAtMs) return Promise.resolve(this.token.header);
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  invalidate(header: string): boolean {
    if (this.token?.header === header) this.token = undefined;
    return true;
  }

  private async requestToken(): Promise<string> {
    const request = "POST /oauth_token.do";
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.clientId,
      client_secret: this.clientSecret,
    });
    const issuedAt = this.runtime.now().getTime();
    let response: Response;
    try {
      response = await this.runtime.fetch(`${this.runtime.instanceUrl}/oauth_token.do`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body,
        signal: AbortSignal.timeout(this.runtime.timeoutMs),
      });
    } catch (error) {
      const code = causeCode(error);
      throw new ServiceNowError(
        code === "TimeoutError" ? "timeout" : "network",
        null,
        request,
        "token request failed",
        code,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const error = errorFromResponse(request, response.status, text, undefined);
      // The token endpoint's own error shape: {"error":"…","error_description":"…"}.
      const oauth = z.object({ error: z.string(), error_description: z.string().optional() }).safeParse(safeJson(text));
      if (error.instanceMessage === undefined && oauth.success) {
        throw new ServiceNowError("http", response.status, request, oauth.data.error, oauth.data.error_description);
      }
      throw error;
    }
    const parsed = TokenResponseSchema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new ServiceNowError("http", response.status, request, "unexpected token response", undefined);
    const header = `Bearer ${parsed.data.access_token}`;
    const lifetimeMs = parsed.data.expires_in * 1000;
    const marginMs = Math.min(this.runtime.refreshBeforeExpiryS * 1000, lifetimeMs / 2);
    this.token = { header, refreshAtMs: issuedAt + lifetimeMs - marginMs };
    return header;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** "ECONNREFUSED", "TimeoutError"…: what a failed fetch says about why, without its URL. */
export function causeCode(error: unknown): string | undefined {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return error.name;
    const cause = (error as { cause?: unknown }).cause;
    if (cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string") return cause.code;
    return error.name;
  }
  return undefined;
}
