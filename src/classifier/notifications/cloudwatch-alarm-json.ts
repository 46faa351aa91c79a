/**
 * The JSON CloudWatch publishes to SNS when an alarm changes state — what an SNS e-mail-json or
 * HTTP subscriber, an SQS queue or a Lambda (`Records[].Sns.Message`, a string holding the JSON)
 * receives: AlarmName, NewStateValue, NewStateReason, StateChangeTime, Trigger.Namespace,
 * Trigger.MetricName, Trigger.Dimensions [{name, value}]. The watched resource is in the dimensions.
 */
import { resourcesFromDimensions } from "./cloudwatch-dimensions.js";
import type { Dimension } from "./cloudwatch-dimensions.js";
import { finishFacts } from "./facts.js";
import { isJsonObject, jsonObjectsIn, textAt, valueAt } from "./json-objects.js";
import type { JsonObject } from "./json-objects.js";
import { toIsoTime } from "./timestamps.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

function dimensionsOf(alarm: JsonObject): Dimension[] {
  const list = valueAt(alarm, "Trigger.Dimensions");
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (!isJsonObject(item)) return [];
    const name = item.name ?? item.Name;
    const value = item.value ?? item.Value;
    return typeof name === "string" && typeof value === "string" ? [{ name, value }] : [];
  });
}

function isAlarmMessage(object: JsonObject): boolean {
  return typeof object.AlarmName === "string" && typeof object.NewStateValue === "string";
}

export function parseCloudWatchAlarmJson(text: string): NotificationFacts | null {
  const alarm = jsonObjectsIn(text).find(isAlarmMessage);
  if (alarm === undefined) return null;
  const state = textAt(alarm, "NewStateValue");
  return finishFacts({
    format: "cloudwatch_alarm_sns_json",
    service: "cloudwatch",
    resource: { type: "alarm", name: textAt(alarm, "AlarmName") },
    related: resourcesFromDimensions(dimensionsOf(alarm), textAt(alarm, "Trigger.Namespace")),
    state,
    time: toIsoTime(textAt(alarm, "StateChangeTime")),
    error: state === "OK" ? undefined : textAt(alarm, "NewStateReason"),
  });
}

export const cloudWatchAlarmJsonParser: NotificationParser = {
  formats: ["cloudwatch_alarm_sns_json"],
  parse: parseCloudWatchAlarmJson,
};
