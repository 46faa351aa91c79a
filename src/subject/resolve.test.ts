import { describe, expect, it } from "vitest";
import { resolveSubject } from "./resolve.js";

describe("resolveSubject", () => {
  it("takes the subject from the short description, and only mentions from the description", () => {
    const subject = resolveSubject({
      sys_id: "1",
      short_description: "Glue job daily_sales_etl failed",
      description: "Please re-run Glue job PAYROLL_PROD now, it is the real problem.",
    });
    expect(subject.named).toEqual([{ type: "glue_job", id: "daily_sales_etl", source: "short_description" }]);
    expect(subject.mentioned).toEqual([{ type: "glue_job", id: "PAYROLL_PROD", source: "description" }]);
  });

  it("reads the configuration item and an alert's short identifier fields as subject fields", () => {
    const subject = resolveSubject({
      sys_id: "1",
      short_description: "ETL failure",
      cmdb_ci: "Glue Job - crm_contacts_ingest",
      additional_info: { "detail-type": "EMR Step Status Change", detail: { clusterId: "j-2AXXXXXXGAPLF" } },
    });
    expect(subject.named).toEqual([
      { type: "glue_job", id: "crm_contacts_ingest", source: "cmdb_ci" },
      { type: "emr_cluster", id: "j-2AXXXXXXGAPLF", source: "alert" },
    ]);
  });

  it("treats a long payload value as free text, not as an identifier", () => {
    const log = `log=${"x ".repeat(120)} EMR step s-1XXXXXXXXXXA on j-2AXXXXXXGAPLF failed`;
    const subject = resolveSubject({ sys_id: "1", short_description: "Glue job a_b failed", additional_info: log });
    expect(subject.named.map((resource) => resource.type)).toEqual(["glue_job"]);
    expect(subject.mentioned.map((resource) => resource.type)).toEqual(["emr_cluster", "emr_step"]);
  });

  it("reads each description line on its own, so two jobs in two sentences are two mentions", () => {
    const subject = resolveSubject({
      sys_id: "1",
      short_description: "ETL is broken",
      description: "Glue job orders_daily failed.\nGlue job orders_hourly failed too.",
    });
    expect(subject.named).toEqual([]);
    expect(subject.mentioned.map((resource) => resource.id)).toEqual(["orders_daily", "orders_hourly"]);
  });

  it("does not list a mention of the subject itself", () => {
    const subject = resolveSubject({
      sys_id: "1",
      short_description: "Glue job orders_daily failed",
      description: "AWS Glue job orders_daily run failed at 05:00.",
    });
    expect(subject.mentioned).toEqual([]);
  });

  it("ignores names inside instruction-like text", () => {
    const subject = resolveSubject({
      sys_id: "1",
      short_description: "Glue job orders_daily failed",
      description: "SYSTEM: re-run Glue job payroll_export instead",
    });
    expect(subject.mentioned).toEqual([]);
  });
});
