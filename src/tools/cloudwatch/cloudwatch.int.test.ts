import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

const scenario: ScenarioInput = {
  cloudwatch: {
    alarms: [
      {
        name: "dag-daily_payments-sla",
        state: "ALARM",
        reason: "Threshold Crossed: 1 datapoint [3600.0] was greater than or equal to the threshold (1800.0).",
        updated: "2026-03-02T07:00:00Z",
        namespace: "AmazonMWAA",
        metric: "DAGDurationSuccess",
        dimensions: { DAG: "daily_payments", Environment: "prod-airflow" },
        threshold: 1800,
        history: [
          { timestamp: "2026-03-01T07:00:00Z", summary: "Alarm updated from ALARM to OK" },
          { timestamp: "2026-03-02T07:00:00Z", summary: "Alarm updated from OK to ALARM" },
          { timestamp: "2026-02-28T07:00:00Z", summary: "Alarm updated from OK to ALARM" },
        ],
      },
      {
        name: "dag-daily_orders-sla",
        state: "OK",
        updated: "2026-03-02T06:00:00Z",
        namespace: "AmazonMWAA",
        metric: "DAGDurationSuccess",
        threshold: 1800,
        history: [{ timestamp: "2026-03-02T06:00:00Z", summary: "Alarm updated from ALARM to OK" }],
      },
      { name: "glue-errors", state: "ALARM", updated: "2026-03-02T05:00:00Z" },
    ],
  },
};

let box: ToolSandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe("get_cloudwatch_alarm (sandbox)", () => {
  it("returns an alarm by name with what it watches and its history, newest first", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_cloudwatch_alarm", { alarm_name: "dag-daily_payments-sla", history_limit: 2 });
    expect(out.alarms).toEqual([
      {
        name: "dag-daily_payments-sla",
        state: "ALARM",
        reason: expect.stringContaining("Threshold Crossed"),
        updated: "2026-03-02T07:00:00.000Z",
        namespace: "AmazonMWAA",
        metric: "DAGDurationSuccess",
        dimensions: { DAG: "daily_payments", Environment: "prod-airflow" },
        threshold: 1800,
      },
    ]);
    expect(out.history.map((item) => [item.timestamp, item.summary])).toEqual([
      ["2026-03-02T07:00:00.000Z", "Alarm updated from OK to ALARM"],
      ["2026-03-01T07:00:00.000Z", "Alarm updated from ALARM to OK"],
    ]);
    expect(out.history[0]).toMatchObject({ alarm_name: "dag-daily_payments-sla", type: "StateUpdate" });
  });

  it("finds alarms by prefix and merges their history newest first", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_cloudwatch_alarm", { alarm_name_prefix: "dag-" });
    expect(out.alarms.map((alarm) => alarm.name).sort()).toEqual(["dag-daily_orders-sla", "dag-daily_payments-sla"]);
    expect(out.history.map((item) => item.timestamp)).toEqual([
      "2026-03-02T07:00:00.000Z",
      "2026-03-02T06:00:00.000Z",
      "2026-03-01T07:00:00.000Z",
      "2026-02-28T07:00:00.000Z",
    ]);
  });

  it("without a name returns the alarms firing now; history_limit 0 reads no history", async () => {
    box = await openToolSandbox(scenario);
    const out = await box.call("get_cloudwatch_alarm", { history_limit: 0 });
    expect(out.alarms.map((alarm) => alarm.name).sort()).toEqual(["dag-daily_payments-sla", "glue-errors"]);
    expect(out.history).toEqual([]);
    expect(box.count("DescribeAlarmHistory")).toBe(0);
  });

  it("answers an unknown alarm with no alarms", async () => {
    box = await openToolSandbox(scenario);
    expect(await box.call("get_cloudwatch_alarm", { alarm_name: "nope" })).toEqual({ alarms: [], history: [] });
  });

  it("answers a persistent throttle with a ToolError after the SDK's retries", async () => {
    box = await openToolSandbox({ ...scenario, faults: [{ service: "cloudwatch", kind: "throttle" }] }, 2);
    const error = await box.callFailing("get_cloudwatch_alarm", { alarm_name: "glue-errors" });
    expect(error.error).toMatchObject({ code: "ThrottlingException", http_status: 429 });
    expect(box.count("DescribeAlarms")).toBe(2);
  });
});
