import { describe, expect, it } from "vitest";
import { attempt, classified, decision, investigation, stateWith } from "../../test/support/state.js";
import {
  ReviewRecordSchema,
  type HumanInterruptConfig,
  type HumanResponse,
  type ReviewRequest,
} from "../state/review.js";
import { checkAnswer, reviewRecord } from "./answer.js";

const ALL_ALLOWED: HumanInterruptConfig = {
  allow_accept: true,
  allow_edit: true,
  allow_respond: true,
  allow_ignore: true,
};

function request(overrides: Partial<ReviewRequest> = {}, config: Partial<HumanInterruptConfig> = {}): ReviewRequest {
  return {
    reason: "policy",
    attempt: 2,
    proposes_remediation: true,
    editable_actions: ["retry_glue_job"],
    interrupt: {
      action_request: { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } },
      config: { ...ALL_ALLOWED, ...config },
      description: "## Review needed",
    },
    ...overrides,
  };
}

const edit = (action: string, args: Record<string, unknown>) => ({ type: "edit", args: { action, args } });

/** The error text of a refused answer (fails the test when the answer was taken). */
function refusal(raw: unknown, req: ReviewRequest = request()): string {
  const checked = checkAnswer(raw, req);
  if (checked.ok) throw new Error(`expected a refusal, got ${JSON.stringify(checked.response)}`);
  return checked.error;
}

describe("checkAnswer: which answers a request takes", () => {
  const answers = [
    ["accept", { type: "accept" }, { type: "accept", args: null }],
    ["edit", edit("retry_glue_job", { job_name: "OTHER_JOB" }), edit("retry_glue_job", { job_name: "OTHER_JOB" })],
    [
      "response",
      { type: "response", args: "  look at the upstream feed  " },
      { type: "response", args: "look at the upstream feed" },
    ],
    ["ignore", { type: "ignore" }, { type: "ignore", args: null }],
  ] as const;
  const allowKey = {
    accept: "allow_accept",
    edit: "allow_edit",
    response: "allow_respond",
    ignore: "allow_ignore",
  } as const;

  it.each(answers)("takes %s when the request allows it", (_type, raw, parsed) => {
    expect(checkAnswer(raw, request())).toEqual({ ok: true, response: parsed });
  });

  it.each(answers)("refuses %s when the request's config disallows it", (type, raw) => {
    const req = request({}, { [allowKey[type]]: false });
    expect(checkAnswer(raw, req)).toEqual({
      ok: false,
      error: `invalid review answer: "${type}" is not allowed for this review`,
    });
  });

  it("only the disallowed answer is refused; the others are still taken", () => {
    const req = request({}, { allow_edit: false });
    expect(checkAnswer({ type: "accept" }, req).ok).toBe(true);
    expect(checkAnswer({ type: "ignore" }, req).ok).toBe(true);
    expect(checkAnswer(edit("retry_glue_job", { job_name: "X" }), req).ok).toBe(false);
  });

  it("keeps an accept that echoes the action request (Agent Inbox does), and the reviewer, trimmed", () => {
    const echoed = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } };
    expect(checkAnswer({ type: "accept", args: echoed, reviewer: " bob " }, request())).toEqual({
      ok: true,
      response: { type: "accept", args: echoed, reviewer: "bob" },
    });
  });
});

describe("checkAnswer: a list of one, a bare answer, or neither", () => {
  it("takes Agent Inbox's list of one response and a bare response alike", () => {
    const bare = checkAnswer({ type: "ignore" }, request());
    const listed = checkAnswer([{ type: "ignore" }], request());
    expect(listed).toEqual({ ok: true, response: { type: "ignore", args: null } });
    expect(bare).toEqual(listed);
  });

  it("refuses a list of two, naming how many it got", () => {
    expect(refusal([{ type: "accept" }, { type: "ignore" }])).toBe(
      "invalid review answer: answer: give exactly one response, not 2",
    );
  });

  it("refuses an empty list", () => {
    expect(refusal([])).toBe("invalid review answer: answer: give exactly one response, not 0");
  });
});

