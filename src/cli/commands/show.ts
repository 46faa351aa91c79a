import { UserInputError } from "../../errors.js";
import { createOrchestrator } from "../../orchestrator.js";
import { resolveThreadRef } from "../../runs/thread-id.js";
import { outcomeLines } from "../outcome-lines.js";
import { withCliRunStore } from "../run-store.js";

/** `show <thread>`: the review a paused thread asks for (or where a finished one ended). */
export async function showCommand(thread: string, options: { json?: boolean }): Promise<void> {
  await withCliRunStore(async (store) => {
    // Reading a checkpoint needs no tools.
    const outcome = await createOrchestrator({ tools: [], store }).inspect(thread);
    if (!outcome) throw new UserInputError(`no run on thread ${resolveThreadRef(thread)} (${store.location})`);
    if (options.json) {
      console.log(JSON.stringify(outcome, null, 2));
      return;
    }
    if (outcome.status === "paused") {
      const { review } = outcome;
      const allowed = Object.entries(review.config)
        .filter(([, allowedHere]) => allowedHere)
        .map(([name]) => name.replace("allow_", ""));
      console.log(review.description);
      console.log(`\nProposed: ${JSON.stringify(review.action_request)}`);
      console.log(`Answers: ${allowed.join(", ")}\n`);
    } else {
      console.log(JSON.stringify(outcome.result, null, 2));
    }
    for (const line of outcomeLines(outcome)) console.log(line);
  });
}
