import { describe, expect, it } from "vitest";
import { alarm, alarmOutput } from "../../../test/fixtures/tool-outputs.js";
import { analyzeCloudwatchAlarm } from "./alarm.js";

describe("analyzeCloudwatchAlarm", () => {
  it("gives root-cause context for an alarm in ALARM", () => {
    const result = analyzeCloudwatchAlarm(
      alarmOutput([
        alarm({ name: "old", state: "ALARM", updated: "2024-01-14T00:00:00Z", reason: "x" }),
        alarm({ name: "customer_daily-failed", state: "ALARM", reason: "Threshold Crossed: 1 datapoint [1.0] >= 1.0" }),
      ]),
      "dag_alarm",
    );
    expect(result).toMatchObject({
      cause_kind: "undetermined",
      strength: 0.5,
      recovered: false,
      root_cause:
        "Alarm customer_daily-failed in ALARM since 2024-01-15T03:00:00Z: Threshold Crossed: 1 datapoint [1.0] >= 1.0",
    });
    expect(result.summary).toContain("+1 more in ALARM");
  });

  it("classifies an alarm reason that carries an error", () => {
    const result = analyzeCloudwatchAlarm(
      alarmOutput([alarm({ name: "a", state: "ALARM", reason: "Task received SIGTERM signal" })]),
    );
    expect(result.cause_kind).toBe("transient");
  });

  it("is recovery evidence for dag_alarm / data_not_available when back to OK after ALARM", () => {
    const output = alarmOutput(
      [alarm({ name: "sales-freshness", state: "OK", updated: "2024-01-15T04:00:00Z" })],
      [
        {
          alarm_name: "sales-freshness",
          timestamp: "2024-01-15T04:00:00Z",
          type: "StateUpdate",
          summary: "Alarm updated from ALARM to OK",
        },
        {
          alarm_name: "sales-freshness",
          timestamp: "2024-01-15T03:00:00Z",
          type: "StateUpdate",
          summary: "Alarm updated from OK to ALARM",
        },
      ],
    );
    expect(analyzeCloudwatchAlarm(output, "data_not_available")).toMatchObject({
      cause_kind: "recovered",
      recovered: true,
      strength: 0.7,
      succeeded_at: "2024-01-15T04:00:00Z",
    });
    expect(analyzeCloudwatchAlarm(output, "kafka_events_failed")).toMatchObject({
      cause_kind: "undetermined",
      root_cause: null,
    });
  });

  it("is not recovery evidence when the alarm never fired", () => {
    const output = alarmOutput([alarm({ name: "a", state: "OK" })]);
    expect(analyzeCloudwatchAlarm(output, "dag_alarm")).toMatchObject({ recovered: false, strength: 0.3 });
  });

  it("handles no alarms", () => {
    expect(analyzeCloudwatchAlarm(alarmOutput([]), "dag_alarm")).toMatchObject({ strength: 0.1, root_cause: null });
  });
});
