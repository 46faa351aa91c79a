/**
 * get_athena_query → analysis. The query's state-change reason carries Athena's error text; when our
 * patterns do not recognise it, Athena's own error category decides (1 system → transient,
 * 2 user → non-transient). A query that did not fail is no failure to explain.
 */
import { GetAthenaQueryOutput } from "../../tools/athena/get-athena-query.js";
import { classifyFailureText, type FailureClassification } from "../cause-patterns.js";
import type { Analysis, Remediation } from "../types.js";
import { REPEATED_FAILURE_THRESHOLD, STRENGTH, analysis, clip, labelled, parseOutput } from "./common.js";
import { ATHENA_FAILED_STATE, ATHENA_UNSUCCESSFUL_END_STATES } from "../../tools/athena/query-states.js";

const TOOL = "get_athena_query";
/** Athena's AthenaError.ErrorCategory values. */
const ERROR_CATEGORY = { system: 1, user: 2 } as const;

function classify(reason: string | null, category: number | null): FailureClassification {
  const fromText = classifyFailureText(reason);
  if (fromText.kind !== "undetermined") return fromText;
  if (category === ERROR_CATEGORY.system) return { kind: "transient", label: "Athena system error" };
  if (category === ERROR_CATEGORY.user) return { kind: "non_transient", label: "Athena user error" };
  return fromText;
}

export function analyzeAthenaQuery(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetAthenaQueryOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const { query, recent } = parsed.data;
  const recentFailures = recent.filter((entry) => entry.state === ATHENA_FAILED_STATE).length;
  const recentNote = recent.length > 0 ? ` (${recentFailures} of ${recent.length} recent queries failed)` : "";

  if (!query) {
    return analysis(TOOL, { summary: `No failed Athena query found${recentNote}`, strength: STRENGTH.nothing });
  }
  const workgroup = query.workgroup ?? "primary";
  const candidate: Remediation = {
    action: "retry_athena_query",
    args: { query_id: query.query_id },
    resource: { type: "athena_workgroup", id: workgroup },
  };
  const at = query.completed ?? query.submitted;

  if (query.state === "SUCCEEDED") {
    const text = `Athena query ${query.query_id} succeeded at ${at}`;
    return analysis(TOOL, {
      summary: text,
      root_cause: text,
      cause_kind: "recovered",
      strength: STRENGTH.unclassified,
      recovered: true,
      succeeded_at: at,
    });
  }
  if (!ATHENA_UNSUCCESSFUL_END_STATES.has(query.state)) {
    return analysis(TOOL, {
      summary: `Athena query ${query.query_id} is ${query.state}${recentNote}`,
      strength: STRENGTH.weak,
    });
  }

  const reason = query.state_change_reason;
  const { kind, label } = classify(reason, query.error_category);
  const fromText = classifyFailureText(reason).kind !== "undetermined";
  const strength = fromText
    ? STRENGTH.conclusive
    : kind !== "undetermined"
      ? STRENGTH.strong
      : reason
        ? STRENGTH.unclassified
        : STRENGTH.bare;
  const rootCause = `Athena query ${query.query_id} in workgroup ${workgroup} ${query.state} at ${at}: ${reason ? clip(reason) : "no reason given"}`;
  // The same SQL failing with the same reason on earlier runs too: the third time is not transient.
  const sameBefore = recent.filter(
    (entry) => entry.same_query === true && entry.state === query.state && entry.state_change_reason === reason,
  ).length;
  const repeated = kind === "transient" && sameBefore + 1 >= REPEATED_FAILURE_THRESHOLD;
  const repeatNote = repeated ? ` (failed the same way ${sameBefore + 1} times in a row)` : "";

  return analysis(TOOL, {
    summary: labelled(`${rootCause}${repeatNote || recentNote}`, kind === "undetermined" ? null : label),
    root_cause: rootCause,
    cause_kind: kind,
    cause_label: kind === "undetermined" ? null : label,
    strength,
    remediation: kind === "transient" && !repeated ? candidate : null,
    retry_candidate: candidate,
    failed_at: at,
  });
}
