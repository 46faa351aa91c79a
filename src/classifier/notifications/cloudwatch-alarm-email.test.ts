import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCloudWatchAlarmEmail } from "./cloudwatch-alarm-email.js";
import { parseDimensionList, resourcesFromDimensions } from "./cloudwatch-dimensions.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

const MWAA_REASON =
  "Threshold Crossed: 1 out of the last 1 datapoints [2.0 (23/11/26 02:36:00)] was greater than or equal to " +
  "the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).";

describe("parseCloudWatchAlarmEmail", () => {
  it("reads the documented alarm e-mail, header wrapped after the state", () => {
    expect(parseCloudWatchAlarmEmail(fixture("cloudwatch_alarm_email-1.txt"))).toEqual({
      format: "cloudwatch_alarm_email",
      service: "cloudwatch",
      resource: { type: "alarm", name: "IAMAcessKeyRotationCheckAlarm" },
      // CheckName is no resource of ours.
      related: [],
      run_id: null,
      state: "ALARM",
      time: "2021-03-26T22:49:42.000Z",
      error:
        "Threshold Crossed: 1 out of the last 1 datapoints [9.0 (26/03/21 22:44:00)] was greater than or equal " +
        "to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
    });
  });

  it("finds the DAG and the MWAA environment in the dimensions", () => {
    expect(parseCloudWatchAlarmEmail(fixture("cloudwatch_alarm_email-2.txt"))).toEqual({
      format: "cloudwatch_alarm_email",
      service: "cloudwatch",
      resource: { type: "alarm", name: "prod-daily-sales-task-failures" },
      related: [
        { type: "dag", name: "daily_sales" },
        { type: "mwaa_environment", name: "prod-data-airflow" },
      ],
      run_id: null,
      state: "ALARM",
      time: "2026-11-23T02:41:05.000Z",
      error: MWAA_REASON,
    });
  });

  it("finds the MSK cluster, consumer group and topic in the dimensions", () => {
    expect(parseCloudWatchAlarmEmail(fixture("cloudwatch_alarm_email-3.txt"))?.related).toEqual([
      { type: "kafka_cluster", name: "acme-msk-prod" },
      { type: "consumer_group", name: "payments-enricher" },
      { type: "kafka_topic", name: "payments" },
    ]);
  });

  it("reads the e-mail quoted in a reply, as HTML", () => {
    const html = fixture("cloudwatch_alarm_email-2.txt")
      .split("\n")
      .map((line) => `&gt; ${line.replace(/"/g, "&quot;")}<br>`)
      .join("");
    expect(parseCloudWatchAlarmEmail(`<p>FYI</p>${html}`)).toMatchObject({
      resource: { type: "alarm", name: "prod-daily-sales-task-failures" },
      related: [
        { type: "dag", name: "daily_sales" },
        { type: "mwaa_environment", name: "prod-data-airflow" },
      ],
      error: MWAA_REASON,
    });
  });

  it("falls back to the detail lines when the header was not pasted", () => {
    const details = fixture("cloudwatch_alarm_email-2.txt").slice(
      fixture("cloudwatch_alarm_email-2.txt").indexOf("Alarm Details:"),
    );
    expect(parseCloudWatchAlarmEmail(details)).toMatchObject({
      resource: { type: "alarm", name: "prod-daily-sales-task-failures" },
      state: "ALARM",
      time: "2026-11-23T02:41:05.000Z",
      error: MWAA_REASON,
    });
  });

  it("gives no error when the alarm went back to OK", () => {
    const ok = fixture("cloudwatch_alarm_email-1.txt").replace(
      "has entered the ALARM state",
      "has entered the OK state",
    );
    expect(parseCloudWatchAlarmEmail(ok)).toMatchObject({ state: "OK", error: null });
  });

  it("returns null for prose about an alarm", () => {
    expect(parseCloudWatchAlarmEmail("The CloudWatch alarm prod-dag-failures is in ALARM since 2am")).toBeNull();
  });
});

describe("CloudWatch dimensions", () => {
  it("splits pairs only where a new name starts, so values may hold commas", () => {
    expect(parseDimensionList("[Consumer Group = payments, v2, Topic = payments]")).toEqual([
      { name: "Consumer Group", value: "payments, v2" },
      { name: "Topic", value: "payments" },
    ]);
    expect(parseDimensionList("[InstanceId]")).toEqual([]);
  });

  it("maps well-known names, and contextual ones only in their context", () => {
    expect(
      resourcesFromDimensions(
        [
          { name: "JobName", value: "orders" },
          { name: "JobFlowId", value: "j-1YONHTCP3YZKC" },
          { name: "ClusterId", value: "dax-cluster" },
          { name: "WorkGroup", value: "analysts" },
          { name: "DagId", value: "daily_sales" },
          { name: "InstanceId", value: "i-39e64c5f" },
        ],
        "Glue",
      ),
    ).toEqual([
      { type: "glue_job", name: "orders" },
      { type: "emr_cluster", name: "j-1YONHTCP3YZKC" },
      { type: "athena_workgroup", name: "analysts" },
      { type: "dag", name: "daily_sales" },
    ]);
    expect(resourcesFromDimensions([{ name: "Environment", value: "prod" }], "AWS/ElasticBeanstalk")).toEqual([]);
    expect(resourcesFromDimensions([{ name: "Environment", value: "prod" }], "AmazonMWAA")).toEqual([
      { type: "mwaa_environment", name: "prod" },
    ]);
  });
});