describe("checkAnswer: bad shapes name the field", () => {
  it("names answer.type for a missing or unknown type", () => {
    expect(refusal({ type: "approve" })).toMatch(/^invalid review answer: answer\.type: /);
    expect(refusal({})).toMatch(/^invalid review answer: answer\.type: /);
    expect(refusal([{ type: "reject" }])).toMatch(/^invalid review answer: answer\.type: /);
  });

  it("names answer.args for args of the wrong kind", () => {
    expect(refusal({ type: "edit" })).toMatch(/^invalid review answer: answer\.args: /);
    expect(refusal({ type: "edit", args: "retry_glue_job" })).toMatch(/^invalid review answer: answer\.args: /);
    expect(refusal({ type: "response", args: "   " })).toMatch(/^invalid review answer: answer\.args: /);
    expect(refusal({ type: "response", args: null })).toMatch(/^invalid review answer: answer\.args: /);
    expect(refusal({ type: "ignore", args: "please" })).toMatch(/^invalid review answer: answer\.args: /);
  });

  it("names answer.args.args for an edit without its arguments", () => {
    expect(refusal({ type: "edit", args: { action: "retry_glue_job" } })).toMatch(
      /^invalid review answer: answer\.args\.args: /,
    );
  });

  it("refuses what is not an answer at all, and unknown keys", () => {
    expect(refusal(null)).toMatch(/^invalid review answer: answer: /);
    expect(refusal("accept")).toMatch(/^invalid review answer: answer: /);
    expect(refusal({ type: "accept", comment: "ok" })).toMatch(/^invalid review answer: answer: .*"comment"/);
  });

  it("checks the shape before whether the answer is allowed", () => {
    const req = request({}, { allow_respond: false });
    expect(refusal({ type: "response", args: "" }, req)).toMatch(/^invalid review answer: answer\.args: /);
  });
});

describe("checkAnswer: edits", () => {
  it("refuses an action that is not a remediation tool, listing the ones allowed", () => {
    expect(refusal(edit("delete_bucket", { bucket: "x" }))).toBe(
      'invalid review answer: answer.args.action: "delete_bucket" is not a remediation this incident\'s playbook may run (retry_glue_job)',
    );
    expect(refusal(edit("get_glue_logs", { job_name: "x" }))).toMatch(/^invalid review answer: answer\.args\.action: /);
  });

  it("refuses a remediation that is not among the request's editable actions", () => {
    expect(refusal(edit("retry_emr", { cluster_id: "j-1", step_id: "s-1" }))).toMatch(
      /^invalid review answer: answer\.args\.action: "retry_emr" is not a remediation .*\(retry_glue_job\)$/,
    );
  });

  it("says 'none' when no action is editable", () => {
    const req = request({ editable_actions: [] });
    expect(refusal(edit("retry_glue_job", { job_name: "X" }), req)).toMatch(/\(none\)$/);
  });

  it("refuses arguments that carry an idempotency key", () => {
    expect(refusal(edit("retry_glue_job", { job_name: "X", idempotency_key: "io-".padEnd(43, "0") }))).toBe(
      "invalid review answer: answer.args.args.idempotency_key: the idempotency key is set by incident-orchestrator",
    );
  });

  it("refuses arguments the tool's schema does not accept, naming the field", () => {
    expect(refusal(edit("retry_glue_job", {}))).toMatch(/^invalid review answer: answer\.args\.args\.job_name: /);
    expect(refusal(edit("retry_glue_job", { job_name: "" }))).toMatch(
      /^invalid review answer: answer\.args\.args\.job_name: /,
    );
    expect(refusal(edit("retry_glue_job", { job_name: "X", arguments: { "--day": 1 } }))).toMatch(
      /^invalid review answer: answer\.args\.args\.arguments\.--day: /,
    );
  });

  it("refuses extra keys in the arguments", () => {
    expect(refusal(edit("retry_glue_job", { job_name: "X", run_id: "jr_1" }))).toMatch(
      /^invalid review answer: answer\.args\.args: .*"run_id"/,
    );
  });

  it("checks each remediation against its own tool's schema", () => {
    const req = request({ editable_actions: ["retry_airflow_dag", "retry_emr", "retry_athena_query"] });
    expect(refusal(edit("retry_airflow_dag", { dag_id: "daily" }), req)).toMatch(
      /^invalid review answer: answer\.args\.args\.environment: /,
    );
    expect(refusal(edit("retry_emr", { cluster_id: "j-1" }), req)).toMatch(
      /^invalid review answer: answer\.args\.args\.step_id: /,
    );
    expect(checkAnswer(edit("retry_athena_query", { query_id: "q-1" }), req)).toEqual({
      ok: true,
      response: edit("retry_athena_query", { query_id: "q-1" }),
    });
  });

  it("returns a valid edit with its parsed arguments", () => {
    const args = { job_name: "SPENDING_POTS_V2", arguments: { "--day": "2026-11-22" } };
    expect(checkAnswer([{ ...edit("retry_glue_job", args), reviewer: "carol" }], request())).toEqual({
      ok: true,
      response: { type: "edit", args: { action: "retry_glue_job", args }, reviewer: "carol" },
    });
  });
});

