/**
 * Amazon CloudWatch (AWS JSON **1.0**, `GraniteServiceVersion20100801.`, awsQueryCompatible):
 * alarms and their history from `scenario.cloudwatch.alarms`, metrics from
 * `scenario.cloudwatch.metrics` and the MSK consumer lag of `scenario.kafka.consumers`.
 */
import { z } from "zod";
import { createAwsJsonEmulator, EpochSecondsInput, paginate, toEpochSeconds } from "../protocols/aws-json.js";
import type { Scenario } from "../scenario.js";
import type { EmulatorFactory } from "../types.js";
import {
  bucketPoints,
  metricSeries,
  sameDimensions,
  statistic,
  toDimensions,
  type MetricSeries,
} from "./cloudwatch-metrics.js";

type AlarmSeed = Scenario["cloudwatch"]["alarms"][number];

const DimensionsInput = z.array(z.object({ Name: z.string(), Value: z.string() })).default([]);
const MetricInput = z.object({ Namespace: z.string(), MetricName: z.string(), Dimensions: DimensionsInput });
const ScanBy = z.enum(["TimestampDescending", "TimestampAscending"]).default("TimestampDescending");

const DescribeAlarmsInput = z.object({
  AlarmNames: z.array(z.string()).optional(),
  AlarmNamePrefix: z.string().optional(),
  StateValue: z.enum(["OK", "ALARM", "INSUFFICIENT_DATA"]).optional(),
  MaxRecords: z.number().int().min(1).max(100).optional(),
  NextToken: z.string().optional(),
});
const DescribeAlarmHistoryInput = z.object({
  AlarmName: z.string().optional(),
  HistoryItemType: z.string().optional(),
  StartDate: EpochSecondsInput.optional(),
  EndDate: EpochSecondsInput.optional(),
  MaxRecords: z.number().int().min(1).max(100).optional(),
  NextToken: z.string().optional(),
  ScanBy,
});
const GetMetricDataInput = z.object({
  MetricDataQueries: z
    .array(
      z.object({
        Id: z.string().min(1),
        MetricStat: z.object({ Metric: MetricInput, Period: z.number().int().min(1), Stat: z.string() }).optional(),
        Expression: z.string().optional(),
        Label: z.string().optional(),
        ReturnData: z.boolean().optional(),
      }),
    )
    .min(1),
  StartTime: EpochSecondsInput,
  EndTime: EpochSecondsInput,
  ScanBy,
  NextToken: z.string().optional(),
});
const GetMetricStatisticsInput = MetricInput.extend({
  StartTime: EpochSecondsInput,
  EndTime: EpochSecondsInput,
  Period: z.number().int().min(1),
  Statistics: z.array(z.string()).default([]),
  ExtendedStatistics: z.array(z.string()).default([]),
});
const ListMetricsInput = z.object({
  Namespace: z.string().optional(),
  MetricName: z.string().optional(),
  Dimensions: z.array(z.object({ Name: z.string(), Value: z.string().optional() })).default([]),
});

const BASIC_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

