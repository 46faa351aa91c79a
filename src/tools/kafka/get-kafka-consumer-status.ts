/**
 * get_kafka_consumer_status: an MSK consumer group's lag from the metrics MSK publishes to
 * CloudWatch, its trend over the window, and recent errors from the consumer application's logs.
 */
import {
  GetMetricDataCommand,
  ListMetricsCommand,
  type Dimension,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { isAwsErrorNamed } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime, LogLineSchema, type LogLine } from "../schemas.js";

export const GetKafkaConsumerStatusInput = z.object({
  cluster_name: z.string().min(1),
  consumer_group: z.string().min(1),
  topic: z.string().optional(),
  period_minutes: z.number().int().min(5).max(1440).default(60),
  end_time: z
    .string()
    .optional()
    .describe("End of the window (ISO-8601); default: now. Investigations pass a time around the incident."),
  log_group: z.string().optional().describe("CloudWatch Logs group of the consumer application, for its errors"),
});
export const GetKafkaConsumerStatusOutput = z.object({
  cluster_name: z.string(),
  consumer_group: z.string(),
  topic: z.string().nullable(),
  /** MSK consumer-lag metrics (AWS/Kafka SumOffsetLag, EstimatedMaxTimeLag), oldest first. */
  offset_lag: z.array(z.object({ timestamp: isoTime, value: z.number() })),
  latest_offset_lag: z.number().nullable(),
  lag_trend: z.enum(["rising", "falling", "flat", "no_data"]),
  latest_time_lag_s: z.number().nullable(),
  error_excerpt: z.array(LogLineSchema),
});

export const getKafkaConsumerStatusTool = defineTool({
  name: "get_kafka_consumer_status",
  title: "MSK consumer group lag",
  description:
    "Read-only. An Amazon MSK consumer group's lag over the last period_minutes from CloudWatch (AWS/Kafka " +
    "SumOffsetLag per minute and EstimatedMaxTimeLag in seconds; without topic, summed over the group's topics), " +
    "the lag trend (rising, falling, flat, no_data), " +
    "and with log_group the consumer application's recent ERROR/Exception log lines.",
  mutating: false,
  input: GetKafkaConsumerStatusInput,
  output: GetKafkaConsumerStatusOutput,
  run: (clients, input) => getKafkaConsumerStatus(clients, input),
});

const KAFKA_NAMESPACE = "AWS/Kafka";
/** GetMetricData takes 500 queries; two per topic, and a group rarely reads more topics than this. */
const MAX_TOPICS = 50;
const ERROR_LINES = 20;
/** FilterLogEvents pages over the window at most; the newest ERROR_LINES of what they hold are kept. */
const ERROR_SCAN_PAGES = 10;
const ERROR_PATTERN = "?ERROR ?Exception";

type KafkaStatus = z.infer<typeof GetKafkaConsumerStatusOutput>;
type Point = KafkaStatus["offset_lag"][number];

export async function getKafkaConsumerStatus(
  clients: AwsClients,
  input: z.infer<typeof GetKafkaConsumerStatusInput>,
  clock: Date = new Date(),
): Promise<KafkaStatus> {
  const now = input.end_time && !Number.isNaN(Date.parse(input.end_time)) ? new Date(input.end_time) : clock;
  const start = new Date(now.getTime() - input.period_minutes * 60_000);
  const [lag, errors] = await Promise.all([
    consumerLag(clients, input, start, now),
    input.log_group ? recentErrors(clients, input.log_group, start, now) : Promise.resolve([]),
  ]);
  return {
    cluster_name: input.cluster_name,
    consumer_group: input.consumer_group,
    topic: input.topic ?? null,
    offset_lag: lag.offset,
    latest_offset_lag: lag.offset.at(-1)?.value ?? null,
    lag_trend: lagTrend(lag.offset.map((point) => point.value)),
    latest_time_lag_s: lag.time.at(-1)?.value ?? null,
    error_excerpt: errors,
  };
}

/**
 * The group's lag per minute. MSK publishes it per topic, so without a topic the group's topics are
 * found with ListMetrics and combined: offset lag adds up across topics, time lag is the worst one.
 */
