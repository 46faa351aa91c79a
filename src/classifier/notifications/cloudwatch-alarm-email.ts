/**
 * The e-mail CloudWatch sends through SNS when an alarm changes state:
 *   You are receiving this email because your Amazon CloudWatch Alarm "X" in the US East
 *   (N. Virginia) region has entered the ALARM state, because "Threshold Crossed: …" at
 *   "Friday 26 March, 2021 22:49:42 UTC".
 * followed by "Alarm Details:" (- Name, - State Change, - Reason for State Change, - Timestamp) and
 * "Monitored Metric:" (- MetricNamespace, - MetricName, - Dimensions: [Name = value, …]) lines.
 * The header is read with line breaks collapsed (clients wrap it); the detail lines one by one.
 */
import { parseDimensionList, resourcesFromDimensions } from "./cloudwatch-dimensions.js";
import { finishFacts } from "./facts.js";
import { cleanNotificationText, collapseWhitespace } from "./text-cleanup.js";
import { toIsoTime } from "./timestamps.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

const HEADER = new RegExp(
  String.raw`You are receiving this email because your Amazon CloudWatch Alarm "([^"]{1,255})" in the ` +
    String.raw`([^"]{1,80}?) region has (?:entered|returned to) the ([A-Z_]{2,20}) state` +
    String.raw`(?:, because "(.{0,4000}?)")? at "([^"]{1,80})"`,
);
const DETAIL_LINE = /^\s{0,20}-\s{0,5}([A-Za-z][A-Za-z ]{1,40}?)\s{0,5}:\s{0,40}(.{0,4000})$/;
const SUBJECT = /\b(?:ALARM|OK|INSUFFICIENT_DATA):\s{0,5}"([^"\n]{1,255})"\s{1,5}in\s/;

function detailLines(text: string): Map<string, string> {
  const details = new Map<string, string>();
  for (const line of text.split("\n")) {
    const pair = DETAIL_LINE.exec(line);
    const label = pair?.[1]?.trim().toLowerCase();
    if (label !== undefined && !details.has(label)) details.set(label, (pair?.[2] ?? "").trim());
  }
  return details;
}

export function parseCloudWatchAlarmEmail(raw: string): NotificationFacts | null {
  const text = cleanNotificationText(raw);
  const header = HEADER.exec(collapseWhitespace(text));
  const details = detailLines(text);
  const hasDetails = /^\s*Alarm Details:/m.test(text) && details.has("name") && details.has("state change");
  if (header === null && !hasDetails) return null;
  const [, headerName, , headerState, headerReason, headerTime] = header ?? [];
  const state = headerState ?? details.get("state change")?.split("->").pop()?.trim();
  const reason = headerReason ?? details.get("reason for state change");
  const namespace = details.get("metricnamespace");
  const dimensions = parseDimensionList(details.get("dimensions") ?? "");
  return finishFacts({
    format: "cloudwatch_alarm_email",
    service: "cloudwatch",
    resource: { type: "alarm", name: headerName ?? details.get("name") ?? SUBJECT.exec(text)?.[1] },
    related: resourcesFromDimensions(dimensions, namespace),
    state,
    time: toIsoTime(headerTime) ?? toIsoTime(details.get("timestamp")),
    error: state === "OK" ? undefined : reason,
  });
}

export const cloudWatchAlarmEmailParser: NotificationParser = {
  formats: ["cloudwatch_alarm_email"],
  parse: parseCloudWatchAlarmEmail,
};
