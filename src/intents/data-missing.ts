/**
 * data_missing: expected files, objects or partitions are absent at the expected location for a date.
 * Signals: needs an expected location.
 */
import { DAG_CONTEXT, GAP, LOCATION, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const dataMissing = defineIntent({
  name: "data_missing",
  meaning: "expected files, objects or partitions are absent at the expected location for a date",
  diagramLabel: "data_missing",
  tools: ["verify_source_data", "get_s3_logs", "get_cloudwatch_alarm"],
  retryBudget: 0,
  primaryTools: ["verify_source_data"],
  precedence: {
    rank: 6,
    over: ["data_not_available"],
    why: "an expected location is named, so the data can be checked there",
  },
  signals: {
    text: [
      {
        id: "missing.at-location",
        label: "data absent at a named location",
        pattern: rx(
          String.raw`\b(?:missing|absent|not found|not present|not arrived|has ?n[o']t arrived|did ?n[o']t arrive|not received|not delivered|no (?:new |[\w.-]{1,60} )?(?:files?|objects?|partitions?|exports?)|(?:is|are) ?n[o']t (?:yet )?in|does ?n[o']t exist|do ?n[o']t exist|not landed|has ?n[o']t landed|never arrived)\b`,
        ),
        weight: 2.5,
        decisive: true,
        requires: LOCATION,
      },
      {
        id: "missing.files",
        label: "expected files/partition missing",
        pattern: rx(
          String.raw`\b(?:missing|expected) (?:input |source |data |daily |landing |the )?(?:files?|objects?|partitions?)\b|\bfiles? (?:is |are |was |were |has |have )?(?:missing|not (?:found|received|arrived|present|delivered))|\bpartitions? (?:is |are |was |were )?(?:missing|not found|absent)|\bnosuchkey\b|\bno such key\b|\bfile ?not ?found|\bpath does not exist\b|\bno files (?:found|arrived|received|landed)`,
        ),
        weight: 3,
        decisive: true,
      },

      {
        // "ALARM: raw-fx-rates-arrival" whose description names s3://…/dt=…/: a data-arrival (landing,
        // freshness) alarm or check fired, i.e. the expected objects did not land there. The alarm is
        // only the messenger; without DAG context it is not a dag_alarm (see DAG_CONTEXT).
        id: "missing.arrival-alarm",
        label: "data-arrival alarm/check fired",
        pattern: rx(
          String.raw`\b(?:alarm|alert|monitor)\b${GAP}\b(?:arrival|landing|landed|freshness|delivery)\b|\b(?:arrival|landing|freshness|delivery)[\s_-]+(?:alarm|alert|check|monitor|sla)\b|\b(?:objects|files)_?landed\b`,
        ),
        weight: 2.5,
        decisive: true,
        requires: LOCATION,
        unless: DAG_CONTEXT,
      },
    ],
    entity: [
      { id: "entity.s3-location", label: "S3 location", entity: "s3_bucket", weight: 0.5 },
      {
        id: "entity.partition",
        label: "partition date",
        entity: "partition_date",
        weight: 0.5,
      },
    ],
  },
});
