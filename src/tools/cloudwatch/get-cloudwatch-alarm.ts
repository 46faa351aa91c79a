/**
 * get_cloudwatch_alarm: alarms by name or prefix (or every alarm firing now) with their recent
 * history, so an alarm incident can be judged on what the alarm watches and how often it flapped.
 */
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  type AlarmHistoryItem,
  type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { isoOrNull } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime } from "../schemas.js";

export const GetCloudwatchAlarmInput = z.object({
  alarm_name: z.string().optional(),
  alarm_name_prefix: z.string().optional(),
  history_limit: z.number().int().min(0).max(50).default(10),
});
export const GetCloudwatchAlarmOutput = z.object({
  alarms: z.array(
    z.object({
      name: z.string(),
      state: z.string(), // OK | ALARM | INSUFFICIENT_DATA
      reason: z.string().nullable(),
      updated: isoTime.nullable(),
      namespace: z.string().nullable(),
      metric: z.string().nullable(),
      dimensions: z.record(z.string(), z.string()),
      threshold: z.number().nullable(),
    }),
  ),
  /** Newest first, across the returned alarms. */
  history: z.array(z.object({ alarm_name: z.string(), timestamp: isoTime, type: z.string(), summary: z.string() })),
});

export const getCloudwatchAlarmTool = defineTool({
  name: "get_cloudwatch_alarm",
  title: "CloudWatch alarms and history",
  description:
    "Read-only. CloudWatch metric alarms by exact name or name prefix (without either: every alarm now in ALARM): " +
    "state, reason, metric, dimensions and threshold, plus each alarm's recent history (state changes), newest first.",
  mutating: false,
  input: GetCloudwatchAlarmInput,
  output: GetCloudwatchAlarmOutput,
  run: getCloudwatchAlarm,
});

/** DescribeAlarms' page size; also bounds the per-alarm history calls. */
const MAX_ALARMS = 100;
const MAX_ALARMS_WITH_HISTORY = 10;

type AlarmOutput = z.infer<typeof GetCloudwatchAlarmOutput>;

export async function getCloudwatchAlarm(
  clients: AwsClients,
  input: z.infer<typeof GetCloudwatchAlarmInput>,
): Promise<AlarmOutput> {
  const filter = input.alarm_name
    ? { AlarmNames: [input.alarm_name] }
    : input.alarm_name_prefix
      ? { AlarmNamePrefix: input.alarm_name_prefix }
      : { StateValue: "ALARM" as const };
  const out = await clients.cloudwatch.send(new DescribeAlarmsCommand({ ...filter, MaxRecords: MAX_ALARMS }));
  const alarms = (out.MetricAlarms ?? []).map(toAlarm);
  const withHistory = input.history_limit > 0 ? alarms.slice(0, MAX_ALARMS_WITH_HISTORY) : [];
  const histories = await Promise.all(
    withHistory.map((alarm) =>
      clients.cloudwatch.send(
        new DescribeAlarmHistoryCommand({
          AlarmName: alarm.name,
          MaxRecords: input.history_limit,
          ScanBy: "TimestampDescending",
        }),
      ),
    ),
  );
  const history = histories
    .flatMap((page) => (page.AlarmHistoryItems ?? []).slice(0, input.history_limit).map(toHistory))
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
  return { alarms, history };
}

function toAlarm(alarm: MetricAlarm): AlarmOutput["alarms"][number] {
  return {
    name: alarm.AlarmName ?? "",
    state: alarm.StateValue ?? "INSUFFICIENT_DATA",
    reason: alarm.StateReason ?? null,
    updated: isoOrNull(alarm.StateUpdatedTimestamp),
    namespace: alarm.Namespace ?? null,
    metric: alarm.MetricName ?? null,
    dimensions: Object.fromEntries((alarm.Dimensions ?? []).map((d) => [d.Name ?? "", d.Value ?? ""])),
    threshold: alarm.Threshold ?? null,
  };
}

function toHistory(item: AlarmHistoryItem): AlarmOutput["history"][number] {
  return {
    alarm_name: item.AlarmName ?? "",
    timestamp: isoOrNull(item.Timestamp) ?? new Date(0).toISOString(),
    type: item.HistoryItemType ?? "Unknown",
    summary: item.HistorySummary ?? "",
  };
}
