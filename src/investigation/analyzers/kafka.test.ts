import { describe, expect, it } from "vitest";
import { kafkaOutput } from "../../../test/fixtures/tool-outputs.js";
import { analyzeKafkaConsumerStatus } from "./kafka.js";

describe("analyzeKafkaConsumerStatus", () => {
  it("takes the root cause from consumer errors while lag rises, never recommending a remediation", () => {
    const result = analyzeKafkaConsumerStatus(
      kafkaOutput({
        error_excerpt: [
          { timestamp: "2024-01-15T05:00:30Z", message: "Processing record offset 99" },
          {
            timestamp: "2024-01-15T05:00:31Z",
            message: "org.apache.kafka.common.errors.SerializationException: KeyError: 'amount'",
          },
        ],
      }),
    );
    expect(result).toMatchObject({
      cause_kind: "non_transient",
      cause_label: "code error",
      strength: 0.8,
      remediation: null,
      retry_candidate: null,
    });
    expect(result.root_cause).toContain("lag rising (latest 5000 messages); consumer errors:");
  });

  it("is transient for broker blips and weaker when lag is not rising", () => {
    const result = analyzeKafkaConsumerStatus(
      kafkaOutput({
        lag_trend: "flat",
        error_excerpt: [{ timestamp: "2024-01-15T05:00:30Z", message: "Connection reset by peer" }],
      }),
    );
    expect(result).toMatchObject({ cause_kind: "transient", strength: 0.6, remediation: null });
  });

  it("reports rising lag without errors as context only", () => {
    expect(analyzeKafkaConsumerStatus(kafkaOutput())).toMatchObject({ cause_kind: "undetermined", strength: 0.5 });
  });

  it("calls a falling lag without errors caught up, and no data nothing", () => {
    expect(analyzeKafkaConsumerStatus(kafkaOutput({ lag_trend: "falling" }))).toMatchObject({
      cause_kind: "recovered",
      recovered: true,
      succeeded_at: "2024-01-15T05:01:00Z",
    });
    expect(
      analyzeKafkaConsumerStatus(kafkaOutput({ lag_trend: "no_data", offset_lag: [], latest_offset_lag: null })),
    ).toMatchObject({
      strength: 0.1,
      root_cause: null,
    });
  });
});
