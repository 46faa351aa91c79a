/**
 * Re-add a failed EMR step (retry_emr) on its cluster. The cluster is the resource the allow-list
 * governs; a step the ticket names must be the step re-added. It takes no free-form arguments: the
 * step is repeated as it was, named "<name> [<key>]" so the lookup finds it.
 */
import { bindTo, subjectTarget } from "../subject/binding.js";
import { EMR_COMPLETED_STATE, EMR_UNSUCCESSFUL_END_STATES } from "../tools/emr/step-states.js";
import { RetryEmrInput } from "../tools/emr/retry-emr.js";
import { defineRemediation, nonEmpty, findState, namedBy, records, str } from "./definition.js";

export const emrStepRerun = defineRemediation({
  tool: "retry_emr",
  resourceType: "emr_cluster",
  allowListKey: "emr_clusters",
  editSchema: RetryEmrInput.omit({ idempotency_key: true }).strict(),
  namedResource: namedBy("cluster_id", "emr_cluster"),
  bindSubject(subject, args) {
    const cluster = bindTo(subject, "emr_cluster", nonEmpty(args.cluster_id));
    if (!cluster.bound) return cluster;
    return subjectTarget(subject, "emr_step").kind === "none"
      ? cluster
      : bindTo(subject, "emr_step", nonEmpty(args.step_id));
  },
  argumentPolicy: null,
  verification: {
    statusTool: "get_emr_logs",
    executionId: (started) => str(started.step_id),
    statusArgs: (args, stepId) => ({ cluster_id: args.cluster_id, step_id: stepId }),
    status: (output, stepId) => findState(output.steps, "id", stepId),
    verdict: (status) =>
      status === EMR_COMPLETED_STATE ? "succeeded" : EMR_UNSUCCESSFUL_END_STATES.has(status) ? "failed" : null,
  },
  keyLookup: {
    tool: "get_emr_logs",
    args: (args) => ({ cluster_id: args.cluster_id, max_steps: 50 }),
    // Our re-added steps are named "<name> [<key>]" (src/tools/emr/retry-emr.ts).
    executionId: (output, key) => {
      const step = records(output.steps).find((item) => str(item.name)?.endsWith(`[${key}]`) === true);
      return str(step?.id);
    },
  },
});
