/**
 * get_kafka_consumer_status → analysis. Consumer errors say why events failed (classified like any
 * other error text); a rising lag without errors says only that the consumer is falling behind; a
 * falling or flat-at-zero lag without errors means processing has caught up. There is no Kafka
 * remediation tool, so no remediation is ever recommended here.
 */
import { GetKafkaConsumerStatusOutput } from "../../tools/kafka/get-kafka-consumer-status.js";
import type { Analysis } from "../types.js";
import { STRENGTH, analysis, clip, explainFailure, labelled, parseOutput } from "./common.js";

const TOOL = "get_kafka_consumer_status";

export function analyzeKafkaConsumerStatus(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetKafkaConsumerStatusOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const data = parsed.data;
  const subject = `Consumer group ${data.consumer_group} on ${data.cluster_name}${data.topic ? `/${data.topic}` : ""}`;
  const lag = `lag ${data.lag_trend}${data.latest_offset_lag !== null ? ` (latest ${data.latest_offset_lag} messages)` : ""}`;
  const errors = data.error_excerpt.map((line) => line.message);
  const firstErrorAt = data.error_excerpt[0]?.timestamp ?? null;

  if (errors.length > 0) {
    const explained = explainFailure(null, errors);
    const { kind, label } = explained.classification;
    const line = explained.text ?? errors.at(-1) ?? "";
    const text = `${subject}: ${lag}; consumer errors: ${clip(line)}`;
    const rising = data.lag_trend === "rising";
    return analysis(TOOL, {
      summary: labelled(`${text} (${errors.length} error lines)`, kind === "undetermined" ? null : label),
      root_cause: text,
      cause_kind: kind,
      cause_label: kind === "undetermined" ? null : label,
      strength: rising ? STRENGTH.strong : STRENGTH.unclassified,
      failed_at: firstErrorAt,
    });
  }
  if (data.lag_trend === "rising") {
    const text = `${subject}: ${lag} with no consumer errors logged`;
    return analysis(TOOL, { summary: text, root_cause: text, strength: STRENGTH.context });
  }
  if (data.lag_trend === "no_data") {
    return analysis(TOOL, { summary: `${subject}: no lag metrics in the period`, strength: STRENGTH.nothing });
  }
  const caughtUp = data.lag_trend === "falling" || data.latest_offset_lag === 0;
  if (caughtUp) {
    const text = `${subject}: ${lag} and no consumer errors: processing has caught up`;
    const last = data.offset_lag.at(-1)?.timestamp ?? null;
    return analysis(TOOL, {
      summary: text,
      root_cause: text,
      cause_kind: "recovered",
      strength: STRENGTH.context,
      recovered: true,
      succeeded_at: last,
    });
  }
  return analysis(TOOL, { summary: `${subject}: ${lag}, no consumer errors`, strength: STRENGTH.weak });
}
