import { UserInputError } from "../../errors.js";
import { createOrchestrator } from "../../orchestrator.js";
import { resolveThreadRef } from "../../runs/thread-id.js";
import { terminalJson } from "../../safety/index.js";
import { outcomeLines } from "../outcome-lines.js";
import { printBlock, printJson, printLine } from "../print.js";
import { withCliRunStore } from "../run-store.js";

/** `show <thread>`: the review a paused thread asks for (or where a finished one ended). */
export async function showCommand(thread: string, options: { json?: boolean }): Promise<void> {
  await withCliRunStore(async (store) => {
    // Reading a checkpoint needs no tools.
    const outcome = await createOrchestrator({ tools: [], store }).inspect(thread);
    if (!outcome) throw new UserInputError(`no run on thread ${resolveThreadRef(thread)} (${store.location})`);
    if (options.json) {
      printJson(outcome, 2);
      return;
    }
    if (outcome.status === "paused") {
      const { review } = outcome;
      const allowed = Object.entries(review.config)
        .filter(([, allowedHere]) => allowedHere)
        .map(([name]) => name.replace("allow_", ""));
      // The description is Markdown built from ticket and tool text (src/review/describe.ts).
      printBlock(review.description);
      printLine("");
      printLine(`Proposed: ${terminalJson(review.action_request)}`);
      printLine(`Answers: ${allowed.join(", ")}`);
      printLine("");
    } else {
      printBlock(terminalJson(outcome.result, 2));
    }
    for (const line of outcomeLines(outcome)) printLine(line);
  });
}
