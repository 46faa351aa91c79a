import { describe, expect, it } from "vitest";
import { CORROBORATION_WEIGHT, SUBJECT_WEIGHT, TEXT_SIGNALS } from "./rules.js";
import { findEntitySignals, findTextSignals, isNegated } from "./signals.js";

const weightOf = (id: string): number => TEXT_SIGNALS.find((signal) => signal.id === id)?.weight ?? Number.NaN;
const hit = (subject: string, body: string, id: string) =>
  findTextSignals({ subject, body }).find((found) => found.id === id);

describe("findTextSignals", () => {
  it("counts a subject signal SUBJECT_WEIGHT times, a body-only one once", () => {
    expect(hit("Athena down", "", "athena.named")?.weight).toBe(weightOf("athena.named") * SUBJECT_WEIGHT);
    expect(hit("help", "athena", "athena.named")?.weight).toBe(weightOf("athena.named"));
    expect(hit("Athena down", "", "athena.named")?.inSubject).toBe(true);
  });

  it("adds corroboration when the body repeats the subject, once", () => {
    expect(hit("Athena", "athena athena athena", "athena.named")?.weight).toBe(
      weightOf("athena.named") * (SUBJECT_WEIGHT + CORROBORATION_WEIGHT),
    );
  });

  it("matches case-insensitively and reports the evidence", () => {
    expect(hit("ACCESSDENIED on bucket", "", "access.denied")?.evidence).toBe("accessdenied");
  });

  it("honours requires and unless", () => {
    // An ALARM notification counts for dag_alarm only with DAG context...
    expect(hit('ALARM: "dag-late"', "", "alarm.notification")).toBeDefined();
    expect(hit('ALARM: "bastion-cpu"', "", "alarm.notification")).toBeUndefined();
    // ...and the weak context-free signal only without it.
    expect(hit('ALARM: "bastion-cpu"', "", "alarm.without-dag")).toBeDefined();
    expect(hit('ALARM: "dag-late"', "", "alarm.without-dag")).toBeUndefined();
    // 'missing' is data_missing with a location, data_not_available without.
    expect(hit("sales data missing", "", "missing.at-location")).toBeUndefined();
    expect(hit("sales data missing", "", "unavailable.data-missing")).toBeDefined();
    expect(hit("sales data missing in s3://lake/sales/", "", "missing.at-location")).toBeDefined();
    expect(hit("sales data missing in s3://lake/sales/", "", "unavailable.data-missing")).toBeUndefined();
  });

  it("ignores negated mentions but counts a later affirmed one", () => {
    expect(hit("Glue job failed", "no AccessDenied errors in the log", "access.denied")).toBeUndefined();
    expect(hit("Glue job failed", "This is not a permission denied issue", "access.denied")).toBeUndefined();
    expect(hit("x", "no AccessDenied yesterday. Today: AccessDenied on s3://a", "access.denied")).toBeDefined();
  });

  it("keeps phrases inside one clause", () => {
    expect(hit("Kafka lag is fine; no errors", "", "kafka.failure")).toBeUndefined();
    expect(hit("Kafka consumer errors since 2am", "", "kafka.failure")).toBeDefined();
  });

  it("does not read identifiers as words", () => {
    // daily_sales_etl is a DAG id, not the word ETL; run_glue_job is a task id, not Glue.
    const hits = findTextSignals({ subject: "task run_glue_job of daily_sales_etl", body: "" });
    expect(hits.map((found) => found.id)).not.toContain("glue.named");
    expect(hits.map((found) => found.id)).not.toContain("glue.etl-failure");
  });
});

describe("isNegated", () => {
  it.each([
    ["no AccessDenied", true],
    ["there were no errors, but 0 records", false],
    ["dashboard not updated and not available", true],
    ["dashboard not updated and available", false],
    ["without any AccessDenied", true],
  ])("%j", (text, negated) => {
    const lastWord = text.lastIndexOf(" ") + 1;
    expect(isNegated(text, lastWord)).toBe(negated);
  });
});

describe("findEntitySignals", () => {
  it("turns found identifiers into evidence for their intent", () => {
    const hits = findEntitySignals({ glue_run_id: "jr_abc12345", emr_cluster_id: "j-ABCDEFGH1" });
    expect(hits.map((found) => [found.intent, found.evidence])).toEqual([
      ["glue_etl_failure", "jr_abc12345"],
      ["emr_failure", "j-ABCDEFGH1"],
    ]);
    expect(findEntitySignals({})).toEqual([]);
  });
});
