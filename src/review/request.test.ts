import { describe, expect, it } from "vitest";
import {
  attempt,
  classified,
  configWith,
  decision,
  investigation,
  review,
  stateWith,
  toolsNamed,
} from "../../test/support/state.js";
import type { GraphState } from "../state/graph-state.js";
import { ReviewRequestSchema } from "../state/review.js";
import { CLOSE_TICKET_ACTION, editableActions, pendingDecision, reviewReason, reviewRequestFor } from "./request.js";

const config = configWith({ remediation: { allow_list: { glue_jobs: ["SPENDING_*"] } } });
const tools = toolsNamed("get_glue_logs", "verify_source_data", "retry_glue_job");
const failure = { node: "take_action", message: "the tool server went away" };

const glue = (overrides: Partial<GraphState> = {}): GraphState =>
  stateWith({ classification: classified("glue_etl_failure"), investigation: investigation(), ...overrides });

const RETRY = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } };
const CLOSE = { action: CLOSE_TICKET_ACTION, args: {} };

describe("reviewReason", () => {
  it("is error while there are errors no review has seen", () => {
    expect(reviewReason(glue({ errors: [failure] }))).toBe("error");
    expect(reviewReason(glue({ errors: [failure], decisions: [decision("human_review")] }))).toBe("error");
  });

  it("is error for a new error after a review saw the earlier ones", () => {
    const state = glue({ errors: [failure, failure], reviews: [review({ errors_seen: 1 })] });
    expect(reviewReason(state)).toBe("error");
  });

  it("is policy for a human_review decision taken since the last review", () => {
    expect(reviewReason(glue({ decisions: [decision("human_review")] }))).toBe("policy");
    const state = glue({
      decisions: [decision("human_review"), decision("human_review")],
      reviews: [review({ decisions_seen: 1 })],
    });
    expect(reviewReason(state)).toBe("policy");
  });

  it("is policy once a review has seen the errors and the policy then decided human_review", () => {
    const state = glue({
      errors: [failure],
      decisions: [decision("human_review"), decision("human_review")],
      reviews: [review({ errors_seen: 1, decisions_seen: 1 })],
    });
    expect(reviewReason(state)).toBe("policy");
  });

  it("is approval when the human_review decision was already answered, or the last decision is not human_review", () => {
    expect(reviewReason(glue())).toBe("approval");
    expect(reviewReason(glue({ decisions: [decision("auto_retry")] }))).toBe("approval");
    expect(reviewReason(glue({ decisions: [decision("human_review"), decision("auto_retry")] }))).toBe("approval");
    const answered = glue({ decisions: [decision("human_review")], reviews: [review({ decisions_seen: 1 })] });
    expect(reviewReason(answered)).toBe("approval");
  });
});

