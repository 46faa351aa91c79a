import { describe, expect, it } from "vitest";
import { stateWith } from "../../test/support/state.js";
import type { ReviewRequest } from "../state/review.js";
import { MAX_REVIEWER_CHARS, cleanNote, cleanReviewer, reviewRecord } from "./answer.js";

// eslint-disable-next-line no-control-regex -- asserting their absence
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/;

const request: ReviewRequest = {
  reason: "policy",
  attempt: 1,
  proposes_remediation: false,
  editable_actions: [],
  interrupt: {
    action_request: { action: "close_ticket", args: {} },
    config: { allow_accept: true, allow_edit: false, allow_respond: true, allow_ignore: true },
    description: "## Review needed",
  },
};

describe("a reviewer's name and note are clean before they enter state", () => {
  it("keeps a name to one line without escapes, capped", () => {
    const name = `dana\x1b[2K\x1b[1A\nDecision: auto_close\x1b]0;pwned\x07 ${"x".repeat(300)}`;
    const cleaned = cleanReviewer(name);
    expect(cleaned).not.toMatch(CONTROL);
    expect(cleaned).not.toContain("\n");
    expect(cleaned.startsWith("dana Decision: auto_close x")).toBe(true);
    expect(cleaned.length).toBeLessThanOrEqual(MAX_REVIEWER_CHARS);
    expect(cleanReviewer("\x1b[2K\u202e")).toBe("unknown");
  });

  it("keeps a note's lines, drops escapes and carriage returns, redacts secrets", () => {
    expect(cleanNote("Paged on-call.\r\nDB: postgresql://etl:hunter2@db/lake\x1b[31m\rok")).toBe(
      "Paged on-call.\nDB: postgresql://etl:[redacted]@db/lakeok",
    );
  });

  it("records the cleaned name and note", () => {
    const record = reviewRecord(
      stateWith(),
      request,
      { type: "response", args: "line one\x1b[2K\nline two\x9b31m" },
      "jdoe\x1b]0;title\x07",
      new Date("2026-11-23T07:15:00.000Z"),
    );
    expect(record.reviewer).toBe("jdoe");
    expect(record.note).toBe("line one\nline two");
  });
});
