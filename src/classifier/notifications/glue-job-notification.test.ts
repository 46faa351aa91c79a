import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGlueJobNotification } from "./glue-job-notification.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

describe("parseGlueJobNotification", () => {
  it('reads "The Glue job, X, failed with error: … Job Run ID: jr_…", error cut short as pasted', () => {
    const facts = parseGlueJobNotification(fixture("glue_job_notification-1.txt"));
    expect(facts).toEqual({
      format: "glue_job_notification",
      service: "glue",
      resource: { type: "glue_job", name: "parking_permit_denormalised_gds_street_llpg" },
      related: [],
      run_id: "jr_653179f24c6264b3cd519d84b511fdec847",
      state: "FAILED",
      time: null,
      error: expect.stringMatching(/^AnalysisException: "cannot resolve '`ltn_london_fields\.uprn`' given input/),
    });
    expect(facts?.error).toMatch(/street\.SR_IN_CONGESTION_CHARGE_ZONE, pa$/);
  });

  it('reads the chat notifier\'s "Glue failure detected for job: *X*", a name with spaces included', () => {
    expect(parseGlueJobNotification(fixture("glue_job_notification-2.txt"))).toEqual({
      format: "glue_job_notification",
      service: "glue",
      resource: { type: "glue_job", name: "test job name" },
      related: [],
      run_id: "test_run_id123",
      state: "FAILED",
      time: "2023-01-11T13:51:06.000Z",
      error: "An error occurred while running the job.",
    });
  });

  it('reads Glue\'s own "JobName:X and JobRunId:jr_… failed to execute with exception …"', () => {
    const runId = "jr_72dcafecdc9d824d0b11aa7811041c6cb52068b98d151973898e32e4872d1e89";
    expect(parseGlueJobNotification(fixture("glue_job_notification-3.txt"))).toEqual({
      format: "glue_job_notification",
      service: "glue",
      resource: { type: "glue_job", name: "AutoJob" },
      related: [],
      run_id: runId,
      state: "FAILED",
      time: null,
      error: `JobName:AutoJob and JobRunId:${runId} failed to execute with exception Could not find command for the given criteria`,
    });
  });

  it("reads the notifier's first line retyped in prose, without the sentence's full stop", () => {
    expect(parseGlueJobNotification(fixture("glue_job_notification-4.txt"))).toEqual({
      format: "glue_job_notification",
      service: "glue",
      resource: { type: "glue_job", name: "parking_cycle_hangar_met_fail_monthly_format" },
      related: [],
      run_id: null,
      state: "FAILED",
      time: null,
      error: null,
    });
  });

  it("takes the error paragraph when the run id line is missing", () => {
    const text = "The Glue job, orders_v2, failed with error:\n\nAccessDeniedException: no access\n\nRegards";
    expect(parseGlueJobNotification(text)).toMatchObject({
      resource: { type: "glue_job", name: "orders_v2" },
      run_id: null,
      error: "AccessDeniedException: no access",
    });
  });

  it("returns null for prose about a Glue job", () => {
    expect(parseGlueJobNotification("The Glue job orders_v2 failed with an error last night")).toBeNull();
    expect(parseGlueJobNotification("Glue failure detected, please check")).toBeNull();
  });
});
