import { describe, expect, it } from "vitest";
import { CORROBORATION_WEIGHT, SUBJECT_WEIGHT, TEXT_SIGNALS } from "./rules.js";
import { MIN_SCORE } from "./score.js";
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

describe("alarm signals need DAG context", () => {
  const ec2CpuAlarm = [
    'ALARM: "bastion-prod-cpu-high" in US East (N. Virginia)',
    "Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (90.0).\nMetricNamespace: AWS/EC2",
  ] as const;

  it("gives an alarm about something other than a DAG no dag_alarm evidence but the weak one", () => {
    const dagAlarmHits = findTextSignals({ subject: ec2CpuAlarm[0], body: ec2CpuAlarm[1] }).filter(
      (found) => found.intent === "dag_alarm",
    );
    expect(dagAlarmHits.map((found) => found.id)).toEqual(["alarm.without-dag"]);
    expect(dagAlarmHits[0]?.weight).toBeLessThan(MIN_SCORE);
  });

  it("counts metric thresholds and latency breaches for dag_alarm in DAG context", () => {
    expect(hit(...ec2CpuAlarm, "alarm.metric")).toBeUndefined();
    expect(hit("p90 latency breached threshold on orders-api", "", "alarm.sla")).toBeUndefined();
    expect(hit('ALARM: "daily_sales-dag-failed"', "Threshold Crossed: 1 datapoint", "alarm.metric")).toBeDefined();
    expect(hit("DAG daily_sales latency threshold breached", "", "alarm.sla")).toBeDefined();
  });

  it("reads the AmazonMWAA namespace as DAG context", () => {
    const body = "MetricNamespace: AmazonMWAA\nMetricName: TaskInstanceFailures";
    expect(hit('ALARM: "orders-task-failures"', body, "alarm.notification")).toBeDefined();
    expect(hit('ALARM: "orders-task-failures"', body, "alarm.without-dag")).toBeUndefined();
  });
});

describe("missing.arrival-alarm", () => {
  const location = "Description: objects land under s3://lake-raw/fx/dt=2026-10-19/ by 07:00";

  it.each([
    ['ALARM: "raw-fx-rates-arrival" in EU (Ireland)', location],
    ["Landing alert: partner feed", "expected file in s3://partner-in/feed/dt=2026-03-01/"],
    ["CloudWatch alarm fired", `MetricName: ObjectsLanded\n${location}`],
    ["Freshness monitor red for orders", "prefix s3://lake/orders/dt=2026-01-02/ is empty-handed"],
  ])("matches a data-arrival alarm with a location: %s", (subject, body) => {
    expect(hit(subject, body, "missing.arrival-alarm")).toBeDefined();
  });

  it.each([
    ['ALARM: "raw-fx-rates-arrival"', "no location named anywhere"],
    ['ALARM: "fx_rates_load-dag-arrival"', location],
    ["Landing SLA alert: partner feed", location], // an SLA is DAG context (see rules.ts)
    ["check-landing task failed", "s3://lake/x/ NoSuchKey"],
    ["Glue job failed", "s3://lake/orders/ delivery pipeline"],
  ])("does not match without a location, in DAG context, or without an alarm: %s", (subject, body) => {
    expect(hit(subject, body, "missing.arrival-alarm")).toBeUndefined();
  });
});

describe("source_zero_data count fields and deliveries", () => {
  it.each([
    "Row count check failed: orders rows_ingested=0",
    '{"dataset":"orders","rows_ingested":0}',
    "row_count: 0",
    "records=0 for partner feed",
    '"bytes": 0',
    "num_rows = 0",
    "record count=0",
  ])("zero.count-field matches %j", (subject) => {
    expect(hit(subject, "", "zero.count-field")).toBeDefined();
  });

  it.each([
    "rows_ingested=120000",
    "records=0.5",
    "row_count: 00:30 window",
    "files=0 under the prefix",
    "object_count: 0",
    "failed events: 0",
    "bytes_scanned: 0",
  ])("zero.count-field ignores %j", (subject) => {
    expect(hit(subject, "", "zero.count-field")).toBeUndefined();
  });

  it("still reads '0 rows ingested' and 'file was empty' as zero records", () => {
    expect(hit("0 rows ingested for orders", "", "zero.records")).toBeDefined();
    expect(hit("The file was empty", "", "zero.records")).toBeDefined();
    expect(hit("The file was not empty", "", "zero.records")).toBeUndefined();
  });

  it.each([
    "Saturday and Sunday were never delivered by the counter vendor",
    "the vendor never sent the 10th file",
    "No data received from Nielsen for 3rd-5th March",
    "No data at source for the weekend",
    "days missing at the source",
  ])("zero.never-delivered-at-source matches %j", (subject) => {
    expect(hit(subject, "", "zero.never-delivered-at-source")).toBeDefined();
  });

  it.each([
    "the vendor delivered on time",
    "data received from the vendor for every day",
    "the report never refreshed",
    "no data in the dashboard",
  ])("zero.never-delivered-at-source ignores %j", (subject) => {
    expect(hit(subject, "", "zero.never-delivered-at-source")).toBeUndefined();
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
