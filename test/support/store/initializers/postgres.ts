/**
 * Postgres at DATABASE_URL for the conformance suite, skipped with the reason when it is unset or
 * does not answer. Test files run at once against one database, so the suite has a schema of its
 * own, shared by all its stores (the specs use ids of their own) except those asked to be isolated,
 * which get a schema each; all are dropped once the suite is done. A sibling is another pool on
 * the same schema, as another process would open.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgresRunStore } from "../../../../src/store/postgres.js";
import type { RunStore } from "../../../../src/store/types.js";
import type { StoreInitializer } from "../conformance/types.js";
import { postgresUnavailable } from "../postgres-available.js";

const url = process.env["DATABASE_URL"] ?? "";
const newSchema = () => `io_test_${randomBytes(6).toString("hex")}`;
const shared = newSchema();
const schemas = [shared];
const schemaOf = new WeakMap<RunStore, string>();

async function open(schema: string, now: (() => Date) | undefined): Promise<RunStore> {
  const store = await openPostgresRunStore({ url, schema, now });
  schemaOf.set(store, schema);
  return store;
}

export const postgresInitializer: StoreInitializer = {
  name: "postgres",
  skipReason: await postgresUnavailable(url),
  createStore: (options) => {
    if (options?.isolated !== true) return open(shared, options?.now);
    const schema = newSchema();
    schemas.push(schema);
    return open(schema, options.now);
  },
  openSibling: (store, options) => {
    const schema = schemaOf.get(store);
    if (schema === undefined) throw new Error("openSibling: not a store of the postgres initializer");
    return open(schema, options?.now);
  },
  async cleanup() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  },
};
