import { describe, expect, it } from "vitest";
import {
  attempt,
  classified,
  configWith,
  investigation,
  review,
  stateWith,
  toolsNamed,
} from "../../test/support/state.js";
import type { z } from "zod";
import type { ApprovalConfigSchema } from "../config/schema.js";
import type { GraphState } from "../state/graph-state.js";
import { nextAttempt } from "./next-attempt.js";

const allowList = { glue_jobs: ["SPENDING_*"] };
const config = configWith({ remediation: { allow_list: allowList } });
const gated = (require_approval: z.input<typeof ApprovalConfigSchema>) =>
  configWith({ remediation: { allow_list: allowList, require_approval } });
const byIntent = gated({ intents: ["glue_etl_failure"] });
const byResource = gated({ resources: { glue_jobs: ["SPENDING_*"] } });
const tools = toolsNamed("get_glue_logs", "retry_glue_job");

const glue = (overrides: Partial<GraphState> = {}): GraphState =>
  stateWith({ classification: classified("glue_etl_failure"), investigation: investigation(), ...overrides });

describe("nextAttempt", () => {
  it("is attempt 1 of the investigation's remediation, permitted, needing no approval by default", () => {
    expect(nextAttempt(glue(), config, tools)).toEqual({
      attempt: 1,
      proposal: {
        action: "retry_glue_job",
        args: { job_name: "SPENDING_POTS" },
        resource: { type: "glue_job", id: "SPENDING_POTS" },
      },
      approved_by_person: false,
      check: { permitted: true, action: "retry_glue_job", resource: { type: "glue_job", id: "SPENDING_POTS" } },
      awaiting_approval: false,
    });
  });

  it("numbers the attempt after every attempt made, refused ones included", () => {
    expect(nextAttempt(glue({ attempts: [attempt("refused", 1), attempt("failed", 2)] }), config, tools).attempt).toBe(
      3,
    );
  });

  it("checks nothing without an investigation", () => {
    const next = nextAttempt(stateWith({ classification: classified("glue_etl_failure") }), byIntent, tools);
    expect(next).toMatchObject({ attempt: 1, proposal: null, check: null, awaiting_approval: false });
  });

  it("checks an investigation with no remediation as no_remediation", () => {
    const next = nextAttempt(glue({ investigation: investigation({ recommended_action: null }) }), byIntent, tools);
    expect(next.proposal).toBeNull();
    expect(next.check).toMatchObject({ permitted: false, reason: "no_remediation" });
    expect(next.awaiting_approval).toBe(false);
  });

  it("counts only attempts that started something against the budget, unless told otherwise", () => {
    const twoFailed = glue({ attempts: [attempt("failed", 1), attempt("failed", 2)] });
    expect(nextAttempt(twoFailed, config, tools).check).toMatchObject({ reason: "budget_exhausted" });
    expect(nextAttempt(twoFailed, config, tools, { used: 1 }).check?.permitted).toBe(true);
    const twoRefused = glue({ attempts: [attempt("refused", 1), attempt("refused", 2)] });
    expect(nextAttempt(twoRefused, config, tools).check?.permitted).toBe(true);
  });

  describe("awaiting_approval", () => {
    it("is true when config wants the intent approved and nobody has", () => {
      expect(nextAttempt(glue(), byIntent, tools).awaiting_approval).toBe(true);
    });

    it("is true when config wants the resource approved (glob) and nobody has", () => {
      expect(nextAttempt(glue(), byResource, tools).awaiting_approval).toBe(true);
      const other = gated({ resources: { glue_jobs: ["PAYROLL_*"] } });
      expect(nextAttempt(glue(), other, tools).awaiting_approval).toBe(false);
    });

    it("is false for another intent", () => {
      const dagOnly = gated({ intents: ["dag_failure"] });
      expect(nextAttempt(glue(), dagOnly, tools).awaiting_approval).toBe(false);
    });

    it("is false when the guardrails refuse anyway", () => {
      expect(nextAttempt(glue(), byIntent, toolsNamed("get_glue_logs")).awaiting_approval).toBe(false);
      const offList = glue({ investigation: investigation({ resource: { type: "glue_job", id: "PAYROLL" } }) });
      expect(nextAttempt(offList, byIntent, tools).awaiting_approval).toBe(false);
      const nonTransient = glue({ investigation: investigation({ cause_kind: "non_transient" }) });
      expect(nextAttempt(nonTransient, byIntent, tools).awaiting_approval).toBe(false);
    });

    it("is false once a review accepted this attempt", () => {
      const approved = glue({ reviews: [review({ reason: "approval", attempt: 1 })] });
      const next = nextAttempt(approved, byIntent, tools);
      expect(next).toMatchObject({ approved_by_person: true, awaiting_approval: false });
      expect(next.check?.permitted).toBe(true);
    });

    it("is true again for the attempt after the approved one", () => {
      const state = glue({ attempts: [attempt("failed", 1)], reviews: [review({ reason: "approval", attempt: 1 })] });
      expect(nextAttempt(state, byIntent, tools)).toMatchObject({
        attempt: 2,
        approved_by_person: false,
        awaiting_approval: true,
      });
    });

    it("is not lifted by a review that approved nothing", () => {
      const closed = glue({ reviews: [review({ response: "accept", attempt: null })] });
      expect(nextAttempt(closed, byIntent, tools)).toMatchObject({
        approved_by_person: false,
        awaiting_approval: true,
      });
      const noted = glue({ reviews: [review({ response: "response", attempt: null, note: "wait" })] });
      expect(nextAttempt(noted, byIntent, tools).awaiting_approval).toBe(true);
    });
  });

  describe("approved_by_person", () => {
    it("comes from an accept review for this attempt number", () => {
      expect(nextAttempt(glue({ reviews: [review({ attempt: 1 })] }), config, tools).approved_by_person).toBe(true);
      expect(nextAttempt(glue({ reviews: [review({ attempt: 2 })] }), config, tools).approved_by_person).toBe(false);
      expect(nextAttempt(glue(), config, tools).approved_by_person).toBe(false);
    });

    it("lets a non-transient cause through the guardrails", () => {
      const nonTransient = investigation({ cause_kind: "non_transient" });
      expect(nextAttempt(glue({ investigation: nonTransient }), config, tools).check).toMatchObject({
        reason: "non_transient_cause",
      });
      const approved = glue({ investigation: nonTransient, reviews: [review({ attempt: 1 })] });
      expect(nextAttempt(approved, config, tools).check?.permitted).toBe(true);
    });

    it("comes from an edit, whose action becomes the proposal and whose arguments name the resource", () => {
      const edited = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } };
      const state = glue({ reviews: [review({ response: "edit", action: edited, attempt: 1 })] });
      expect(nextAttempt(state, byIntent, tools)).toMatchObject({
        proposal: { ...edited, resource: { type: "glue_job", id: "SPENDING_POTS" } },
        approved_by_person: true,
        check: { permitted: true, resource: { type: "glue_job", id: "SPENDING_POTS" } },
        awaiting_approval: false,
      });
    });

    it("does not get an edit aimed at another resource than the incident's subject through", () => {
      const edited = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS_V2" } };
      const state = glue({ reviews: [review({ response: "edit", action: edited, attempt: 1 })] });
      expect(nextAttempt(state, byIntent, tools).check).toMatchObject({ permitted: false, reason: "not_the_subject" });
    });

    it("does not get an edited resource off the allow-list through", () => {
      const edited = { action: "retry_glue_job", args: { job_name: "PAYROLL" } };
      const state = glue({
        incident: { sys_id: "INC002", short_description: "Glue job PAYROLL failed" },
        reviews: [review({ response: "edit", action: edited, attempt: 1 })],
      });
      expect(nextAttempt(state, config, tools).check).toMatchObject({ permitted: false, reason: "not_allow_listed" });
    });
  });

  describe("assumeApproved", () => {
    it("checks as if a person had approved: the cause check is lifted, nothing awaits approval", () => {
      const state = glue({ investigation: investigation({ cause_kind: "undetermined" }) });
      expect(nextAttempt(state, byIntent, tools, { assumeApproved: true })).toMatchObject({
        approved_by_person: true,
        check: { permitted: true },
        awaiting_approval: false,
      });
    });

    it("still refuses what the allow-list or the budget refuse", () => {
      const spent = glue({ attempts: [attempt("failed", 1), attempt("failed", 2)] });
      expect(nextAttempt(spent, config, tools, { assumeApproved: true }).check).toMatchObject({
        reason: "budget_exhausted",
      });
      const offList = glue({ investigation: investigation({ resource: { type: "glue_job", id: "PAYROLL" } }) });
      expect(nextAttempt(offList, config, tools, { assumeApproved: true }).check).toMatchObject({
        reason: "not_allow_listed",
      });
    });
  });
});
