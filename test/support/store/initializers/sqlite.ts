/**
 * SQLite for the conformance suite: each store a new file in a directory of its own (two levels
 * the store must create), all removed once the suite is done.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteRunStore } from "../../../../src/store/sqlite.js";
import type { StoreInitializer } from "../conformance/types.js";

const dirs: string[] = [];

export const sqliteInitializer: StoreInitializer = {
  name: "sqlite",
  async createStore() {
    const dir = await mkdtemp(join(tmpdir(), "io-store-sqlite-conformance-"));
    dirs.push(dir);
    return openSqliteRunStore({ file: join(dir, "nested", "deeper", "runs.sqlite") });
  },
  async cleanup() {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  },
};
