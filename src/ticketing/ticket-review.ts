/**
 * Finding the answer to a paused review in the ticket's work notes. Only a note that is
 *   - a work note (never the description, never a customer comment),
 *   - written after our On Hold note for this pause (instance times, strictly later),
 *   - by a member of the approvers group (its sys_created_by, read each pass),
 *   - and starts with a command (review-command.ts)
 * answers it; the first such note wins. Everything else is ignored and never resumes a run. PURE.
 */
import { fieldValue, type TableRecord } from "../servicenow/ticket-system.js";
import type { HumanInterrupt, HumanResponseInput } from "../state/review.js";
import { isOurNote, markerFor } from "./marker.js";
import { answerFor, parseReviewCommand } from "./review-command.js";

export interface JournalEntry {
  readonly sys_id: string;
  readonly element: string;
  readonly value: string;
  readonly created_by: string;
  /** "2025-03-01 10:00:00" (UTC): sorts as it reads. */
  readonly created_on: string;
}

export function journalEntryOf(record: TableRecord): JournalEntry {
  return {
    sys_id: fieldValue(record, "sys_id") ?? "",
    element: fieldValue(record, "element") ?? "",
    value: fieldValue(record, "value") ?? "",
    created_by: fieldValue(record, "sys_created_by") ?? "",
    created_on: fieldValue(record, "sys_created_on") ?? "",
  };
}

export type TicketAnswer =
  /** Our On Hold note is not on the ticket yet (still in the outbox): nobody can have answered. */
  | { readonly kind: "not_asked" }
  | { readonly kind: "none" }
  | { readonly kind: "answer"; readonly entry: JournalEntry; readonly answer: HumanResponseInput }
  /** An approver's command that cannot answer this review: say so on the ticket, once per note. */
  | { readonly kind: "refused"; readonly entry: JournalEntry; readonly error: string };

export interface FindAnswerInput {
  readonly entries: readonly JournalEntry[];
  /** The outbox key of this pause's On Hold note. */
  readonly pauseKey: string;
  readonly review: HumanInterrupt;
  readonly approvers: ReadonlySet<string>;
  /** Notes already refused (their sys_ids): the next command is looked for after them. */
  readonly refused: ReadonlySet<string>;
}

export function findTicketAnswer(input: FindAnswerInput): TicketAnswer {
  const pauseNote = input.entries.find((entry) => entry.value.includes(markerFor(input.pauseKey)));
  if (!pauseNote) return { kind: "not_asked" };
  const after = input.entries
    .filter((entry) => entry.element === "work_notes" && entry.created_on > pauseNote.created_on)
    .sort((a, b) => (a.created_on < b.created_on ? -1 : a.created_on > b.created_on ? 1 : 0));
  for (const entry of after) {
    if (isOurNote(entry.value) || !input.approvers.has(entry.created_by) || input.refused.has(entry.sys_id)) continue;
    const command = parseReviewCommand(entry.value);
    if (command === undefined) continue;
    if ("error" in command) return { kind: "refused", entry, error: command.error };
    const answered = answerFor(command, input.review, entry.created_by);
    return "error" in answered
      ? { kind: "refused", entry, error: answered.error }
      : { kind: "answer", entry, answer: answered.answer };
  }
  return { kind: "none" };
}
