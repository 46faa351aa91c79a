/**
 * Postgres at DATABASE_URL for the conformance suite, skipped with the reason when it is unset or
 * does not answer. Test files run at once against one database, so the suite has a schema of its
 * own, shared by all its stores (the specs use ids of their own) and dropped once it is done.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgresRunStore } from "../../../../src/store/postgres.js";
import type { StoreInitializer } from "../conformance/types.js";
import { postgresUnavailable } from "../postgres-available.js";

const url = process.env["DATABASE_URL"] ?? "";
const schema = `io_test_${randomBytes(6).toString("hex")}`;

export const postgresInitializer: StoreInitializer = {
  name: "postgres",
  skipReason: await postgresUnavailable(url),
  createStore: () => openPostgresRunStore({ url, schema }),
  async cleanup() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  },
};
