/**
 * The run stores the durable-run tests cover: SQLite always, Postgres when DATABASE_URL answers
 * (else the Postgres cases are skipped, and their names say why). Each backend gives the CLI an
 * environment of its own — a fresh data directory, or a fresh Postgres schema dropped afterwards —
 * because test files run at once against one database.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openRunStoreFromEnv } from "../../src/store/from-env.js";
import { postgresUnavailable } from "./store/postgres-available.js";
import type { RunStore } from "../../src/store/types.js";

export interface RunBackend {
  name: "sqlite" | "postgres";
  /** Why it cannot run here; undefined when it can. */
  skip: string | undefined;
  /** A fresh, isolated store environment: the variables the CLI reads. */
  isolate(): Record<string, string>;
  /** Opens the store an environment from isolate() names (to look inside after a run). */
  open(env: Record<string, string>): Promise<RunStore>;
  /** Drops what isolate() created. */
  cleanUp(): Promise<void>;
}

const databaseUrl = process.env.DATABASE_URL ?? "";

export async function runBackends(): Promise<RunBackend[]> {
  const schemas: string[] = [];
  const postgresSkip = await postgresUnavailable(databaseUrl);
  const home = () => mkdtempSync(join(tmpdir(), "io-runs-"));
  return [
    {
      name: "sqlite",
      skip: undefined,
      isolate: () => ({ DATABASE_URL: "", INCIDENT_ORCHESTRATOR_HOME: home() }),
      open: (env) => openRunStoreFromEnv(env),
      cleanUp: async () => {},
    },
    {
      name: "postgres",
      skip: postgresSkip,
      isolate: () => {
        const schema = `io_test_${randomBytes(6).toString("hex")}`;
        schemas.push(schema);
        return {
          DATABASE_URL: databaseUrl,
          INCIDENT_ORCHESTRATOR_DB_SCHEMA: schema,
          INCIDENT_ORCHESTRATOR_HOME: home(),
        };
      },
      open: (env) => openRunStoreFromEnv(env),
      cleanUp: async () => {
        if (postgresSkip !== undefined || schemas.length === 0) return;
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    },
  ];
}

/** A test's name that says why it is skipped. */
export function backendTitle(backend: RunBackend, title: string): string {
  return backend.skip ? `${title} on ${backend.name} (skipped: ${backend.skip})` : `${title} on ${backend.name}`;
}
