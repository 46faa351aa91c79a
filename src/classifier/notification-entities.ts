/**
 * The identifiers a pasted notification carries, as entities: an EventBridge event's `detail.jobName`,
 * an alarm's `Trigger.Dimensions`. They fill the fields the prose patterns leave empty (a DAG only
 * in the alarm's dimensions, a job only inside the pasted event). PURE.
 */
import type { Entities } from "../state/classification.js";
import type { NotificationFacts, ResourceType } from "./notifications/types.js";

const FIELD: Partial<Record<ResourceType, keyof Entities>> = {
  glue_job: "glue_job_name",
  dag: "dag_id",
  task: "task_id",
  athena_query: "athena_query_id",
  athena_workgroup: "athena_workgroup",
  alarm: "alarm_name",
  mwaa_environment: "mwaa_environment",
  consumer_group: "kafka_consumer_group",
  kafka_cluster: "kafka_cluster",
  kafka_topic: "kafka_topic",
};

const EMR_CLUSTER_ID = /^j-[0-9A-Z]{8,}$/;
const EMR_STEP_ID = /^s-[0-9A-Z]{8,}$/;

export function entitiesFromNotification(facts: NotificationFacts | null): Entities {
  if (!facts) return {};
  const entities: Record<string, string> = {};
  for (const resource of [facts.resource, ...facts.related]) {
    if (!resource) continue;
    if (resource.type === "emr_cluster" && EMR_CLUSTER_ID.test(resource.name)) entities.emr_cluster_id = resource.name;
    const field = FIELD[resource.type];
    if (field && entities[field] === undefined) entities[field] = resource.name;
  }
  const run = facts.run_id;
  if (run) {
    if (facts.service === "glue" && run.startsWith("jr_")) entities.glue_run_id = run;
    else if (facts.service === "athena") entities.athena_query_id = run;
    else if (facts.service === "emr" && EMR_STEP_ID.test(run)) entities.emr_step_id = run;
    else if (facts.service === "airflow") entities.dag_run_id = run;
  }
  return entities as Entities;
}
