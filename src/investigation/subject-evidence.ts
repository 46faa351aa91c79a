/**
 * Which evidence is about the incident's subject (src/subject). PURE.
 *
 * A tool run is about the subject when it read the subject's own resource; about another resource
 * when it read one of another name, or of another kind than the intent's (a DAG ticket's Glue job is
 * the DAG's dependency); and "unknown" when it read something a subject does not name (S3 data, an
 * alarm, a Kafka group, or a kind the ticket names none of).
 */
import { subjectTarget } from "../subject/binding.js";
import { resourceTypesOf, type Subject, type SubjectResourceType } from "../subject/subject.js";
import type { Intent } from "../state/intents.js";
import { GetMwaaLogsOutput } from "../tools/mwaa/get-mwaa-logs.js";
import { glueJobsInLines } from "./follow-ups.js";
import type { ToolRun } from "./types.js";

export type Aboutness = "subject" | "other" | "unknown";

/** The resource a read-only run looked at, as a subject kind and id. */
function resourceRead(run: ToolRun): { type: SubjectResourceType; id: string } | null {
  const text = (key: string): string | null => {
    const value = run.args[key];
    return typeof value === "string" && value !== "" ? value : null;
  };
  const of = (type: SubjectResourceType, id: string | null) => (id === null ? null : { type, id });
  switch (run.tool) {
    case "get_glue_logs":
      return of("glue_job", text("job_name"));
    case "get_mwaa_logs":
      return of("dag", text("dag_id"));
    case "get_emr_logs":
      return of("emr_cluster", text("cluster_id"));
    case "get_athena_query":
      return of("athena_query", text("query_id")) ?? of("athena_workgroup", text("workgroup"));
    default:
      return null;
  }
}

export function aboutSubject(run: ToolRun, subject: Subject, intent: Intent): Aboutness {
  const read = resourceRead(run);
  if (read === null) return "unknown";
  const kinds = resourceTypesOf(intent);
  if (kinds !== undefined && !kinds.includes(read.type)) return "other";
  const target = subjectTarget(subject, read.type);
  switch (target.kind) {
    case "one":
      return target.id === read.id ? "subject" : "other";
    case "ambiguous":
      return target.ids.includes(read.id) ? "unknown" : "other";
    case "none":
      return "unknown";
  }
}

/**
 * Glue jobs tied to the DAG by its own evidence: named in a DAG run's task log, or by the ticket's
 * subject fields. A job only the ticket's free text names is not tied to it.
 */
export function linkedGlueJobs(runs: readonly ToolRun[], subject: Subject): ReadonlySet<string> {
  const linked = new Set(subject.named.filter((resource) => resource.type === "glue_job").map((r) => r.id));
  for (const run of runs) {
    if (run.tool !== "get_mwaa_logs" || run.error !== null) continue;
    const parsed = GetMwaaLogsOutput.safeParse(run.full_output ?? run.output);
    if (!parsed.success) continue;
    for (const mention of glueJobsInLines(parsed.data.log_excerpt)) linked.add(mention.job_name);
  }
  return linked;
}
