import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  InvalidParameterValueException,
  ListMetricsCommand,
} from "@aws-sdk/client-cloudwatch";
import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";
import { sandboxClientConfig } from "./test-client-config.js";

const NOW = Date.parse("2025-03-01T10:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000);

const SCENARIO: ScenarioInput = {
  now: "2025-03-01T10:00:00Z",
  cloudwatch: {
    alarms: [
      {
        name: "payments-lag-high",
        state: "ALARM",
        reason: "Threshold Crossed: 1 datapoint [5000.0] was greater than the threshold (1000.0).",
        updated: "2025-03-01T09:58:00Z",
        namespace: "AWS/Kafka",
        metric: "SumOffsetLag",
        dimensions: { "Cluster Name": "msk-prod", "Consumer Group": "payments", Topic: "payments" },
        threshold: 1000,
        history: [
          { timestamp: "2025-03-01T09:00:00Z", type: "ConfigurationUpdate", summary: "Alarm updated" },
          { timestamp: "2025-03-01T09:58:00Z", summary: "Alarm updated from OK to ALARM" },
        ],
      },
      { name: "orders-errors", state: "OK", updated: "2025-03-01T08:00:00Z" },
    ],
    metrics: [
      {
        namespace: "App/Orders",
        metric: "Errors",
        dimensions: { Service: "orders" },
        datapoints: [
          { timestamp: "2025-03-01T09:00:10Z", value: 1 },
          { timestamp: "2025-03-01T09:00:40Z", value: 3 },
          { timestamp: "2025-03-01T09:01:10Z", value: 10 },
        ],
      },
    ],
  },
  kafka: {
    consumers: [
      {
        cluster_name: "msk-prod",
        consumer_group: "payments",
        topic: "payments",
        offset_lag: [100, 900, 2500, 5000],
        time_lag_s: [1, 30, 90, 240],
      },
    ],
  },
};

const KAFKA_DIMENSIONS = [
  { Name: "Cluster Name", Value: "msk-prod" },
  { Name: "Consumer Group", Value: "payments" },
  { Name: "Topic", Value: "payments" },
];

describe("CloudWatch emulator", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  async function cloudwatch(): Promise<CloudWatchClient> {
    sandbox = await startSandbox({ scenario: SCENARIO });
    return new CloudWatchClient(sandboxClientConfig(sandbox));
  }

  it("describes alarms by name, prefix and state", async () => {
    const client = await cloudwatch();
    const byName = await client.send(new DescribeAlarmsCommand({ AlarmNames: ["payments-lag-high"] }));
    expect(byName.MetricAlarms?.[0]).toMatchObject({
      AlarmName: "payments-lag-high",
      StateValue: "ALARM",
      Namespace: "AWS/Kafka",
      MetricName: "SumOffsetLag",
      Threshold: 1000,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
    expect(byName.MetricAlarms?.[0]?.Dimensions).toEqual(KAFKA_DIMENSIONS);
    expect(byName.MetricAlarms?.[0]?.StateUpdatedTimestamp).toEqual(new Date("2025-03-01T09:58:00Z"));
    const byPrefix = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "orders" }));
    expect(byPrefix.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(["orders-errors"]);
    const inAlarm = await client.send(new DescribeAlarmsCommand({ StateValue: "ALARM" }));
    expect(inAlarm.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(["payments-lag-high"]);
  });

  it("returns alarm history newest first, filtered by type and limited", async () => {
    const client = await cloudwatch();
    const all = await client.send(new DescribeAlarmHistoryCommand({ AlarmName: "payments-lag-high" }));
    expect(all.AlarmHistoryItems?.map((item) => item.HistorySummary)).toEqual([
      "Alarm updated from OK to ALARM",
      "Alarm updated",
    ]);
    expect(all.AlarmHistoryItems?.[0]?.Timestamp).toEqual(new Date("2025-03-01T09:58:00Z"));
    const updates = await client.send(
      new DescribeAlarmHistoryCommand({ AlarmName: "payments-lag-high", HistoryItemType: "StateUpdate" }),
    );
    expect(updates.AlarmHistoryItems).toHaveLength(1);
    const limited = await client.send(new DescribeAlarmHistoryCommand({ MaxRecords: 1, ScanBy: "TimestampAscending" }));
    expect(limited.AlarmHistoryItems?.map((item) => item.HistorySummary)).toEqual(["Alarm updated"]);
    expect(limited.NextToken).toBeDefined();
  });

  it("serves Kafka consumer lag as AWS/Kafka metrics, one a minute ending now", async () => {
    const client = await cloudwatch();
    const metricStat = (MetricName: string) => ({
      Metric: { Namespace: "AWS/Kafka", MetricName, Dimensions: KAFKA_DIMENSIONS },
      Period: 60,
      Stat: "Maximum",
    });
    const { MetricDataResults } = await client.send(
      new GetMetricDataCommand({
        StartTime: minutesAgo(60),
        EndTime: minutesAgo(-1),
        ScanBy: "TimestampAscending",
        MetricDataQueries: [
          { Id: "lag", MetricStat: metricStat("SumOffsetLag") },
          { Id: "time", MetricStat: metricStat("EstimatedMaxTimeLag") },
        ],
      }),
    );
    const [lag, time] = MetricDataResults ?? [];
    expect(lag).toMatchObject({ Id: "lag", Label: "SumOffsetLag", StatusCode: "Complete" });
    expect(lag?.Values).toEqual([100, 900, 2500, 5000]);
    expect(lag?.Timestamps).toEqual([minutesAgo(3), minutesAgo(2), minutesAgo(1), minutesAgo(0)]);
    expect(time?.Values).toEqual([1, 30, 90, 240]);
  });

  it("matches only series with exactly the query's dimensions, newest first by default", async () => {
    const client = await cloudwatch();
    const query = (Dimensions: { Name: string; Value: string }[]) =>
      client.send(
        new GetMetricDataCommand({
          StartTime: minutesAgo(60),
          EndTime: minutesAgo(-1),
          MetricDataQueries: [
            {
              Id: "q",
              MetricStat: {
                Metric: { Namespace: "AWS/Kafka", MetricName: "SumOffsetLag", Dimensions },
                Period: 120,
                Stat: "Sum",
              },
            },
          ],
        }),
      );
    expect((await query(KAFKA_DIMENSIONS.slice(0, 2))).MetricDataResults?.[0]?.Values).toEqual([]);
    const full = await query(KAFKA_DIMENSIONS);
    // 10:00 is its own 2-minute bucket; 09:58 holds 09:58 and 09:59.
    expect(full.MetricDataResults?.[0]?.Values).toEqual([5000, 3400, 100]);
  });

  it("aggregates seeded metrics with GetMetricStatistics and lists metrics", async () => {
    const client = await cloudwatch();
    const { Datapoints } = await client.send(
      new GetMetricStatisticsCommand({
        Namespace: "App/Orders",
        MetricName: "Errors",
        Dimensions: [{ Name: "Service", Value: "orders" }],
        StartTime: minutesAgo(120),
        EndTime: new Date(NOW),
        Period: 60,
        Statistics: ["Sum", "Average"],
      }),
    );
    expect(Datapoints?.map((point) => [point.Timestamp?.toISOString(), point.Sum, point.Average])).toEqual([
      ["2025-03-01T09:00:00.000Z", 4, 2],
      ["2025-03-01T09:01:00.000Z", 10, 10],
    ]);
    const { Metrics } = await client.send(new ListMetricsCommand({ Namespace: "AWS/Kafka" }));
    expect(Metrics?.map((metric) => metric.MetricName)).toEqual(["SumOffsetLag", "EstimatedMaxTimeLag"]);
  });

  it("answers invalid input with the modeled InvalidParameterValueException", async () => {
    const client = await cloudwatch();
    await expect(
      client.send(new DescribeAlarmsCommand({ AlarmNames: ["x"], NextToken: "not-a-token" })),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
  });

  it("absorbs an injected throttle with the SDK's retries", async () => {
    sandbox = await startSandbox({
      scenario: { ...SCENARIO, faults: [{ service: "cloudwatch", kind: "throttle", times: 1 }] },
    });
    const client = new CloudWatchClient(sandboxClientConfig(sandbox));
    const { MetricAlarms } = await client.send(new DescribeAlarmsCommand({}));
    expect(MetricAlarms).toHaveLength(2);
    expect(sandbox.calls.map((call) => call.status)).toEqual([429, 200]);
  });
});
