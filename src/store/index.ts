/** The run store: where durable runs keep checkpoints, side-effect ledger, thread locks and index. */
export * from "./types.js";
export { memoryRunStore, memoryLedger } from "./memory.js";
export { openRunStore, resolveDataDir, type OpenRunStoreOptions } from "./open.js";
export { openRunStoreFromEnv } from "./from-env.js";
export { openSqliteRunStore, type SqliteRunStoreOptions } from "./sqlite.js";
export { DEFAULT_POSTGRES_SCHEMA, openPostgresRunStore, type PostgresRunStoreOptions } from "./postgres.js";
