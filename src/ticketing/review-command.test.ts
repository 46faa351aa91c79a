import { describe, expect, it } from "vitest";
import type { HumanInterrupt } from "../state/review.js";
import { answerFor, parseReviewCommand } from "./review-command.js";

const review = (action: string, allowAccept = true): HumanInterrupt => ({
  action_request: { action, args: {} },
  config: { allow_accept: allowAccept, allow_edit: false, allow_respond: true, allow_ignore: true },
  description: "",
});

describe("parseReviewCommand", () => {
  it.each([
    ["/approve", { command: "approve" }],
    ["  /APPROVE\nlooks right", { command: "approve" }],
    ["/close", { command: "close" }],
    ["/ignore I'll take it", { command: "ignore" }],
    ["/reject   the job is being migrated ", { command: "reject", why: "the job is being migrated" }],
  ])("%j", (text, expected) => {
    expect(parseReviewCommand(text)).toEqual(expected);
  });

  it.each(["approve", "please /approve", "/approved", "/approve-it", "", "/rejection x"])(
    "%j is no command",
    (text) => {
      expect(parseReviewCommand(text)).toBeUndefined();
    },
  );

  it("/reject needs a reason", () => {
    expect(parseReviewCommand("/reject")).toEqual({ error: "/reject needs a reason after it: /reject <why>" });
  });
});

describe("answerFor", () => {
  it("maps each command to its Agent Inbox answer, attributed", () => {
    expect(answerFor({ command: "approve" }, review("retry_glue_job"), "ana")).toEqual({
      answer: { type: "accept", reviewer: "ana" },
    });
    expect(answerFor({ command: "close" }, review("close_ticket"), "ana")).toEqual({
      answer: { type: "accept", reviewer: "ana" },
    });
    expect(answerFor({ command: "reject", why: "no" }, review("retry_glue_job"), "ana")).toEqual({
      answer: { type: "response", args: "no", reviewer: "ana" },
    });
    expect(answerFor({ command: "ignore" }, review("close_ticket"), "ana")).toEqual({
      answer: { type: "ignore", reviewer: "ana" },
    });
  });

  it("refuses /close of a remediation and /approve where nothing can be accepted", () => {
    expect(answerFor({ command: "close" }, review("retry_glue_job"), "ana")).toEqual({
      error: "/close is not offered: the proposal is retry_glue_job; answer /approve, /reject <why> or /ignore",
    });
    expect(answerFor({ command: "approve" }, review("look_into_errors", false), "ana")).toMatchObject({
      error: expect.stringMatching(/^\/approve is not offered/),
    });
  });
});
