/**
 * The metric series the CloudWatch emulator serves, and CloudWatch's statistics over them. Pure
 * functions: building series from a scenario, matching a query's dimensions, and aggregating
 * datapoints into period buckets.
 */
import type { Scenario } from "../scenario.js";

export interface MetricPoint {
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly value: number;
}

export interface MetricSeries {
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly points: readonly MetricPoint[];
}

export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

const MINUTE = 60_000;

/** `scenario.cloudwatch.metrics` plus the MSK consumer-lag metrics of `scenario.kafka.consumers`. */
export function metricSeries(scenario: Scenario, now: Date): MetricSeries[] {
  const seeded = scenario.cloudwatch.metrics.map((metric) => ({
    namespace: metric.namespace,
    metric: metric.metric,
    dimensions: metric.dimensions,
    points: metric.datapoints.map((point) => ({ timestamp: Date.parse(point.timestamp), value: point.value })),
  }));
  return [...seeded, ...scenario.kafka.consumers.flatMap((consumer) => kafkaLagSeries(consumer, now))];
}

/**
 * MSK publishes consumer lag per (cluster, consumer group, topic) in AWS/Kafka; the scenario gives
 * one value a minute, oldest first, the last one at `now`.
 */
export function kafkaLagSeries(consumer: Scenario["kafka"]["consumers"][number], now: Date): MetricSeries[] {
  const dimensions = {
    "Cluster Name": consumer.cluster_name,
    "Consumer Group": consumer.consumer_group,
    Topic: consumer.topic,
  };
  const perMinute = (values: readonly number[]) =>
    values.map((value, index) => ({ timestamp: now.getTime() - (values.length - 1 - index) * MINUTE, value }));
  const series: MetricSeries[] = [
    { namespace: "AWS/Kafka", metric: "SumOffsetLag", dimensions, points: perMinute(consumer.offset_lag) },
  ];
  if (consumer.time_lag_s) {
    series.push({
      namespace: "AWS/Kafka",
      metric: "EstimatedMaxTimeLag",
      dimensions,
      points: perMinute(consumer.time_lag_s),
    });
  }
  return series;
}

/** CloudWatch matches a metric by its exact dimension set. */
export function sameDimensions(series: Readonly<Record<string, string>>, query: readonly Dimension[]): boolean {
  const names = Object.keys(series);
  return names.length === query.length && query.every((dimension) => series[dimension.Name] === dimension.Value);
}

export function toDimensions(dimensions: Readonly<Record<string, string>>): Dimension[] {
  return Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
}

/** Datapoints in [start, end) grouped into `periodSeconds` buckets (aligned to the epoch), oldest first. */
export function bucketPoints(
  points: readonly MetricPoint[],
  start: Date,
  end: Date,
  periodSeconds: number,
): { timestamp: number; values: number[] }[] {
  const periodMs = periodSeconds * 1000;
  const buckets = new Map<number, number[]>();
  for (const point of points) {
    if (point.timestamp < start.getTime() || point.timestamp >= end.getTime()) continue;
    const bucket = Math.floor(point.timestamp / periodMs) * periodMs;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), point.value]);
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([timestamp, values]) => ({ timestamp, values }));
}

/** One statistic (Average, Sum, Minimum, Maximum, SampleCount, pNN) of a bucket's values; undefined if unknown. */
export function statistic(stat: string, values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  switch (stat) {
    case "Average":
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case "Sum":
      return values.reduce((sum, value) => sum + value, 0);
    case "Minimum":
      return Math.min(...values);
    case "Maximum":
      return Math.max(...values);
    case "SampleCount":
      return values.length;
    default: {
      const percentile = /^p(\d+(?:\.\d+)?)$/.exec(stat)?.[1];
      if (percentile === undefined) return undefined;
      const sorted = [...values].sort((a, b) => a - b);
      const rank = Math.ceil((Number(percentile) / 100) * sorted.length) - 1;
      return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
    }
  }
}
