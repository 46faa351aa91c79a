/**
 * mwaa_failure: the MWAA environment itself is unhealthy (scheduler, webserver, workers, environment update), not one DAG.
 */
import { FAIL, GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const mwaaFailure = defineIntent({
  name: "mwaa_failure",
  meaning: "the MWAA environment itself is unhealthy (scheduler, webserver, workers, environment update), not one DAG",
  diagramLabel: "mwaa_dag_failure",
  tools: ["get_mwaa_logs", "get_cloudwatch_alarm"],
  retryBudget: 0,
  primaryTools: ["get_mwaa_logs"],
  playbook: { environmentHealth: true },
  precedence: {
    rank: 3,
    over: ["dag_alarm", "dag_failure"],
    why: "the MWAA environment itself is unhealthy, not one DAG",
  },
  signals: {
    text: [
      {
        id: "mwaa.named",
        label: "MWAA named",
        pattern: rx(String.raw`\bmwaa\b|\bmanaged workflows for apache airflow\b`),
        weight: 1,
      },
      {
        id: "mwaa.scheduler",
        label: "scheduler unhealthy",
        pattern: rx(
          String.raw`\bscheduler\b${GAP}\b(?:heartbeat|down|not running|not heartbeating|unhealthy|stopped|crash\w*|restart\w*|failed|not responding|unavailable|dead|missing)\b|\bschedulerheartbeat\b|\bno scheduler\b`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "mwaa.webserver",
        label: "webserver / UI down",
        pattern: rx(
          String.raw`\b(?:web ?server|airflow (?:web ?)?ui)\b${GAP}\b(?:down|unavailable|unreachable|not loading|not responding|502|503|504|timed? ?out|error|crash\w*)`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "mwaa.environment-status",
        label: "environment status failed",
        pattern: rx(
          String.raw`\b(?:update_failed|create_failed)\b|\benvironment\b${GAP}\b(?:unavailable|unhealthy|update failed|failed to update|stuck (?:in )?(?:updating|creating)|rolling_back|not available)`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "mwaa.workers",
        label: "workers not scaling / lost",
        pattern: rx(
          String.raw`\bworkers?\b${GAP}\b(?:not scaling|not scale|did ?n[o']t scale|failed to scale|stuck at|not (?:picking|starting)|lost|died|unavailable|down|not available)|\bcelery\b${GAP}\b${FAIL}`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "mwaa.all-dags",
        // Many DAGs failing at once ("5 finance DAG failures in 1 hour") points at the environment first.
        label: "all DAGs affected",
        pattern: rx(
          String.raw`\b(?:all|every|multiple|many|several|no) (?:\w+ )?dags\b|\b(?:[3-9]|\d{2,}) (?:\w+ )?dags? (?:failures|failed|failing)\b|\bacross (?:all )?dags\b|\bnothing is (?:being )?scheduled\b|\btasks? (?:are )?(?:stuck )?(?:in )?queued\b`,
        ),
        weight: 2,
        decisive: true,
      },
    ],
    entity: [
      {
        id: "entity.mwaa-env",
        label: "MWAA environment",
        entity: "mwaa_environment",
        weight: 0.75,
      },
    ],
  },
});
