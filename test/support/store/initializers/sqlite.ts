/**
 * SQLite for the conformance suite: each store a new file in a directory of its own (two levels
 * the store must create), so isolated whether asked or not, all removed once the suite is done. A
 * sibling opens the same file again, as another process would.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteRunStore } from "../../../../src/store/sqlite.js";
import type { StoreInitializer } from "../conformance/types.js";

const dirs: string[] = [];

export const sqliteInitializer: StoreInitializer = {
  name: "sqlite",
  async createStore(options) {
    const dir = await mkdtemp(join(tmpdir(), "io-store-sqlite-conformance-"));
    dirs.push(dir);
    return openSqliteRunStore({ file: join(dir, "nested", "deeper", "runs.sqlite"), now: options?.now });
  },
  // A SQLite store's location is its file.
  openSibling: (store, options) => openSqliteRunStore({ file: store.location, now: options?.now }),
  async cleanup() {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  },
};
