/**
 * Watches what the graph asks the mutating tools to do. The tools themselves are the real ones
 * (pointed at the sandbox); this only notes each call's target before passing it on unchanged, so a
 * test can say which job, DAG, query or step a run touched, not only what its result document says.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { isMutatingTool } from "../../src/tools/catalog.js";

/** `glue_job:<name>`, `dag:<dag_id>`, `athena_query:<query_id>` or `emr_step:<cluster>/<step>`. */
export type Target = string;

export interface MutatingCall {
  tool: string;
  target: Target;
}

const text = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** What a mutating call aims at, from its arguments. */
export function targetOf(tool: string, args: Record<string, unknown>): Target {
  switch (tool) {
    case "retry_glue_job":
      return `glue_job:${text(args.job_name)}`;
    case "retry_airflow_dag":
      return `dag:${text(args.dag_id)}`;
    case "retry_athena_query":
      return `athena_query:${text(args.query_id)}`;
    case "retry_emr":
      return `emr_step:${text(args.cluster_id)}/${text(args.step_id)}`;
    default:
      return `${tool}:${JSON.stringify(args)}`;
  }
}

/** The same tools; calls to the mutating ones are appended to `calls` as they are made. */
export function recordMutatingCalls(
  tools: readonly StructuredToolInterface[],
  calls: MutatingCall[],
): StructuredToolInterface[] {
  return tools.map((tool) => {
    if (!isMutatingTool(tool.name)) return tool;
    return new Proxy(tool, {
      get(target, property) {
        if (property === "invoke") {
          return (input: unknown, config?: unknown) => {
            const args = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
            calls.push({ tool: target.name, target: targetOf(target.name, args) });
            return target.invoke(input as never, config as never);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  });
}
