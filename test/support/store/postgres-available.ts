/** For tests that need Postgres: why they cannot run here, or undefined when DATABASE_URL answers. */
import pg from "pg";
import { describeDatabaseUrl } from "../../../src/store/database-url.js";

export async function postgresUnavailable(url: string): Promise<string | undefined> {
  if (url === "") return "DATABASE_URL is not set";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return `the server at ${describeDatabaseUrl(url)} does not answer: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => {});
  }
}