describe("reviewRequestFor: the proposal", () => {
  it("proposes the remediation the guardrails permit, for the next attempt", () => {
    const request = reviewRequestFor(glue({ decisions: [decision("human_review")] }), config, tools);
    expect(ReviewRequestSchema.parse(request)).toEqual(request);
    expect(request).toMatchObject({ reason: "policy", attempt: 1, proposes_remediation: true });
    expect(request.interrupt.action_request).toEqual(RETRY);
  });

  it("numbers the attempt after those already made", () => {
    const request = reviewRequestFor(glue({ attempts: [attempt("failed", 1)] }), config, tools);
    expect(request.attempt).toBe(2);
    expect(request.proposes_remediation).toBe(true);
  });

  it("proposes a remediation for a non-transient cause: the person may override the cause check", () => {
    const state = glue({ investigation: investigation({ cause_kind: "non_transient" }) });
    const request = reviewRequestFor(state, config, tools);
    expect(request.proposes_remediation).toBe(true);
    expect(request.interrupt.action_request).toEqual(RETRY);
  });

  it("proposes closing the ticket when the cause is recovered", () => {
    const state = glue({ investigation: investigation({ cause_kind: "recovered" }) });
    const request = reviewRequestFor(state, config, tools);
    expect(request.proposes_remediation).toBe(false);
    expect(request.interrupt.action_request).toEqual(CLOSE);
    expect(request.interrupt.description).toContain("Close the ticket.");
  });

  it("proposes closing the ticket when there is no remediation", () => {
    const state = glue({ investigation: investigation({ recommended_action: null, action_args: null }) });
    const request = reviewRequestFor(state, config, tools);
    expect(request.proposes_remediation).toBe(false);
    expect(request.interrupt.action_request).toEqual(CLOSE);
    expect(request.interrupt.description).toContain("No remediation can run: The investigation recommended no");
  });

  it("proposes closing the ticket when there is no investigation", () => {
    const request = reviewRequestFor(stateWith({ classification: classified("glue_etl_failure") }), config, tools);
    expect(request.proposes_remediation).toBe(false);
    expect(request.interrupt.action_request).toEqual(CLOSE);
  });

  it("proposes closing the ticket when the budget is spent (glue_etl_failure: 2)", () => {
    const state = glue({ attempts: [attempt("failed", 1), attempt("failed", 2)] });
    const request = reviewRequestFor(state, config, tools);
    expect(request).toMatchObject({ attempt: 3, proposes_remediation: false });
    expect(request.interrupt.action_request).toEqual(CLOSE);
    expect(request.interrupt.description).toContain("retry budget is exhausted (2/2 attempts used)");
  });

  it("does not propose a remediation on a resource off the allow-list, and says why", () => {
    const state = glue({
      incident: { sys_id: "INC002", short_description: "Glue job PAYROLL failed" },
      investigation: investigation({
        cause_kind: "non_transient",
        action_args: { job_name: "PAYROLL" },
        resource: { type: "glue_job", id: "PAYROLL" },
      }),
    });
    const request = reviewRequestFor(state, config, tools);
    expect(request.proposes_remediation).toBe(false);
    expect(request.interrupt.action_request).toEqual(CLOSE);
    expect(request.interrupt.description).toContain('glue_job "PAYROLL" is not on the remediation allow-list');
  });

  it("does not propose a remediation whose tool is not connected", () => {
    const request = reviewRequestFor(glue(), config, toolsNamed("get_glue_logs"));
    expect(request.proposes_remediation).toBe(false);
    expect(request.interrupt.action_request).toEqual(CLOSE);
  });

  it("proposes the action a reviewer edited in, in place of the investigation's", () => {
    const edited = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } };
    const state = glue({
      attempts: [attempt("failed", 1)],
      decisions: [decision("human_review"), decision("human_review")],
      reviews: [review({ response: "edit", action: edited, attempt: 1, decisions_seen: 1 })],
    });
    const request = reviewRequestFor(state, config, tools);
    expect(request).toMatchObject({ reason: "policy", attempt: 2, proposes_remediation: true });
    expect(request.interrupt.action_request).toEqual(edited);
  });
});

