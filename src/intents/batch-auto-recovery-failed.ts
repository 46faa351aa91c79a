/**
 * batch_auto_recovery_failed: an automated recovery or self-healing mechanism for a batch gave up.
 */
import { GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const batchAutoRecoveryFailed = defineIntent({
  name: "batch_auto_recovery_failed",
  meaning: "an automated recovery or self-healing mechanism for a batch gave up",
  diagramLabel: "others",
  tools: ["get_cloudwatch_alarm", "get_mwaa_logs", "get_glue_logs", "retry_airflow_dag", "retry_glue_job"],
  retryBudget: 1,
  primaryTools: ["get_glue_logs", "get_mwaa_logs"],
  followUpTools: ["verify_source_data"],
  precedence: {
    rank: 2,
    over: { allBut: ["access_denied"] },
    why: "automated recovery giving up is the subject, not the job it was recovering",
  },
  signals: {
    text: [
      {
        id: "recovery.gave-up",
        label: "automated recovery gave up",
        pattern: rx(
          String.raw`\b(?:auto(?:matic|mated)?[ -]?(?:recovery|remediation|rerun|re-run|retry|retries|restart|heal(?:ing)?)|self[ -]?heal(?:ing)?|recovery (?:job|workflow|automation|runbook|lambda|mechanism))\b${GAP}\b(?:failed|fails|gave up|giving up|exhausted|unsuccessful|aborted|could ?n[o']t|unable|did ?n[o']t (?:succeed|work|help|fix|recover))`,
        ),
        weight: 4,
        decisive: true,
      },
      {
        id: "recovery.gave-up-before",
        label: "gave up on automated recovery",
        pattern: rx(
          String.raw`\b(?:gave up|giving up|exhausted)\b${GAP}\b(?:auto(?:matic|mated)?[ -]?(?:recovery|remediation|rerun|retry|retries)|self[ -]?heal\w*|recovery attempts?)`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "recovery.retries-exhausted",
        label: "retries exhausted",
        pattern: rx(
          String.raw`\b(?:retry|retries|rerun|reruns|re-runs|recovery) (?:attempts? )?(?:exhausted|limit reached|budget exhausted)\b|\bmax(?:imum)? (?:retries|retry attempts|reruns|recovery attempts) (?:reached|exceeded|exhausted)\b`,
        ),
        weight: 2,
      },
      {
        id: "recovery.named",
        label: "automated recovery named",
        pattern: rx(
          String.raw`\b(?:auto[ -]?recovery|self[ -]?heal\w*|auto[ -]?remediation|automatic (?:recovery|rerun|retry|remediation)|recovery attempts?)\b`,
        ),
        weight: 1.5,
      },
      {
        id: "recovery.batch",
        label: "batch named",
        pattern: rx(String.raw`\bbatch\b`),
        weight: 0.5,
      },
    ],
    entity: [],
  },
});
