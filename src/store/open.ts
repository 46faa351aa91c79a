/**
 * Choosing and opening the run store: Postgres when DATABASE_URL is given, else a SQLite file in
 * the data directory. Failing to open is the user's to fix (a wrong URL, a server that is down, a
 * directory without write access), so it is a UserInputError: one line naming the location,
 * never the password.
 */
import { join } from "node:path";
import { UserInputError } from "../errors.js";
import { REDACTED, isSecretLabel, redactSecrets } from "../safety/index.js";
import { openPostgresRunStore, redactPassword } from "./postgres.js";
import { openSqliteRunStore } from "./sqlite.js";
import type { RunStore } from "./types.js";

export interface OpenRunStoreOptions {
  /** DATABASE_URL; unset or empty for SQLite. */
  databaseUrl?: string;
  /** Where the SQLite file lives (see resolveDataDir). */
  dataDir: string;
  postgresSchema?: string;
  now?: () => Date;
}

export async function openRunStore(options: OpenRunStoreOptions): Promise<RunStore> {
  const url = options.databaseUrl;
  if (url !== undefined && url !== "") {
    // The URL itself is not echoed: a malformed one may still carry a password.
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new UserInputError("DATABASE_URL must be a postgres:// or postgresql:// URL");
    }
    const location = describeDatabaseUrl(url);
    try {
      const store = await openPostgresRunStore({ url, schema: options.postgresSchema, now: options.now });
      // The store names its URL without the userinfo password; a ?password= must not show either.
      return { ...store, location };
    } catch (error) {
      throw new UserInputError(`cannot open the Postgres run store at ${location}: ${describeCause(error, url)}`);
    }
  }
  const file = join(options.dataDir, "runs.sqlite");
  try {
    return await openSqliteRunStore({ file, now: options.now });
  } catch (error) {
    throw new UserInputError(`cannot open the SQLite run store at ${file}: ${describeCause(error)}`);
  }
}

/**
 * The data directory: INCIDENT_ORCHESTRATOR_HOME, else the XDG data directory, else its default
 * under the home directory. Empty values count as unset, as the XDG spec says.
 */
export function resolveDataDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const explicit = env["INCIDENT_ORCHESTRATOR_HOME"];
  if (explicit) return explicit;
  const xdg = env["XDG_DATA_HOME"];
  if (xdg) return join(xdg, "incident-orchestrator");
  return join(home, ".local", "share", "incident-orchestrator");
}

/**
 * One line from an error. Node reports a refused connection to a host with several addresses as
 * an AggregateError with an empty message, so its inner errors are used then.
 */
function describeCause(error: unknown, url?: string): string {
  let text: string;
  if (error instanceof AggregateError && error.message === "") {
    text = error.errors.map((inner) => (inner instanceof Error ? inner.message : String(inner))).join("; ");
  } else if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
    text = error.message || code || error.name;
  } else {
    text = String(error);
  }
  text = text.replace(/\s+/g, " ").trim();
  return url === undefined ? text : scrubDatabaseUrl(text, url);
}

/**
 * DATABASE_URL as it may be shown: no password in the userinfo (`postgres://app@db/runs`), none in
 * the query (`?password=`, `sslpassword=` …), nothing else that looks like a secret.
 */
export function describeDatabaseUrl(url: string): string {
  return scrubDatabaseUrl(redactPassword(url), url);
}

/**
 * Text (a driver's error, a message of ours) with the URL's secrets removed wherever they appear:
 * the URL itself, its userinfo password and its secret query parameters, decoded or not, then the
 * general redaction rules (src/safety) for anything else.
 */
export function scrubDatabaseUrl(text: string, url: string): string {
  let result = text.split(url).join(redactPassword(url));
  for (const secret of databaseUrlSecrets(url)) result = removeAll(result, secret);
  return redactSecrets(result);
}

/** Every occurrence of a secret; a short one only as a word of its own, so "a" does not eat every "a". */
function removeAll(text: string, secret: string): string {
  if (secret.length >= 8) return text.split(secret).join(REDACTED);
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, "g"), REDACTED);
}

/** The secret values a connection URL carries, as written and decoded. */
function databaseUrlSecrets(url: string): string[] {
  const secrets: string[] = [];
  try {
    const parsed = new URL(url);
    secrets.push(parsed.password, safeDecode(parsed.password));
    for (const [name, value] of parsed.searchParams) if (isSecretLabel(name)) secrets.push(value);
    for (const match of parsed.search.matchAll(/[?&]([^=&]+)=([^&]*)/g)) {
      if (isSecretLabel(safeDecode(match[1] ?? ""))) secrets.push(match[2] ?? "");
    }
  } catch {
    // Not a URL the WHATWG parser takes (an unencoded "/" in the password): take what sits
    // between the user's colon and the last "@" before the host.
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url)?.[1];
    if (password) secrets.push(password, safeDecode(password));
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