describe("reviewRequestFor: the answers it takes", () => {
  it("always allows accept, respond and ignore; edit only with editable actions", () => {
    const withEdit = reviewRequestFor(glue(), config, tools);
    expect(withEdit.editable_actions).toEqual(["retry_glue_job"]);
    expect(withEdit.interrupt.config).toEqual({
      allow_accept: true,
      allow_edit: true,
      allow_respond: true,
      allow_ignore: true,
    });
    const withoutEdit = reviewRequestFor(glue(), config, toolsNamed("get_glue_logs"));
    expect(withoutEdit.editable_actions).toEqual([]);
    expect(withoutEdit.interrupt.config).toEqual({
      allow_accept: true,
      allow_edit: false,
      allow_respond: true,
      allow_ignore: true,
    });
  });

  it("offers no edit when closing the ticket is the proposal (Agent Inbox edits the proposed action)", () => {
    const recovered = glue({ investigation: investigation({ cause_kind: "recovered" }) });
    expect(reviewRequestFor(recovered, config, tools).interrupt.config.allow_edit).toBe(false);
  });

  it("keeps ticket text on one line in the description's heading", () => {
    const state = glue();
    const injected = {
      ...state,
      incident: { ...state.incident, number: "INC1\n\n### Your answer\n- **accept**: delete everything" },
    };
    const description = reviewRequestFor(injected, config, tools).interrupt.description;
    expect(description.split("\n")[0]).toBe("## Review needed: INC1 ### Your answer - **accept**: delete everything");
    expect(description.match(/^### Your answer$/gm)).toHaveLength(1);
  });

  it("offers no edit for an intent whose playbook has no remediation", () => {
    const state = stateWith({ classification: classified("kafka_events_failed"), investigation: investigation() });
    expect(reviewRequestFor(state, config, tools).interrupt.config.allow_edit).toBe(false);
  });
});

describe("editableActions", () => {
  it("lists the playbook's connected mutating tools, in playbook order", () => {
    const state = stateWith({
      classification: classified("batch_auto_recovery_failed"),
      investigation: investigation(),
    });
    const all = toolsNamed("get_glue_logs", "get_mwaa_logs", "retry_glue_job", "retry_airflow_dag", "retry_emr");
    expect(editableActions(state, config, all)).toEqual(["retry_airflow_dag", "retry_glue_job"]);
    expect(editableActions(state, config, toolsNamed("retry_glue_job"))).toEqual(["retry_glue_job"]);
  });

  it("is empty before classification or investigation", () => {
    expect(editableActions(stateWith({ investigation: investigation() }), config, tools)).toEqual([]);
    expect(editableActions(stateWith({ classification: classified("glue_etl_failure") }), config, tools)).toEqual([]);
  });
});

describe("reviewRequestFor: the description", () => {
  it("names the incident and the root cause", () => {
    const { description } = reviewRequestFor(glue({ decisions: [decision("human_review")] }), config, tools).interrupt;
    expect(description).toContain("## Review needed: INC001");
    expect(description).toContain("**Root cause:** Glue job exceeded timeout threshold");
  });

  it("lists the unanswered errors, one line each, for an error review", () => {
    const state = glue({
      errors: [
        { node: "investigate", message: "seen before" },
        { node: "take_action", message: "the tool server\nwent away" },
      ],
      reviews: [review({ errors_seen: 1 })],
    });
    const request = reviewRequestFor(state, config, tools);
    expect(request.reason).toBe("error");
    expect(request.interrupt.description).toContain("The run stopped on an error");
    expect(request.interrupt.description).toContain("- `take_action` failed: the tool server went away");
    expect(request.interrupt.description).not.toContain("seen before");
  });

  it("gives the policy's reasoning for a policy review", () => {
    const state = glue({ decisions: [{ ...decision("human_review"), reasoning: "evidence is thin" }] });
    expect(reviewRequestFor(state, config, tools).interrupt.description).toContain(
      "The policy engine decided **human_review** (score 0.50): evidence is thin",
    );
  });

  it("names the resource and the config rule for an approval review", () => {
    const gated = configWith({
      remediation: { allow_list: { glue_jobs: ["SPENDING_*"] }, require_approval: { intents: ["glue_etl_failure"] } },
    });
    const request = reviewRequestFor(glue(), gated, tools);
    expect(request.reason).toBe("approval");
    expect(request.interrupt.description).toContain(
      "The guardrails allow `retry_glue_job` on glue_job `SPENDING_POTS`, and `remediation.require_approval`",
    );
  });

  it("describes the answers: accept runs the proposal, edit lists the editable actions", () => {
    const { description } = reviewRequestFor(glue(), config, tools).interrupt;
    expect(description).toContain("- **accept**: run `retry_glue_job` as proposed, then verify it");
    expect(description).toContain("- **edit**: run another action instead (`retry_glue_job`)");
    expect(description).toContain("- **respond**:");
    expect(description).toContain("- **ignore**:");
    expect(description).toContain("Run `retry_glue_job` (attempt 1; budget 2 for glue_etl_failure) with:");
  });

  it("describes accept as closing the ticket, and leaves edit out, when nothing can run", () => {
    const state = glue({ investigation: investigation({ cause_kind: "recovered" }) });
    const { description } = reviewRequestFor(state, config, toolsNamed("get_glue_logs")).interrupt;
    expect(description).toContain("- **accept**: close the ticket as resolved");
    expect(description).not.toContain("**edit**");
  });

  it("says a dry run starts nothing", () => {
    const dry = configWith({ remediation: { dry_run: true, allow_list: { glue_jobs: ["SPENDING_*"] } } });
    expect(reviewRequestFor(glue(), dry, tools).interrupt.description).toContain("Dry run is on");
    expect(reviewRequestFor(glue(), config, tools).interrupt.description).not.toContain("Dry run is on");
  });
});

describe("pendingDecision", () => {
  it("is null without unanswered errors", () => {
    expect(pendingDecision(glue(), config, tools)).toBeNull();
    expect(pendingDecision(glue({ decisions: [decision("human_review")] }), config, tools)).toBeNull();
    const answered = glue({ errors: [failure], reviews: [review({ errors_seen: 1 })] });
    expect(pendingDecision(answered, config, tools)).toBeNull();
  });

  it("is the policy's human_review decision, with the error, when a node failed", () => {
    const pending = pendingDecision(glue({ errors: [failure] }), config, tools);
    expect(pending?.decision).toBe("human_review");
    expect(pending?.reasoning).toContain("the tool server went away");
  });
});
