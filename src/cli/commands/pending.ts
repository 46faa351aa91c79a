import { withCliRunStore } from "../run-store.js";

/** `pending`: the threads paused for a person, newest first, one line each. */
export async function pendingCommand(options: { json?: boolean }): Promise<void> {
  await withCliRunStore(async (store) => {
    const paused = await store.threads.list({ status: "paused" });
    if (options.json) {
      console.log(JSON.stringify(paused, null, 2));
      return;
    }
    if (paused.length === 0) {
      console.log(`No runs are waiting for review (${store.location}).`);
      return;
    }
    for (const thread of paused) console.log(`${thread.thread_id}  ${thread.updated_at}  ${thread.summary}`);
  });
}
