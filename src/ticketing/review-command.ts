/**
 * A review answered from the ticket: a work note whose first line starts with one of four commands,
 * read as the Agent Inbox answer it stands for. PURE.
 *
 *   /approve         accept: run what is proposed (a remediation, or closing the ticket)
 *   /reject <why>    response: escalate, with the note as the reviewer's words
 *   /close           accept, when what is proposed is closing the ticket
 *   /ignore          ignore: the reviewer takes the ticket over
 */
import { CLOSE_TICKET_ACTION } from "../review/request.js";
import type { HumanInterrupt, HumanResponseInput } from "../state/review.js";

export type ReviewCommand =
  { readonly command: "approve" | "close" | "ignore" } | { readonly command: "reject"; readonly why: string };

const COMMAND = /^\/(approve|reject|close|ignore)(?=\s|$)([\s\S]*)$/i;

/** The command a note starts with, or undefined when it starts with none (then it is just a note). */
export function parseReviewCommand(text: string): ReviewCommand | { readonly error: string } | undefined {
  const match = COMMAND.exec(text.trimStart());
  if (!match) return undefined;
  const command = (match[1] ?? "").toLowerCase() as ReviewCommand["command"];
  const rest = (match[2] ?? "").trim();
  if (command === "reject") {
    return rest === "" ? { error: "/reject needs a reason after it: /reject <why>" } : { command, why: rest };
  }
  return { command };
}

/** The Agent Inbox answer a command gives to `review`, attributed to `reviewer`, or why it cannot. */
export function answerFor(
  command: ReviewCommand,
  review: HumanInterrupt,
  reviewer: string,
): { readonly answer: HumanResponseInput } | { readonly error: string } {
  switch (command.command) {
    case "approve":
      return review.config.allow_accept
        ? { answer: { type: "accept", reviewer } }
        : { error: `/approve is not offered: nothing here can be approved (${review.action_request.action})` };
    case "close":
      return review.action_request.action === CLOSE_TICKET_ACTION && review.config.allow_accept
        ? { answer: { type: "accept", reviewer } }
        : {
            error: `/close is not offered: the proposal is ${review.action_request.action}; answer /approve, /reject <why> or /ignore`,
          };
    case "reject":
      return { answer: { type: "response", args: command.why, reviewer } };
    case "ignore":
      return { answer: { type: "ignore", reviewer } };
  }
}
