/**
 * get_cloudwatch_alarm → analysis. An alarm in ALARM is context ("alarm X in ALARM since …: reason"),
 * rarely a cause by itself. An alarm back to OK after having been in ALARM is recovery evidence for
 * the intents whose subject the alarm is (dag_alarm, data_not_available); for other intents an OK
 * alarm says little.
 */
import type { z } from "zod";
import type { Intent } from "../../state/intents.js";
import { GetCloudwatchAlarmOutput } from "../../tools/cloudwatch/get-cloudwatch-alarm.js";
import { classifyFailureText } from "../cause-patterns.js";
import type { Analysis } from "../types.js";
import { STRENGTH, analysis, clip, labelled, parseOutput } from "./common.js";
import { playbookChooses } from "../../intents/catalog.js";

type AlarmOutput = z.infer<typeof GetCloudwatchAlarmOutput>;
type Alarm = AlarmOutput["alarms"][number];

const TOOL = "get_cloudwatch_alarm";
/** "Alarm updated from OK to ALARM" — CloudWatch's StateUpdate history summaries. */
const WENT_INTO_ALARM = /\bto ALARM\b/;

const newestFirst = (a: Alarm, b: Alarm) => Date.parse(b.updated ?? "") - Date.parse(a.updated ?? "");

function wasInAlarm(data: AlarmOutput, name: string): boolean {
  return data.history.some((entry) => entry.alarm_name === name && WENT_INTO_ALARM.test(entry.summary));
}

export function analyzeCloudwatchAlarm(output: unknown, intent?: Intent): Analysis {
  const parsed = parseOutput(TOOL, GetCloudwatchAlarmOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const data = parsed.data;
  if (data.alarms.length === 0) {
    return analysis(TOOL, { summary: "No matching CloudWatch alarm found", strength: STRENGTH.nothing });
  }

  const firing = data.alarms.filter((alarm) => alarm.state === "ALARM").sort(newestFirst);
  const first = firing[0];
  if (first) {
    const others = firing.length > 1 ? ` (+${firing.length - 1} more in ALARM)` : "";
    const text = `Alarm ${first.name} in ALARM since ${first.updated ?? "unknown"}: ${first.reason ? clip(first.reason) : "no reason given"}`;
    const { kind, label } = classifyFailureText(first.reason);
    return analysis(TOOL, {
      summary: labelled(`${text}${others}`, kind === "undetermined" ? null : label),
      root_cause: text,
      cause_kind: kind,
      cause_label: kind === "undetermined" ? null : label,
      strength: STRENGTH.context,
    });
  }

  const cleared = data.alarms
    .filter((alarm) => alarm.state === "OK" && wasInAlarm(data, alarm.name))
    .sort(newestFirst)[0];
  if (cleared && intent !== undefined && playbookChooses(intent, "alarmClearedMeansRecovered")) {
    const text = `Alarm ${cleared.name} is back to OK since ${cleared.updated ?? "unknown"} after being in ALARM`;
    return analysis(TOOL, {
      summary: text,
      root_cause: text,
      cause_kind: "recovered",
      strength: STRENGTH.alarm_cleared,
      recovered: true,
      succeeded_at: cleared.updated,
    });
  }
  const states = data.alarms.map((alarm) => `${alarm.name}: ${alarm.state}`).join(", ");
  return analysis(TOOL, { summary: `No alarm in ALARM (${clip(states)})`, strength: STRENGTH.weak });
}
