/**
 * emr_failure: an EMR cluster or step failed, including bootstrap and provisioning.
 */
import { FAIL, GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const emrFailure = defineIntent({
  name: "emr_failure",
  meaning: "an EMR cluster or step failed, including bootstrap and provisioning",
  diagramLabel: "others",
  tools: ["get_emr_logs", "retry_emr"],
  retryBudget: 2,
  primaryTools: ["get_emr_logs"],
  resourceTypes: ["emr_cluster", "emr_step"],
  signals: {
    text: [
      {
        id: "emr.named",
        label: "EMR named",
        pattern: rx(String.raw`\b(?:emr|elastic mapreduce)\b`),
        weight: 1,
      },
      {
        id: "emr.failure",
        label: "EMR failure wording",
        pattern: rx(String.raw`\bemr\b${GAP}\b(?:${FAIL}|terminated)`),
        weight: 2.5,
      },
      {
        id: "emr.terminated-with-errors",
        label: "TERMINATED_WITH_ERRORS",
        pattern: rx(String.raw`\bterminated_with_errors\b|\bterminated with errors\b`),
        weight: 3,
        decisive: true,
      },
      {
        id: "emr.bootstrap",
        label: "bootstrap failure",
        pattern: rx(String.raw`\bbootstrap(?:ping)?\b${GAP}\b${FAIL}|\bbootstrap_failure\b`),
        weight: 2.5,
      },
      {
        id: "emr.step-failed",
        label: "step failed",
        pattern: rx(String.raw`\bsteps?\b${GAP}\b(?:failed|cancel+ed|interrupted)`),
        weight: 1,
      },
      {
        id: "emr.provisioning",
        label: "cluster provisioning problem",
        pattern: rx(
          String.raw`\bvalidation_error\b|\binstance_failure\b|\binsufficient ?instance ?capacity\b|\binsufficient capacity\b|\bspot (?:instance )?(?:interruption|termination)|\bcluster\b${GAP}\b(?:provisioning|could ?n[o']t (?:start|provision)|failed to (?:start|provision))`,
        ),
        weight: 2,
      },
      {
        id: "emr.spark",
        label: "Spark/YARN named",
        pattern: rx(String.raw`\b(?:spark|yarn|hadoop|hdfs)\b`),
        weight: 0.5,
      },
    ],
    entity: [
      { id: "entity.emr-cluster", label: "EMR cluster id", entity: "emr_cluster_id", weight: 2 },
      { id: "entity.emr-step", label: "EMR step id", entity: "emr_step_id", weight: 1.5 },
    ],
  },
});
