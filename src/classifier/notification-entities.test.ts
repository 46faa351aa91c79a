import { describe, expect, it } from "vitest";
import { parseIncident } from "../state/parse-incident.js";
import { classifyIncident } from "./deterministic.js";
import { entitiesFromNotification } from "./notification-entities.js";

describe("entitiesFromNotification", () => {
  it("maps a notification's resource, related resources and run id to entities", () => {
    expect(
      entitiesFromNotification({
        format: "cloudwatch_alarm_sns_json",
        service: "cloudwatch",
        resource: { type: "alarm", name: "mwaa-dag-failed" },
        related: [
          { type: "mwaa_environment", name: "prod-data-airflow" },
          { type: "dag", name: "supplier_scorecard" },
        ],
        run_id: null,
        state: "ALARM",
        time: null,
        error: null,
      }),
    ).toEqual({ alarm_name: "mwaa-dag-failed", mwaa_environment: "prod-data-airflow", dag_id: "supplier_scorecard" });
    expect(entitiesFromNotification(null)).toEqual({});
  });
});

describe("the classifier with a pasted SNS alarm", () => {
  it("reads the alarm and the DAG of its dimensions, not a name cut out of escaped JSON", () => {
    const message = JSON.stringify({
      AlarmName: "mwaa-prod-p1-dag-failed-07",
      NewStateValue: "ALARM",
      NewStateReason:
        "Threshold Crossed: 1 datapoint [1.0 (11/12/26 04:35:00)] was greater than or equal to the threshold (1.0).",
      StateChangeTime: "2026-12-11T04:40:02.412+0000",
      Trigger: {
        MetricName: "DAGDurationFailed",
        Namespace: "AmazonMWAA",
        Dimensions: [
          { name: "Environment", value: "prod-data-airflow" },
          { name: "DAG", value: "supplier_scorecard" },
        ],
      },
    });
    const envelope = JSON.stringify(
      { Type: "Notification", Subject: 'ALARM: "mwaa-prod-p1-dag-failed-07"', Message: message },
      null,
      2,
    );
    const { entities } = classifyIncident(
      parseIncident({ sys_id: "s", short_description: "AWS Notification Message", description: envelope }),
    );
    expect(entities).toMatchObject({ alarm_name: "mwaa-prod-p1-dag-failed-07", dag_id: "supplier_scorecard" });
  });
});