async function consumerLag(
  clients: AwsClients,
  input: z.infer<typeof GetKafkaConsumerStatusInput>,
  start: Date,
  end: Date,
): Promise<{ offset: Point[]; time: Point[] }> {
  const group: Dimension[] = [
    { Name: "Cluster Name", Value: input.cluster_name },
    { Name: "Consumer Group", Value: input.consumer_group },
  ];
  const topics = input.topic ? [input.topic] : await topicsOf(clients, group);
  // No topic known: ask for the group-level series (empty on MSK itself, but cheap and harmless).
  const dimensionSets =
    topics.length > 0 ? topics.map((topic) => [...group, { Name: "Topic", Value: topic }]) : [group];
  const query = (id: string, metricName: string, dimensions: Dimension[]) => ({
    Id: id,
    MetricStat: {
      Metric: { Namespace: KAFKA_NAMESPACE, MetricName: metricName, Dimensions: dimensions },
      Period: 60,
      Stat: "Maximum",
    },
    ReturnData: true,
  });
  const out = await clients.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: start,
      EndTime: end,
      ScanBy: "TimestampAscending",
      MetricDataQueries: dimensionSets.flatMap((dimensions, i) => [
        query(`offset_${i}`, "SumOffsetLag", dimensions),
        query(`time_${i}`, "EstimatedMaxTimeLag", dimensions),
      ]),
    }),
  );
  const results = out.MetricDataResults ?? [];
  const seriesOf = (prefix: string) => results.filter((r) => r.Id?.startsWith(prefix)).map(series);
  return {
    offset: combine(seriesOf("offset_"), (a, b) => a + b),
    time: combine(seriesOf("time_"), Math.max),
  };
}

async function topicsOf(clients: AwsClients, group: Dimension[]): Promise<string[]> {
  const out = await clients.cloudwatch.send(
    new ListMetricsCommand({ Namespace: KAFKA_NAMESPACE, MetricName: "SumOffsetLag", Dimensions: group }),
  );
  const topics = (out.Metrics ?? []).flatMap((metric) =>
    (metric.Dimensions ?? []).filter((d) => d.Name === "Topic" && d.Value).map((d) => d.Value as string),
  );
  return [...new Set(topics)].sort().slice(0, MAX_TOPICS);
}

/** Series merged by timestamp with `merge`, oldest first. */
export function combine(all: readonly Point[][], merge: (a: number, b: number) => number): Point[] {
  const byTime = new Map<string, number>();
  for (const points of all) {
    for (const point of points) {
      const seen = byTime.get(point.timestamp);
      byTime.set(point.timestamp, seen === undefined ? point.value : merge(seen, point.value));
    }
  }
  return [...byTime.entries()]
    .map(([timestamp, value]) => ({ timestamp, value }))
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
}

/**
 * Rising when the last third's mean exceeds the first third's by more than 10%, falling when it is
 * more than 10% below, flat otherwise; no_data for an empty series.
 */
export function lagTrend(values: readonly number[]): KafkaStatus["lag_trend"] {
  if (values.length === 0) return "no_data";
  const third = Math.max(1, Math.floor(values.length / 3));
  const first = mean(values.slice(0, third));
  const last = mean(values.slice(-third));
  if (first === 0) return last > 0 ? "rising" : "flat";
  if (last > first * 1.1) return "rising";
  if (last < first * 0.9) return "falling";
  return "flat";
}

/** One metric's datapoints, oldest first, whatever order CloudWatch sent them in. */
function series(result: MetricDataResult | undefined): Point[] {
  const timestamps = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  return timestamps
    .map((timestamp, i) => ({ time: timestamp.getTime(), value: values[i] }))
    .filter((point): point is { time: number; value: number } => point.value !== undefined)
    .sort((a, b) => a.time - b.time)
    .map((point) => ({ timestamp: new Date(point.time).toISOString(), value: point.value }));
}

async function recentErrors(clients: AwsClients, logGroup: string, start: Date, end: Date): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < ERROR_SCAN_PAGES; page += 1) {
      const out = await clients.logs.send(
        new FilterLogEventsCommand({
          logGroupName: logGroup,
          filterPattern: ERROR_PATTERN,
          startTime: start.getTime(),
          endTime: end.getTime(),
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      for (const event of out.events ?? []) {
        lines.push({
          timestamp: new Date(event.timestamp ?? 0).toISOString(),
          message: (event.message ?? "").trimEnd(),
        });
      }
      nextToken = out.nextToken;
      if (!nextToken) break;
    }
  } catch (error) {
    // A consumer that never logged has no group yet: no errors to show.
    if (isAwsErrorNamed(error, "ResourceNotFoundException")) return [];
    throw error;
  }
  return lines.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp)).slice(-ERROR_LINES);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
