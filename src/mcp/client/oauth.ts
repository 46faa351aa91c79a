/**
 * OAuth 2.0 client-credentials tokens (RFC 6749 §4.4), for MCP servers such as an AgentCore
 * Gateway that accept only a JWT. Small on purpose: one POST to the token endpoint, the token kept
 * until shortly before it expires, concurrent callers sharing one request.
 */
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { z } from "zod";
import { sanitise } from "../../tools/tool-error.js";

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string | undefined;
}

export interface TokenSourceOptions {
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; injectable so expiry can be tested without waiting. */
  now?: () => number;
  /** Refresh this long before the token expires, so a request never leaves with a stale one. */
  refreshMarginMs?: number;
}

export interface TokenSource {
  /** A valid access token, fetched when there is none or it (nearly) expired. */
  token(): Promise<string>;
  /** Forget the current token (e.g. after the server rejected it). */
  invalidate(): void;
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/** Used when the endpoint does not say: short enough that a revoked token is not used for long. */
const DEFAULT_LIFETIME_MS = 5 * 60_000;
const DEFAULT_REFRESH_MARGIN_MS = 30_000;

export function clientCredentialsTokenSource(
  credentials: ClientCredentials,
  options: TokenSourceOptions = {},
): TokenSource {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  let current: { value: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const requestedAt = now();
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId });
    if (credentials.scope) body.set("scope", credentials.scope);
    const response = await fetchImpl(credentials.tokenUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
        // client_secret_basic: the method every token endpoint must support (RFC 6749 §2.3.1).
        Authorization: `Basic ${basicCredentials(credentials.clientId, credentials.clientSecret)}`,
      },
      body,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `token endpoint ${describeUrl(credentials.tokenUrl)} answered ${response.status}: ${sanitise(text).slice(0, 200)}`,
      );
    }
    const parsed = TokenResponseSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new Error(`token endpoint ${describeUrl(credentials.tokenUrl)} sent no access_token`);
    const lifetime = parsed.data.expires_in === undefined ? DEFAULT_LIFETIME_MS : parsed.data.expires_in * 1000;
    // A short-lived token is refreshed half-way rather than never being considered fresh.
    current = { value: parsed.data.access_token, refreshAt: requestedAt + Math.max(lifetime - margin, lifetime / 2) };
    return parsed.data.access_token;
  }

  return {
    token() {
      if (current && now() < current.refreshAt) return Promise.resolve(current.value);
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    invalidate() {
      current = undefined;
    },
  };
}

/**
 * The token source as the MCP SDK's auth provider: the transports ask it for tokens before every
 * request. Only client credentials are supported, so the interactive (redirect) parts refuse.
 */
export function tokenSourceAuthProvider(source: TokenSource): OAuthClientProvider {
  const interactive = (): never => {
    throw new Error("this MCP server asked for interactive OAuth; only client credentials are configured");
  };
  return {
    get redirectUrl() {
      return undefined;
    },
    get clientMetadata() {
      return { redirect_uris: [], grant_types: ["client_credentials"] };
    },
    clientInformation: () => undefined,
    tokens: async () => ({ access_token: await source.token(), token_type: "Bearer" }),
    saveTokens: () => undefined,
    redirectToAuthorization: interactive,
    saveCodeVerifier: () => undefined,
    codeVerifier: interactive,
    invalidateCredentials: (scope) => {
      if (scope === "all" || scope === "tokens") source.invalidate();
    },
  };
}

/** A URL without its query or credentials, safe for a message. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return sanitise(url).slice(0, 200);
  }
}

function basicCredentials(clientId: string, clientSecret: string): string {
  // RFC 6749 §2.3.1: each part form-urlencoded before base64.
  const encode = (value: string): string => encodeURIComponent(value).replace(/%20/g, "+");
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
