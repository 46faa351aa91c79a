/**
 * Glue job failure notices that teams forward as text, in the three forms found in public tickets:
 *  1. "The Glue job, X, failed with error:\n\n<error>\n\nJob Run ID: jr_…" (a notification Lambda's
 *     e-mail, pasted in LBHackney-IT/Data-Platform#825);
 *  2. "<time> \nGlue failure detected for job: *X* \nrun: https://…/job/X/run/jr_… \nError message: …"
 *     (the Google Chat notifier in LBHackney-IT/Data-Platform);
 *  3. Glue's own failure message, "JobName:X and JobRunId:jr_… failed to execute with exception …",
 *     pasted from the console or a log (aws/aws-sdk-java#1612).
 * Each reports a failed run, so the state is Glue's FAILED. The EventBridge event carries form 3 in
 * detail.message; glue-state-change.ts reads that one, and runs first.
 */
import { finishFacts } from "./facts.js";
import type { FactsDraft } from "./facts.js";
import { cleanNotificationText } from "./text-cleanup.js";
import { toIsoTime } from "./timestamps.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

const RUN_ID = /\bjr_[0-9a-f]{8,128}\b/;
const MAX_ERROR_SPAN = 16_384;

const FAILED_WITH_ERROR = /\bThe Glue job,\s{1,5}([^,\n]{1,255}),\s{1,5}failed with error:/;
const JOB_RUN_ID_LINE = /\bJob Run ID:\s{0,5}(jr_[0-9a-f]{8,128})\b/;

// "*test job name*" (the notifier bolds the name, which may hold spaces) or a bare name ending in prose.
const FAILURE_DETECTED = /\bGlue failure detected for job:\s{0,5}(?:\*([^*\n]{1,255})\*|([^\s*]{1,255}))/;
const CONSOLE_RUN = /\/job\/[^/\s]{1,600}\/run\/([^\s/?#]{1,255})/;
const TIME_BEFORE = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))\s{0,10}$/;
const ERROR_MESSAGE_LINE = /\bError message:\s{0,5}(.{1,8000})/;

const EXECUTE_EXCEPTION =
  /\bJobName:\s{0,3}([^\s]{1,255})\s{1,3}and\s{1,3}JobRunId:\s{0,3}(jr_[0-9a-f]{8,128})\s{1,3}failed to execute with exception\s{1,3}[^\n]{1,8000}/;

function draft(fields: Omit<FactsDraft, "format" | "service" | "state">): FactsDraft {
  return { format: "glue_job_notification", service: "glue", state: "FAILED", ...fields };
}

function failedWithError(text: string): FactsDraft | undefined {
  const match = FAILED_WITH_ERROR.exec(text);
  if (match === null) return undefined;
  const after = text.slice(match.index + match[0].length, match.index + match[0].length + MAX_ERROR_SPAN);
  const runLine = JOB_RUN_ID_LINE.exec(after);
  // Without the run id line, the error is the paragraph after the colon.
  const error = runLine === null ? after.trimStart().split(/\n\s*\n/)[0] : after.slice(0, runLine.index);
  return draft({ resource: { type: "glue_job", name: match[1] }, run_id: runLine?.[1], error });
}

function failureDetected(text: string): FactsDraft | undefined {
  const match = FAILURE_DETECTED.exec(text);
  if (match === null) return undefined;
  const after = text.slice(match.index, match.index + MAX_ERROR_SPAN);
  return draft({
    resource: { type: "glue_job", name: match[1] ?? match[2]?.replace(/[.,;:]+$/, "") },
    run_id: CONSOLE_RUN.exec(after)?.[1] ?? RUN_ID.exec(after)?.[0],
    time: toIsoTime(TIME_BEFORE.exec(text.slice(Math.max(0, match.index - 80), match.index))?.[1]),
    error: ERROR_MESSAGE_LINE.exec(after)?.[1],
  });
}

function executeException(text: string): FactsDraft | undefined {
  const match = EXECUTE_EXCEPTION.exec(text);
  if (match === null) return undefined;
  return draft({ resource: { type: "glue_job", name: match[1] }, run_id: match[2], error: match[0] });
}

export function parseGlueJobNotification(raw: string): NotificationFacts | null {
  const text = cleanNotificationText(raw);
  const found = failedWithError(text) ?? failureDetected(text) ?? executeException(text);
  return found === undefined ? null : finishFacts(found);
}

export const glueJobNotificationParser: NotificationParser = {
  formats: ["glue_job_notification"],
  parse: parseGlueJobNotification,
};
