/**
 * Choosing and opening the run store: Postgres when DATABASE_URL is given, else a SQLite file in
 * the data directory. Failing to open is the user's to fix (a wrong URL, a server that is down, a
 * directory without write access), so it is a UserInputError: one line naming the location,
 * never the password.
 */
import { join } from "node:path";
import { UserInputError } from "../errors.js";
import { describeDatabaseUrl, scrubDatabaseUrl } from "./database-url.js";
import { openPostgresRunStore } from "./postgres.js";
import { openSqliteRunStore } from "./sqlite.js";
import type { RunStore } from "./types.js";
import type { Env } from "../io/env.js";

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
      return await openPostgresRunStore({ url, schema: options.postgresSchema, now: options.now });
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
export function resolveDataDir(env: Env, home: string): string {
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
