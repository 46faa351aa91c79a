/**
 * retry_airflow_dag: an idempotent DAG re-run on MWAA. The run is named after its idempotency key,
 * so Airflow itself refuses a second one (409) and the existing run is returned.
 */
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { defineTool } from "../definition.js";
import { idempotencyKey } from "../schemas.js";
import { AirflowApiError, airflowClientFor, type AirflowDagRun } from "./airflow-client.js";

/** Our DAG runs are named after their idempotency key: Airflow itself refuses a second one (409). */
export const DAG_RUN_ID_PREFIX = "incident_orchestrator__";
export const AIRFLOW_IDEMPOTENCY_CONF_KEY = "incident_orchestrator_idempotency_key";

export const RetryAirflowDagInput = z.object({
  environment: z.string().min(1),
  dag_id: z.string().min(1),
  logical_date: z.string().optional().describe("Logical date of the failed run to re-run"),
  conf: z.record(z.string(), z.unknown()).optional(),
  idempotency_key: idempotencyKey,
});
export const RetryAirflowDagOutput = z.object({
  environment: z.string(),
  dag_id: z.string(),
  dag_run_id: z.string(),
  state: z.string(),
  reused: z.boolean(),
});

export const retryAirflowDagTool = defineTool({
  name: "retry_airflow_dag",
  title: "Trigger an Airflow DAG run",
  description:
    "MUTATING. Triggers a new run of an Airflow DAG on MWAA, named incident_orchestrator__<idempotency_key>, with " +
    "the given conf (and logical_date if given; else Airflow picks now). Idempotent: when that run exists already " +
    "it is returned (reused: true). Does not wait for the run to finish.",
  mutating: true,
  input: RetryAirflowDagInput,
  output: RetryAirflowDagOutput,
  run: retryAirflowDag,
});

export async function retryAirflowDag(
  clients: AwsClients,
  input: z.infer<typeof RetryAirflowDagInput>,
): Promise<z.infer<typeof RetryAirflowDagOutput>> {
  const airflow = airflowClientFor(clients);
  const dagRunId = `${DAG_RUN_ID_PREFIX}${input.idempotency_key}`;
  const result = await airflow.triggerDagRun(input.environment, input.dag_id, {
    dag_run_id: dagRunId,
    ...(input.logical_date ? { logical_date: input.logical_date } : {}),
    conf: { ...input.conf, [AIRFLOW_IDEMPOTENCY_CONF_KEY]: input.idempotency_key },
  });
  const reply = (run: AirflowDagRun, reused: boolean) => ({
    environment: input.environment,
    dag_id: input.dag_id,
    dag_run_id: run.dag_run_id,
    state: run.state ?? "queued",
    reused,
  });
  if (result.created) return reply(result.run, false);
  // 409: our run exists already, or another run holds the logical date (then report that conflict).
  try {
    return reply(await airflow.getDagRun(input.environment, input.dag_id, dagRunId), true);
  } catch (error) {
    if (error instanceof AirflowApiError && error.status === 404) throw result.conflict;
    throw error;
  }
}
