/**
 * Who a request is from: basic auth against the seeded users' passwords, or a bearer token issued by
 * `POST /oauth_token.do` (grant_type=client_credentials) to a seeded OAuth client, valid until its
 * lifespan ends on the emulator's clock. Tokens act as the client's user, as an instance's
 * "OAuth Application User" does.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Actor } from "./records.js";
import type { InstanceRecords } from "./records.js";
import type { ServiceNowSeed } from "./seed.js";

interface IssuedToken {
  readonly actor: Actor;
  readonly expiresAtMs: number;
}

export type TokenAnswer =
  | { readonly ok: true; readonly body: Record<string, string | number> }
  | { readonly ok: false; readonly status: number; readonly body: Record<string, string> };

export class EmulatorAuth {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly seed: ServiceNowSeed,
    private readonly records: InstanceRecords,
    private readonly now: () => Date,
  ) {}

  revokeAll(): void {
    this.tokens.clear();
  }

  /** The user an Authorization header authenticates, or undefined. */
  authenticate(authorization: string | undefined): Actor | undefined {
    if (!authorization) return undefined;
    const [scheme, credentials = ""] = authorization.split(" ", 2);
    if (scheme?.toLowerCase() === "basic") return this.basic(credentials);
    if (scheme?.toLowerCase() === "bearer") return this.bearer(credentials);
    return undefined;
  }

  /** The token endpoint; `form` is the urlencoded request body. */
  issueToken(form: URLSearchParams): TokenAnswer {
    if (form.get("grant_type") !== "client_credentials") {
      return { ok: false, status: 400, body: { error: "unsupported_grant_type", error_description: "access_denied" } };
    }
    const client = this.seed.oauth_clients.find((candidate) => candidate.client_id === form.get("client_id"));
    if (!client || !sameSecret(client.client_secret, form.get("client_secret") ?? "")) {
      return { ok: false, status: 401, body: { error: "server_error", error_description: "access_denied" } };
    }
    const actor = this.actor(client.user_name);
    if (!actor) return { ok: false, status: 401, body: { error: "server_error", error_description: "access_denied" } };
    const token = randomBytes(48).toString("base64url");
    this.tokens.set(token, { actor, expiresAtMs: this.now().getTime() + client.token_lifespan_s * 1000 });
    return {
      ok: true,
      body: { access_token: token, scope: "useraccount", token_type: "Bearer", expires_in: client.token_lifespan_s },
    };
  }

  private basic(credentials: string): Actor | undefined {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    const userName = decoded.slice(0, colon);
    const user = this.seed.users.find((candidate) => candidate.user_name === userName && candidate.active);
    if (!user?.password || !sameSecret(user.password, decoded.slice(colon + 1))) return undefined;
    return this.actor(userName);
  }

  private bearer(token: string): Actor | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    if (this.now().getTime() >= issued.expiresAtMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued.actor;
  }

  private actor(userName: string): Actor | undefined {
    const row = this.records.findBy("sys_user", "user_name", userName);
    return row?.sys_id ? { sys_id: row.sys_id, user_name: userName } : undefined;
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
