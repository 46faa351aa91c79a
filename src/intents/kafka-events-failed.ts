/**
 * kafka_events_failed: Kafka/MSK event processing failed: consumer or producer errors, failed records, runaway lag.
 */
import { FAIL, GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const kafkaEventsFailed = defineIntent({
  name: "kafka_events_failed",
  meaning: "Kafka/MSK event processing failed: consumer or producer errors, failed records, runaway lag",
  diagramLabel: "others",
  tools: ["get_kafka_consumer_status", "get_cloudwatch_alarm"],
  retryBudget: 0,
  primaryTools: ["get_kafka_consumer_status"],
  policyOverride: "human_review",
  signals: {
    text: [
      {
        id: "kafka.named",
        label: "Kafka/MSK named",
        pattern: rx(String.raw`\b(?:kafka|msk)\b`),
        weight: 1,
      },
      {
        id: "kafka.failure",
        label: "Kafka failure wording",
        pattern: rx(String.raw`\b(?:kafka|msk)\b${GAP}\b${FAIL}`),
        weight: 2,
      },
      {
        id: "kafka.client-error",
        label: "consumer/producer error",
        pattern: rx(
          String.raw`\b(?:consumers?|producers?)\s+(?:errors?|exceptions?|failures?|failed|crash(?:ed|ing)?|timeouts?|is failing)\b`,
        ),
        weight: 2,
      },
      {
        id: "kafka.lag",
        label: "consumer lag",
        pattern: rx(
          String.raw`\bconsumer lag\b|\boffset lag\b|\blag (?:is |has )?(?:growing|increasing|spiking|high|above|exceed(?:s|ed|ing)?|keeps)|\b(?:max|sum)offsetlag\b|\bestimatedmaxtimelag\b|\brunaway lag\b|\blag of \d`,
        ),
        weight: 2.5,
      },
      {
        id: "kafka.failed-records",
        label: "failed records / DLQ",
        pattern: rx(
          String.raw`\bfailed (?:records|events|messages)\b|\bdead[ -]letter|\bdlq\b|\bpoison (?:pill|message)|\bdeseriali[sz]ation (?:error|exception|failure|failed)|\brecordtoolargeexception\b`,
        ),
        weight: 2.5,
      },
      {
        id: "kafka.events-failed",
        label: "event processing failed",
        pattern: rx(
          String.raw`\bevents? (?:processing )?(?:failed|failing|errors?)\b|\bevent processing (?:failed|errors?|stopped)`,
        ),
        weight: 2,
      },
      {
        id: "kafka.topic",
        label: "topic named",
        pattern: rx(String.raw`\btopics?\b`),
        weight: 1,
      },
      {
        id: "kafka.consumer-group",
        label: "consumer group named",
        pattern: rx(String.raw`\bconsumer[ _-]?groups?\b|\bgroup\.id\b`),
        weight: 1.5,
      },
      {
        id: "kafka.rebalance",
        label: "rebalance / offset errors",
        pattern: rx(
          String.raw`\brebalanc(?:e|es|ing)\b|\bcommitfailedexception\b|\boffsets? (?:out of range|commit failed)|\boffsetoutofrange`,
        ),
        weight: 1.5,
      },
    ],
    entity: [
      {
        id: "entity.kafka-topic",
        label: "Kafka topic",
        entity: "kafka_topic",
        weight: 1,
      },
      {
        id: "entity.consumer-group",
        label: "consumer group",
        entity: "kafka_consumer_group",
        weight: 1,
      },
      {
        id: "entity.kafka-cluster",
        label: "MSK cluster",
        entity: "kafka_cluster",
        weight: 1,
      },
    ],
  },
});
