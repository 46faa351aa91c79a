import { userInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { UserInputError } from "../../errors.js";
import { HumanResponseSchema } from "../../state/review.js";
import { answerFrom, type ResumeCommandOptions } from "./resume.js";

/** The UserInputError answerFrom throws (fails the test when it throws nothing, or something else). */
function inputError(options: ResumeCommandOptions): UserInputError {
  try {
    answerFrom(options);
  } catch (error) {
    if (error instanceof UserInputError) return error;
    throw error;
  }
  throw new Error(`expected a UserInputError for ${JSON.stringify(options)}`);
}

const EXACTLY_ONE = "give exactly one of --accept, --edit <json>, --respond <text>, --ignore";

describe("answerFrom: exactly one answer", () => {
  it("refuses no answer, in one line", () => {
    const error = inputError({ by: "alice" });
    expect(error.message).toBe(EXACTLY_ONE);
    expect(error.message).not.toContain("\n");
  });

  it("refuses two or more answers, naming them, in one line", () => {
    expect(inputError({ accept: true, ignore: true }).message).toBe(`${EXACTLY_ONE} (got --accept, --ignore)`);
    const three = inputError({ accept: true, edit: "{}", respond: "note" });
    expect(three.message).toBe(`${EXACTLY_ONE} (got --accept, --edit, --respond)`);
    expect(three.message).not.toContain("\n");
  });

  it("does not count flags given as false", () => {
    expect(answerFrom({ accept: false, ignore: true, by: "alice" })).toEqual({
      type: "ignore",
      args: null,
      reviewer: "alice",
    });
    expect(inputError({ accept: false, ignore: false }).message).toBe(EXACTLY_ONE);
  });

  it("counts an empty --respond or --edit as given", () => {
    expect(inputError({ accept: true, respond: "" }).message).toBe(`${EXACTLY_ONE} (got --accept, --respond)`);
    expect(inputError({ ignore: true, edit: "" }).message).toBe(`${EXACTLY_ONE} (got --edit, --ignore)`);
  });
});

describe("answerFrom: each answer", () => {
  it("builds accept, ignore and response as Agent Inbox's HumanResponse", () => {
    expect(answerFrom({ accept: true, by: "alice" })).toEqual({ type: "accept", args: null, reviewer: "alice" });
    expect(answerFrom({ ignore: true, by: "alice" })).toEqual({ type: "ignore", args: null, reviewer: "alice" });
    expect(answerFrom({ respond: "please ask the data team", by: "alice" })).toEqual({
      type: "response",
      args: "please ask the data team",
      reviewer: "alice",
    });
  });

  it("builds an edit from its JSON", () => {
    const edit = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS_V2" } };
    const answer = answerFrom({ edit: JSON.stringify(edit), by: "alice" });
    expect(answer).toEqual({ type: "edit", args: edit, reviewer: "alice" });
    expect(HumanResponseSchema.parse(answer)).toEqual(answer);
  });

  it("signs the answer with --by, else the user running the command", () => {
    expect(answerFrom({ accept: true, by: "carol@example.com" }).reviewer).toBe("carol@example.com");
    expect(answerFrom({ accept: true }).reviewer).toBe(userInfo().username);
  });

  it("gives answers the review schema takes", () => {
    for (const options of [{ accept: true }, { ignore: true }, { respond: "a note" }] as ResumeCommandOptions[]) {
      expect(HumanResponseSchema.safeParse(answerFrom({ ...options, by: "dana" })).success).toBe(true);
    }
  });
});

describe("answerFrom: --edit errors", () => {
  it("refuses text that is not JSON, saying what to give", () => {
    for (const text of ["", "{action: retry_glue_job}", '{"action": "retry_glue_job",']) {
      const error = inputError({ edit: text });
      expect(error.message).toMatch(/^--edit: not valid JSON \(.+\); give \{"action": "…", "args": \{…\}\}$/);
      expect(error.message).not.toContain("\n");
    }
  });

  it("refuses JSON of the wrong shape, naming the field", () => {
    expect(inputError({ edit: '{"action": "retry_glue_job"}' }).message).toMatch(/^invalid edit: edit\.args: /);
    expect(inputError({ edit: '{"action": "", "args": {}}' }).message).toMatch(/^invalid edit: edit\.action: /);
    expect(inputError({ edit: '{"args": {}}' }).message).toMatch(/^invalid edit: edit\.action: /);
    expect(inputError({ edit: '{"action": "retry_glue_job", "args": []}' }).message).toMatch(
      /^invalid edit: edit\.args: /,
    );
    expect(inputError({ edit: "[]" }).message).toMatch(/^invalid edit: edit: /);
    expect(inputError({ edit: '{"action": "retry_glue_job", "args": {}, "why": "x"}' }).message).toMatch(
      /^invalid edit: edit: .*"why"/,
    );
  });
});
