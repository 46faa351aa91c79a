import { terminalJson } from "../safety/index.js";
import type { RunOutcome } from "../state/run-outcome.js";
import { printBlock, printJson, printLine } from "./print.js";

/** What a person needs after a run: where it stands, and for a pause, the commands that answer it. Pure. */
export function outcomeLines(outcome: RunOutcome): string[] {
  const id = outcome.thread_id;
  if (outcome.status === "paused") {
    return [
      `Paused for review (${outcome.reason}) on thread ${id}; proposes ${outcome.review.action_request.action}.`,
      `  incident-orchestrator show ${id}`,
      `  incident-orchestrator resume ${id} --accept | --edit '<json>' | --respond '<text>' | --ignore`,
    ];
  }
  const decision = outcome.result.decision.decision;
  const review = outcome.result.reviews.at(-1);
  const reviewed = review ? `, reviewed: ${review.response} by ${review.reviewer}` : "";
  return outcome.already_done
    ? [
        `Already handled on thread ${id} (${decision}${reviewed}); nothing ran again. --thread <id> runs it as a new thread.`,
      ]
    : [`Done on thread ${id}: ${decision}${reviewed}.`];
}

/** One line per incident of a batch. Pure. */
export function batchLine(sysId: string, outcome: RunOutcome): string {
  const where =
    outcome.status === "paused"
      ? `paused (${outcome.reason})`
      : `${outcome.already_done ? "already done" : "done"}: ${outcome.result.decision.decision}`;
  return `${sysId}  ${outcome.thread_id}  ${where}`;
}

/**
 * Prints where a run ended: the result document, then what to do next. With `json`, stdout carries
 * only the result document and the lines go to stderr. Each line is printed as one line (src/cli/print.ts):
 * a decision, a reviewer's name or a thread id cannot add a line or an escape of its own.
 */
export function printOutcome(outcome: RunOutcome, json: boolean): void {
  if (json) {
    printJson(outcome.result, 2);
    for (const line of outcomeLines(outcome)) printLine(line, "stderr");
  } else {
    printBlock(`\n${terminalJson(outcome.result, 2)}\n`);
    for (const line of outcomeLines(outcome)) printLine(line);
  }
}