export const createCloudWatchEmulator: EmulatorFactory = (scenario, context) => {
  // Relative series (Kafka lag) end at the scenario's clock when the sandbox starts, to the whole
  // second so the milliseconds the sandbox took to start do not leak into timestamps.
  const series = metricSeries(scenario, new Date(Math.floor(context.now().getTime() / 1000) * 1000));
  const alarms = [...scenario.cloudwatch.alarms].sort((a, b) => a.name.localeCompare(b.name));
  const alarmArn = (name: string) => `arn:aws:cloudwatch:${scenario.region}:${scenario.account_id}:alarm:${name}`;
  const matching = (metric: z.infer<typeof MetricInput>) =>
    series.filter(
      (candidate) =>
        candidate.namespace === metric.Namespace &&
        candidate.metric === metric.MetricName &&
        sameDimensions(candidate.dimensions, metric.Dimensions),
    );

  return createAwsJsonEmulator({
    service: "cloudwatch",
    version: "1.0",
    queryCompatible: true,
    validationErrorCode: "InvalidParameterValueException",
    handlers: {
      DescribeAlarms: (input) => {
        const request = DescribeAlarmsInput.parse(input);
        const selected = alarms.filter(
          (alarm) =>
            (request.AlarmNames === undefined || request.AlarmNames.includes(alarm.name)) &&
            alarm.name.startsWith(request.AlarmNamePrefix ?? "") &&
            (request.StateValue === undefined || alarm.state === request.StateValue),
        );
        const { page, nextToken } = paginate(selected, request.NextToken, request.MaxRecords ?? 50);
        return {
          MetricAlarms: page.map((alarm) => describeAlarm(alarm, alarmArn(alarm.name))),
          CompositeAlarms: [],
          NextToken: nextToken,
        };
      },
      DescribeAlarmHistory: (input) => {
        const request = DescribeAlarmHistoryInput.parse(input);
        const items = alarms
          .filter((alarm) => request.AlarmName === undefined || alarm.name === request.AlarmName)
          .flatMap((alarm) => alarm.history.map((item) => ({ alarm, item, at: Date.parse(item.timestamp) })))
          .filter(
            ({ item, at }) =>
              (request.HistoryItemType === undefined || item.type === request.HistoryItemType) &&
              (request.StartDate === undefined || at >= request.StartDate.getTime()) &&
              (request.EndDate === undefined || at <= request.EndDate.getTime()),
          )
          .sort((a, b) => (request.ScanBy === "TimestampAscending" ? a.at - b.at : b.at - a.at));
        const { page, nextToken } = paginate(items, request.NextToken, request.MaxRecords ?? 100);
        return {
          AlarmHistoryItems: page.map(({ alarm, item, at }) => ({
            AlarmName: alarm.name,
            AlarmType: "MetricAlarm",
            Timestamp: at / 1000,
            HistoryItemType: item.type,
            HistorySummary: item.summary,
            HistoryData: JSON.stringify({ version: "1.0", summary: item.summary }),
          })),
          NextToken: nextToken,
        };
      },
      GetMetricData: (input) => {
        const request = GetMetricDataInput.parse(input);
        const results = request.MetricDataQueries.filter((query) => query.ReturnData !== false).map((query) => {
          if (!query.MetricStat) {
            return {
              Id: query.Id,
              Label: query.Label ?? query.Id,
              Timestamps: [],
              Values: [],
              StatusCode: "Complete",
              Messages: [{ Code: "Unsupported", Value: "Metric math expressions are not emulated by the sandbox" }],
            };
          }
          const { Metric, Period, Stat } = query.MetricStat;
          const buckets = bucketPoints(pointsOf(matching(Metric)), request.StartTime, request.EndTime, Period).flatMap(
            (bucket) => {
              const value = statistic(Stat, bucket.values);
              return value === undefined ? [] : [{ timestamp: bucket.timestamp, value }];
            },
          );
          if (request.ScanBy === "TimestampDescending") buckets.reverse();
          return {
            Id: query.Id,
            Label: query.Label ?? Metric.MetricName,
            Timestamps: buckets.map((bucket) => bucket.timestamp / 1000),
            Values: buckets.map((bucket) => bucket.value),
            StatusCode: "Complete",
          };
        });
        return { MetricDataResults: results, Messages: [] };
      },
      GetMetricStatistics: (input) => {
        const request = GetMetricStatisticsInput.parse(input);
        const buckets = bucketPoints(pointsOf(matching(request)), request.StartTime, request.EndTime, request.Period);
        return {
          Label: request.MetricName,
          Datapoints: buckets.map((bucket) => {
            const basic = Object.fromEntries(
              request.Statistics.filter((stat) => BASIC_STATISTICS.includes(stat)).map((stat) => [
                stat,
                statistic(stat, bucket.values),
              ]),
            );
            const extended = Object.fromEntries(
              request.ExtendedStatistics.map((stat) => [stat, statistic(stat, bucket.values)]),
            );
            return {
              Timestamp: bucket.timestamp / 1000,
              ...basic,
              ...(request.ExtendedStatistics.length > 0 ? { ExtendedStatistics: extended } : {}),
              Unit: "None",
            };
          }),
        };
      },
      ListMetrics: (input) => {
        const request = ListMetricsInput.parse(input);
        const listed = series.filter(
          (candidate) =>
            (request.Namespace === undefined || candidate.namespace === request.Namespace) &&
            (request.MetricName === undefined || candidate.metric === request.MetricName) &&
            request.Dimensions.every(
              (filter) =>
                filter.Name in candidate.dimensions &&
                (filter.Value === undefined || candidate.dimensions[filter.Name] === filter.Value),
            ),
        );
        return {
          Metrics: listed.map((candidate) => ({
            Namespace: candidate.namespace,
            MetricName: candidate.metric,
            Dimensions: toDimensions(candidate.dimensions),
          })),
        };
      },
    },
  });
};

function pointsOf(series: readonly MetricSeries[]) {
  return series.flatMap((candidate) => candidate.points);
}

function describeAlarm(alarm: AlarmSeed, arn: string): Record<string, unknown> {
  const updated = toEpochSeconds(new Date(alarm.updated));
  return {
    AlarmName: alarm.name,
    AlarmArn: arn,
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    StateValue: alarm.state,
    StateReason: alarm.reason,
    StateUpdatedTimestamp: updated,
    StateTransitionedTimestamp: updated,
    AlarmConfigurationUpdatedTimestamp: updated,
    Namespace: alarm.namespace,
    MetricName: alarm.metric,
    Dimensions: toDimensions(alarm.dimensions),
    Statistic: alarm.metric ? "Average" : undefined,
    Period: alarm.metric ? 60 : undefined,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparison,
    TreatMissingData: "missing",
  };
}