describe("reviewRecord", () => {
  const at = new Date("2026-11-23T07:15:00.000Z");
  const state = stateWith({
    classification: classified("glue_etl_failure"),
    investigation: investigation(),
    attempts: [attempt("failed", 1)],
    decisions: [decision("auto_retry"), decision("human_review")],
    errors: [{ node: "take_action", message: "boom" }],
  });
  const record = (response: HumanResponse, req: ReviewRequest = request()) =>
    reviewRecord(state, req, response, "dana", at);

  it("records an accepted remediation as approving the request's attempt", () => {
    const rec = record({ type: "accept", args: null });
    expect(rec).toEqual({
      reason: "policy",
      proposed: { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } },
      attempt: 2,
      response: "accept",
      action: null,
      note: null,
      reviewer: "dana",
      at: "2026-11-23T07:15:00.000Z",
      errors_seen: 1,
      decisions_seen: 2,
    });
    expect(ReviewRecordSchema.parse(rec)).toEqual(rec);
  });

  it("records an accept that closes the ticket (no remediation proposed) with no attempt", () => {
    const closing = request({
      proposes_remediation: false,
      interrupt: { ...request().interrupt, action_request: { action: "close_ticket", args: {} } },
    });
    expect(record({ type: "accept", args: null }, closing)).toMatchObject({
      attempt: null,
      response: "accept",
      action: null,
      proposed: { action: "close_ticket", args: {} },
    });
  });

  it("records an edit with the attempt and the edited action, even when closing was proposed", () => {
    const action = { action: "retry_glue_job", args: { job_name: "OTHER" } };
    expect(record({ type: "edit", args: action })).toMatchObject({ attempt: 2, response: "edit", action, note: null });
    expect(record({ type: "edit", args: action }, request({ proposes_remediation: false }))).toMatchObject({
      attempt: 2,
    });
  });

  it("records a response's note, with no attempt", () => {
    expect(record({ type: "response", args: "escalate to the data team" })).toMatchObject({
      attempt: null,
      response: "response",
      action: null,
      note: "escalate to the data team",
    });
  });

  it("records an ignore with no attempt, action or note", () => {
    expect(record({ type: "ignore", args: null })).toMatchObject({
      attempt: null,
      response: "ignore",
      action: null,
      note: null,
    });
  });

  it("counts the errors and decisions the reviewer saw, and keeps the reason", () => {
    const empty = reviewRecord(stateWith(), request({ reason: "approval" }), { type: "ignore", args: null }, "x", at);
    expect(empty).toMatchObject({ reason: "approval", errors_seen: 0, decisions_seen: 0 });
    const errorReview = reviewRecord(state, request({ reason: "error" }), { type: "ignore", args: null }, "x", at);
    expect(errorReview).toMatchObject({ reason: "error", errors_seen: 1, decisions_seen: 2 });
  });

  it("stamps `at` as an ISO date-time of the given clock", () => {
    const rec = record({ type: "ignore", args: null });
    expect(rec.at).toBe(at.toISOString());
    expect(ReviewRecordSchema.shape.at.safeParse(rec.at).success).toBe(true);
  });
});
