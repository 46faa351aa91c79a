/**
 * The link between MWAA and its Airflow webserver: CreateWebLoginToken (MWAA emulator) issues a web
 * token for one environment; `POST /aws_mwaa/login` (Airflow emulator) exchanges it for a session
 * cookie; the session then scopes every Airflow REST call to that environment.
 *
 * One registry per sandbox: both emulators receive the same EmulatorContext, so the registry is kept
 * per context (two sandboxes in one process never accept each other's tokens).
 */
import type { EmulatorContext } from "../types.js";

/** MWAA web login tokens are short-lived: 60 seconds. */
export const WEB_TOKEN_TTL_MS = 60_000;

interface WebToken {
  readonly environment: string;
  readonly expiresAt: number;
}

export class MwaaSessionRegistry {
  private readonly webTokens = new Map<string, WebToken>();
  private readonly sessions = new Map<string, string>();

  constructor(private readonly context: EmulatorContext) {}

  /** A new web login token for an environment (CreateWebLoginToken). */
  issueWebToken(environment: string): string {
    const token = this.randomToken(48);
    this.webTokens.set(token, { environment, expiresAt: this.context.now().getTime() + WEB_TOKEN_TTL_MS });
    return token;
  }

  /** Exchanges a valid, unexpired web token for a new session id; undefined when the token is not valid. */
  openSession(webToken: string): { sessionId: string; environment: string } | undefined {
    const issued = this.webTokens.get(webToken);
    if (!issued || issued.expiresAt < this.context.now().getTime()) return undefined;
    const sessionId = this.randomToken(32);
    this.sessions.set(sessionId, issued.environment);
    return { sessionId, environment: issued.environment };
  }

  /** The environment a session cookie belongs to. */
  environmentOf(sessionId: string): string | undefined {
    return this.sessions.get(sessionId);
  }

  /** Seeded, so a scenario replays identically. */
  private randomToken(length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let token = "";
    for (let index = 0; index < length; index += 1) {
      token += alphabet[Math.floor(this.context.random() * alphabet.length)];
    }
    return token;
  }
}

const registries = new WeakMap<EmulatorContext, MwaaSessionRegistry>();

/** The registry shared by the MWAA and Airflow emulators of one sandbox. */
export function sessionRegistryFor(context: EmulatorContext): MwaaSessionRegistry {
  let registry = registries.get(context);
  if (!registry) {
    registry = new MwaaSessionRegistry(context);
    registries.set(context, registry);
  }
  return registry;
}
