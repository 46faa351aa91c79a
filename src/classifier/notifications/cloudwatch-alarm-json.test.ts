import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCloudWatchAlarmJson } from "./cloudwatch-alarm-json.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

describe("parseCloudWatchAlarmJson", () => {
  it("reads the alarm out of a Lambda's SNS record (Message is a JSON string)", () => {
    expect(parseCloudWatchAlarmJson(fixture("cloudwatch_alarm_sns_json-1.txt"))).toEqual({
      format: "cloudwatch_alarm_sns_json",
      service: "cloudwatch",
      resource: { type: "alarm", name: "EXAMPLE" },
      related: [],
      run_id: null,
      state: "ALARM",
      time: "2015-06-03T17:43:27.123Z",
      error:
        "Threshold Crossed: 1 out of the last 1 datapoints [1234.0 (06/03/15 17:43:27)] was greater than the " +
        "threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).",
    });
  });

  it("reads the bare alarm JSON", () => {
    expect(parseCloudWatchAlarmJson(fixture("cloudwatch_alarm_sns_json-2.txt"))).toEqual({
      format: "cloudwatch_alarm_sns_json",
      service: "cloudwatch",
      resource: { type: "alarm", name: "cpuUtilTest" },
      related: [],
      run_id: null,
      state: "ALARM",
      time: "2012-08-05T22:31:25.524Z",
      error: "Threshold Crossed: 1 datapoint (5.199) was greater than or equal to the threshold (5.0).",
    });
  });

  it("finds the Glue job in Trigger.Dimensions of an SNS notification", () => {
    expect(parseCloudWatchAlarmJson(fixture("cloudwatch_alarm_sns_json-3.txt"))).toEqual({
      format: "cloudwatch_alarm_sns_json",
      service: "cloudwatch",
      resource: { type: "alarm", name: "glue-orders-daily-load-failed-tasks" },
      related: [{ type: "glue_job", name: "orders_daily_load" }],
      run_id: null,
      state: "ALARM",
      time: "2012-03-23T00:01:43.726Z",
      error: "Threshold Crossed: 1 datapoint (3.0) was greater than or equal to the threshold (1.0).",
    });
  });

  it("reads the JSON when it was copied out of a string, escaped once more", () => {
    const escaped = JSON.stringify(fixture("cloudwatch_alarm_sns_json-2.txt")).slice(1, -1);
    expect(escaped.startsWith('{\\n  \\"AlarmName')).toBe(true);
    expect(parseCloudWatchAlarmJson(`history data: ${escaped}`)).toMatchObject({
      resource: { type: "alarm", name: "cpuUtilTest" },
      state: "ALARM",
    });
  });

  it("returns null for JSON that is no alarm, and for prose", () => {
    expect(parseCloudWatchAlarmJson('{"AlarmName": "x"}')).toBeNull();
    expect(parseCloudWatchAlarmJson("AlarmName cpuUtilTest NewStateValue ALARM")).toBeNull();
  });
});
