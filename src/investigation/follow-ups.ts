/**
 * The second round: evidence from the first round that names a resource the first round could not
 * see — a DAG task log naming the Glue job it ran ("glue job cust_dim_load run jr_… failed"), or an
 * error naming the s3:// partition it could not read. PURE. At most one second round runs, so what
 * the second round names is not followed again.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { INTENT_BY_NAME, playbookChooses } from "../intents/catalog.js";
import type { Intent } from "../state/intents.js";
import { isReadOnlyTool } from "../tools/catalog.js";
import { GetAthenaQueryOutput } from "../tools/athena/get-athena-query.js";
import { GetEmrLogsOutput } from "../tools/emr/get-emr-logs.js";
import { GetGlueLogsOutput } from "../tools/glue/get-glue-logs.js";
import { GetMwaaLogsOutput } from "../tools/mwaa/get-mwaa-logs.js";
import { LOOKBACK_DAYS } from "./playbooks.js";
import { datedLocationsInText, s3Uri } from "./s3-paths.js";
import type { PlannedCall, ToolRun } from "./types.js";
import { GLUE_FAILED_STATES } from "../tools/glue/run-states.js";

/** Upper bound on second-round calls, so a chatty log cannot fan out into dozens of calls. */
export const MAX_FOLLOW_UPS = 4;

/** Words that follow "glue job" in prose but are not a job name. */
const NOT_A_NAME = new Set([
  "run",
  "runs",
  "run_id",
  "id",
  "failed",
  "failure",
  "with",
  "is",
  "has",
  "was",
  "the",
  "a",
  "an",
  "status",
  "state",
  "name",
]);
const GLUE_JOB_MENTIONS = [
  /\bglue\s+job(?:\s+name)?\s*[:=]?\s*["'`]?([A-Za-z0-9][\w.-]*)/gi,
  /\bjob_name\s*[:=]\s*["'`]?([A-Za-z0-9][\w.-]*)/gi,
  /\bJobName\s*[:=]\s*["'`]?([A-Za-z0-9][\w.-]*)/g,
];
const GLUE_RUN_ID = /\bjr_[0-9a-zA-Z]+\b/;

export interface GlueJobMention {
  job_name: string;
  run_id: string | null;
}

/** Glue jobs named in log lines, first mention first; the run id when the same line names one. */
export function glueJobsInLines(lines: readonly string[]): GlueJobMention[] {
  const found = new Map<string, GlueJobMention>();
  for (const line of lines) {
    for (const pattern of GLUE_JOB_MENTIONS) {
      for (const match of line.matchAll(pattern)) {
        const name = (match[1] ?? "").replace(/[.-]+$/, "");
        if (!name || NOT_A_NAME.has(name.toLowerCase()) || GLUE_RUN_ID.test(name)) continue;
        const runId = GLUE_RUN_ID.exec(line)?.[0] ?? null;
        const known = found.get(name);
        if (!known) found.set(name, { job_name: name, run_id: runId });
        else if (known.run_id === null && runId !== null) known.run_id = runId;
      }
    }
  }
  return [...found.values()];
}

/** The free text a run's output carries about its failure: log lines and error messages. */
function failureTexts(run: ToolRun): string[] {
  const output = run.full_output ?? run.output;
  switch (run.tool) {
    case "get_mwaa_logs": {
      const parsed = GetMwaaLogsOutput.safeParse(output);
      return parsed.success ? parsed.data.log_excerpt : [];
    }
    case "get_glue_logs": {
      const parsed = GetGlueLogsOutput.safeParse(output);
      if (!parsed.success) return [];
      const failed = parsed.data.runs.find((entry) => GLUE_FAILED_STATES.has(entry.state));
      return [failed?.error_message ?? "", ...parsed.data.log_excerpt.map((line) => line.message)];
    }
    case "get_athena_query": {
      const parsed = GetAthenaQueryOutput.safeParse(output);
      return parsed.success ? [parsed.data.query?.state_change_reason ?? ""] : [];
    }
    case "get_emr_logs": {
      const parsed = GetEmrLogsOutput.safeParse(output);
      return parsed.success ? parsed.data.steps.map((step) => step.failure_message ?? "") : [];
    }
    default:
      return [];
  }
}

function sameCall(a: PlannedCall, b: PlannedCall): boolean {
  if (a.tool !== b.tool) return false;
  if (a.tool === "get_glue_logs") return a.args.job_name === b.args.job_name;
  if (a.tool === "verify_source_data") {
    return a.args.bucket === b.args.bucket && a.args.prefix === b.args.prefix && a.args.date === b.args.date;
  }
  return JSON.stringify(a.args) === JSON.stringify(b.args);
}

export interface FollowUpInput {
  intent: Intent;
  config: OrchestratorConfig;
  /** The first round's calls (not repeated) and runs (read for names). */
  first_round: readonly PlannedCall[];
  runs: readonly ToolRun[];
}

export function planFollowUps(input: FollowUpInput): PlannedCall[] {
  const allowed = new Set<string>([
    ...input.config.intent_tools[input.intent].filter(isReadOnlyTool),
    // What a DAG (failed, alarmed on, or given up on) may lead to: the Glue job it ran and the data it read.
    ...(INTENT_BY_NAME[input.intent].followUpTools ?? []),
  ]);
  const lookback = playbookChooses(input.intent, "historicalLookback")
    ? LOOKBACK_DAYS.historical
    : LOOKBACK_DAYS.default;
  const proposals: PlannedCall[] = [];

  for (const run of input.runs) {
    if (run.error) continue;
    const texts = failureTexts(run).filter((text) => text.length > 0);
    if (run.tool === "get_mwaa_logs" && allowed.has("get_glue_logs")) {
      for (const mention of glueJobsInLines(texts)) {
        const args: Record<string, unknown> = { job_name: mention.job_name };
        if (mention.run_id) args.run_id = mention.run_id;
        const which = mention.run_id ? ` run ${mention.run_id}` : "";
        proposals.push({
          tool: "get_glue_logs",
          args,
          why: `The failed task's log names Glue job ${mention.job_name}${which}: pull that run and its error log`,
        });
      }
    }
    if (allowed.has("verify_source_data")) {
      for (const location of datedLocationsInText(texts.join("\n"))) {
        const partitionKey = location.partition_key ?? "dt";
        const date = location.date ?? undefined;
        proposals.push({
          tool: "verify_source_data",
          args: {
            bucket: location.bucket,
            prefix: location.prefix,
            partition_key: partitionKey,
            date,
            lookback_days: lookback,
          },
          why: `${run.tool} names ${s3Uri(location.bucket, location.prefix, partitionKey, date)}: check whether that data is there now`,
        });
      }
    }
  }

  const planned: PlannedCall[] = [];
  for (const proposal of proposals) {
    const duplicate = [...input.first_round, ...planned].some((call) => sameCall(call, proposal));
    if (!duplicate && planned.length < MAX_FOLLOW_UPS) planned.push(proposal);
  }
  return planned;
}
