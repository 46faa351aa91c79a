/**
 * A CloudWatch alarm names what it watches only through its metric's dimensions, so the resource a
 * ticket is really about (the DAG, the Glue job, the EMR cluster, the consumer group) is found by
 * mapping well-known dimension names. Unknown dimensions (InstanceId, CheckName …) are left out.
 */
import type { ResourceType } from "./types.js";

export interface Dimension {
  readonly name: string;
  readonly value: string;
}

const BY_NAME: Readonly<Record<string, ResourceType>> = {
  dag: "dag",
  dagid: "dag",
  dag_id: "dag",
  task: "task",
  taskid: "task",
  task_id: "task",
  jobname: "glue_job",
  jobflowid: "emr_cluster",
  "consumer group": "consumer_group",
  consumergroup: "consumer_group",
  "cluster name": "kafka_cluster",
  topic: "kafka_topic",
  workgroup: "athena_workgroup",
};

/** Names that other services use too: only taken when the namespace (or value) says whose they are. */
function contextual(name: string, value: string, namespace: string | undefined): ResourceType | undefined {
  if (name === "environment" && (namespace === undefined || /mwaa|airflow/i.test(namespace))) return "mwaa_environment";
  // AWS/DAX also has a ClusterId; EMR's are j-….
  if (name === "clusterid" && /^j-[0-9A-Z]{8,20}$/.test(value)) return "emr_cluster";
  return undefined;
}

/** The resources the dimensions name, in dimension order. */
export function resourcesFromDimensions(
  dimensions: readonly Dimension[],
  namespace: string | undefined,
): Array<{ type: ResourceType; name: string }> {
  const resources: Array<{ type: ResourceType; name: string }> = [];
  for (const { name, value } of dimensions) {
    const key = name.trim().toLowerCase();
    const trimmed = value.trim();
    const type = BY_NAME[key] ?? contextual(key, trimmed, namespace);
    if (type !== undefined && trimmed !== "") resources.push({ type, name: trimmed });
  }
  return resources;
}

/**
 * The e-mail's `- Dimensions: [DAG = daily_sales, Environment = prod-mwaa]`: pairs split on
 * ", " only where a new `Name = ` starts, since values may hold commas.
 */
export function parseDimensionList(list: string): Dimension[] {
  const inner = list.trim().replace(/^\[/, "").replace(/\]$/, "");
  const dimensions: Array<{ name: string; value: string }> = [];
  for (const piece of inner.split(", ")) {
    const pair = /^([^=]{1,255}?)\s=\s(.*)$/s.exec(piece);
    const last = dimensions[dimensions.length - 1];
    if (pair !== null) dimensions.push({ name: (pair[1] ?? "").trim(), value: pair[2] ?? "" });
    else if (last !== undefined) last.value = `${last.value}, ${piece}`;
  }
  return dimensions;
}
