import { describe, expect, it } from "vitest";
import type { HumanInterrupt } from "../state/review.js";
import { markerFor } from "./marker.js";
import { findTicketAnswer, type JournalEntry } from "./ticket-review.js";

const PAUSE_KEY = "t:paused:0";
const review: HumanInterrupt = {
  action_request: { action: "retry_glue_job", args: {} },
  config: { allow_accept: true, allow_edit: false, allow_respond: true, allow_ignore: true },
  description: "",
};
let next = 0;
const entry = (created_on: string, created_by: string, value: string, element = "work_notes"): JournalEntry => ({
  sys_id: `e${next++}`,
  element,
  value,
  created_by,
  created_on,
});
const pause = entry("2026-11-23 06:00:00", "incident.orchestrator", `On hold.\n\n${markerFor(PAUSE_KEY)}`);
const find = (entries: JournalEntry[], refused: Set<string> = new Set()) =>
  findTicketAnswer({ entries, pauseKey: PAUSE_KEY, review, approvers: new Set(["ana"]), refused });

describe("findTicketAnswer", () => {
  it("nobody can have answered before our On Hold note is on the ticket", () => {
    expect(find([entry("2026-11-23 06:01:00", "ana", "/approve")])).toEqual({ kind: "not_asked" });
  });

  it("takes the first approver command written after the pause, attributed to its author", () => {
    const first = entry("2026-11-23 06:02:00", "ana", "/reject wrong job");
    const found = find([entry("2026-11-23 06:03:00", "ana", "/approve"), first, pause]);
    expect(found).toEqual({
      kind: "answer",
      entry: first,
      answer: { type: "response", args: "wrong job", reviewer: "ana" },
    });
  });

  it("ignores notes before or in the same second as the pause, from non-approvers, comments, plain notes and our own", () => {
    expect(
      find([
        entry("2026-11-23 05:59:00", "ana", "/approve"),
        pause,
        entry("2026-11-23 06:00:00", "ana", "/approve"),
        entry("2026-11-23 06:01:00", "sam", "/approve"),
        entry("2026-11-23 06:01:00", "ana", "/approve", "comments"),
        entry("2026-11-23 06:02:00", "ana", "looking at it"),
        entry("2026-11-23 06:03:00", "ana", `/approve\n${markerFor("t:other")}`),
      ]),
    ).toEqual({ kind: "none" });
  });

  it("refuses a command that cannot answer, then looks past it once refused", () => {
    const close = entry("2026-11-23 06:01:00", "ana", "/close");
    const approve = entry("2026-11-23 06:02:00", "ana", "/approve");
    expect(find([pause, close, approve])).toMatchObject({ kind: "refused", entry: close });
    expect(find([pause, close, approve], new Set([close.sys_id]))).toMatchObject({ kind: "answer", entry: approve });
  });
});
