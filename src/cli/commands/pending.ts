import { printJson, printLine } from "../print.js";
import { withCliRunStore } from "../run-store.js";

/** `pending`: the threads paused for a person, newest first, one line each. */
export async function pendingCommand(options: { json?: boolean }): Promise<void> {
  await withCliRunStore(async (store) => {
    const paused = await store.threads.list({ status: "paused" });
    if (options.json) {
      printJson(paused, 2);
      return;
    }
    if (paused.length === 0) {
      printLine(`No runs are waiting for review (${store.location}).`);
      return;
    }
    // The summary holds the ticket's number and title: printLine keeps each thread on its line.
    for (const thread of paused) printLine(`${thread.thread_id}  ${thread.updated_at}  ${thread.summary}`);
  });
}
