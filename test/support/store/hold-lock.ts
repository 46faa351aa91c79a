/**
 * A child process for the lock tests: opens a run store, takes one thread's lock, says "locked" on
 * stdout and holds it until stdin closes (or it is killed, which is the point).
 *
 *   node --import tsx hold-lock.ts sqlite <file> <thread>
 *   node --import tsx hold-lock.ts postgres <url> <schema> <thread>
 */
import { openPostgresRunStore } from "../../../src/store/postgres.js";
import { openSqliteRunStore } from "../../../src/store/sqlite.js";
import type { RunStore } from "../../../src/store/types.js";

async function open(args: string[]): Promise<{ store: RunStore; thread: string }> {
  const [kind, ...rest] = args;
  if (kind === "sqlite" && rest.length === 2) {
    const [file = "", thread = ""] = rest;
    return { store: await openSqliteRunStore({ file }), thread };
  }
  if (kind === "postgres" && rest.length === 3) {
    const [url = "", schema = "", thread = ""] = rest;
    return { store: await openPostgresRunStore({ url, schema }), thread };
  }
  throw new Error("usage: hold-lock.ts sqlite <file> <thread> | postgres <url> <schema> <thread>");
}

const { store, thread } = await open(process.argv.slice(2));
const lock = await store.locks.tryAcquire(thread);
if (lock === undefined) {
  process.stdout.write("busy\n");
  await store.close();
  process.exit(3);
}
process.stdout.write("locked\n");
process.stdin.resume();
process.stdin.on("end", () => {
  void lock.release().then(() => store.close());
});
