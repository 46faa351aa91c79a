/**
 * A reviewer's answer, checked before anything acts on it: its shape (Agent Inbox's
 * `HumanResponse`), that the request allows it, and for an edit that the action is one the
 * playbook may run with arguments its tool accepts. Pure.
 */
import { describeZodError } from "../errors.js";
import { safeBlock, safeLine } from "../safety/index.js";
import { REMEDIATIONS } from "../remediations/catalog.js";
import { isMutatingTool } from "../tools/catalog.js";
import type { GraphState } from "../state/graph-state.js";
import { HumanResponseSchema, type HumanResponse, type ReviewRecord, type ReviewRequest } from "../state/review.js";

export type AnswerCheck = { ok: true; response: HumanResponse } | { ok: false; error: string };

const ALLOWED_BY: Record<HumanResponse["type"], keyof ReviewRequest["interrupt"]["config"]> = {
  accept: "allow_accept",
  edit: "allow_edit",
  response: "allow_respond",
  ignore: "allow_ignore",
};

export function checkAnswer(raw: unknown, request: ReviewRequest): AnswerCheck {
  // Agent Inbox answers with a list of one response; a bare response is taken too.
  if (Array.isArray(raw) && raw.length !== 1) {
    return { ok: false, error: `invalid review answer: answer: give exactly one response, not ${raw.length}` };
  }
  const parsed = HumanResponseSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success)
    return { ok: false, error: `invalid review answer: ${describeZodError("answer", parsed.error)}` };
  const response = parsed.data;
  if (!request.interrupt.config[ALLOWED_BY[response.type]]) {
    return { ok: false, error: `invalid review answer: "${response.type}" is not allowed for this review` };
  }
  if (response.type !== "edit") return { ok: true, response };

  const { action, args } = response.args;
  if (!isMutatingTool(action) || !request.editable_actions.includes(action)) {
    const allowed = request.editable_actions.join(", ") || "none";
    return {
      ok: false,
      error: `invalid review answer: answer.args.action: "${safeLine(action, 100)}" is not a remediation this incident's playbook may run (${allowed})`,
    };
  }
  if ("idempotency_key" in args) {
    return {
      ok: false,
      error:
        "invalid review answer: answer.args.args.idempotency_key: the idempotency key is set by incident-orchestrator",
    };
  }
  // What an edit may pass: its tool's input, less the key we set ourselves (the remediation's editSchema).
  const checked = REMEDIATIONS[action].editSchema.safeParse(args);
  if (!checked.success) {
    return { ok: false, error: `invalid review answer: ${describeZodError("answer.args.args", checked.error)}` };
  }
  return { ok: true, response: { ...response, args: { action, args: checked.data } } };
}

/** A reviewer's name as state, work notes and the CLI show it: one line, at most this long. */
export const MAX_REVIEWER_CHARS = 100;
/** A reviewer's note as state and work notes keep it (the answer itself may be no longer). */
export const MAX_NOTE_CHARS = 4_000;

/**
 * Who answered, as one clean line: a name cannot carry an escape sequence, a second line or a
 * secret into the result or a work note. What is left when nothing printable was given: "unknown".
 */
export function cleanReviewer(name: string): string {
  return safeLine(name, MAX_REVIEWER_CHARS) || "unknown";
}

/** A reviewer's note: its lines kept, control characters and secrets removed, capped. */
export function cleanNote(note: string): string {
  return safeBlock(note, MAX_NOTE_CHARS);
}

/** The review as the result keeps it; the reviewer's name and note are cleaned before they enter state. */
export function reviewRecord(
  state: GraphState,
  request: ReviewRequest,
  response: HumanResponse,
  reviewer: string,
  at: Date,
): ReviewRecord {
  const runs = response.type === "edit" || (response.type === "accept" && request.proposes_remediation);
  return {
    reason: request.reason,
    proposed: request.interrupt.action_request,
    attempt: runs ? request.attempt : null,
    response: response.type,
    action: response.type === "edit" ? response.args : null,
    note: response.type === "response" ? cleanNote(response.args) : null,
    reviewer: cleanReviewer(reviewer),
    at: at.toISOString(),
    errors_seen: state.errors.length,
    decisions_seen: state.decisions.length,
  };
}
