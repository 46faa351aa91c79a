/**
 * Airflow's default task failure (and retry) e-mail, from get_email_subject_content in
 * airflow/models/taskinstance.py:
 *   subject  "Airflow alert: <TaskInstance: dag.task run_id [failed]>"
 *   body     "Try 1 out of 3<br>Exception:<br>…<br>Log: <a href=…>Link</a><br>Host: …<br>
 *             Mark success: <a href=…>Link</a><br>" (1.10 adds "Log file: …").
 * Pasted tickets often keep only the body, rendered as text ("Log: Link"), so the DAG and task also
 * come from the log link's query (dag_id, task_id, execution_date / dag_run_id) or the "Log file:"
 * path. The error is the exception text, with the try it failed on appended: "… (try 1 out of 4)".
 */
import { finishFacts } from "./facts.js";
import { MAX_INPUT_CHARS, cleanNotificationText, decodeEntities } from "./text-cleanup.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

interface TaskRef {
  readonly dag?: string;
  readonly task?: string;
  readonly run?: string;
}

const TASK_INSTANCE =
  /<TaskInstance:\s{0,5}([A-Za-z0-9][\w-]{0,249})\.([A-Za-z0-9][\w.-]{0,249})\s{1,5}(.{1,250}?)\s{0,5}(?:map_index=-?\d{1,6}\s{0,5})?\[([a-z_ ]{1,40})\]>/;
const TRY = /\bTry (\d{1,4}) out of (\d{1,4})\b/;
const EXCEPTION_LINE = /^\s*Exception:\s*(.*)$/;
const BODY_FIELD = /^\s*(?:Log:|Log file:|Host:|Mark success:)/;
const HREF = /href\s{0,3}=\s{0,3}["']([^"'<>\s]{1,2000})["']/gi;
const LOG_FILE_V2 = /dag_id=([^/\s]{1,250})\/run_id=([^/\s]{1,250})\/task_id=([^/\s]{1,250})\//;
const LOG_FILE_V1 =
  /\/logs\/([A-Za-z0-9][\w.-]{0,249})\/([A-Za-z0-9][\w.-]{0,249})\/(\d{4}-\d{2}-\d{2}T[\d:.+-]{1,40}?)(?:\/\d{1,4})?\.log\b/;
const MWAA_HOST = /\.airflow\.amazonaws\.com\b/i;

/** The DAG, task and run a log or grid link points at (Airflow 1.10's /admin/airflow/log, 2.x's /log, /dags/x/grid). */
function fromLogLink(raw: string): TaskRef | undefined {
  for (const match of raw.matchAll(HREF)) {
    const href = decodeEntities(match[1] ?? "");
    if (!/dag_id=|\/dags\//.test(href)) continue;
    try {
      const url = new URL(href, "http://airflow.invalid");
      const params = url.searchParams;
      const dag = params.get("dag_id") ?? /\/dags\/([^/?#]{1,250})/.exec(url.pathname)?.[1];
      // An unencoded "+00:00" in a hand-built link reads back as " 00:00".
      const run = (params.get("dag_run_id") ?? params.get("run_id") ?? params.get("execution_date"))?.replace(
        / (\d{2}:?\d{2})$/,
        "+$1",
      );
      return { dag: dag ?? undefined, task: params.get("task_id") ?? undefined, run };
    } catch {
      continue;
    }
  }
  return undefined;
}

function fromLogFile(text: string): TaskRef | undefined {
  const v2 = LOG_FILE_V2.exec(text);
  if (v2 !== null) return { dag: v2[1], run: v2[2], task: v2[3] };
  const v1 = LOG_FILE_V1.exec(text);
  return v1 === null ? undefined : { dag: v1[1], task: v1[2], run: v1[3] };
}

/** The lines after "Exception:" up to the next field of the template ("Log:", "Host:" …). */
function exceptionText(text: string): string | undefined {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => EXCEPTION_LINE.test(line));
  if (start === -1) return undefined;
  const collected = [EXCEPTION_LINE.exec(lines[start] ?? "")?.[1] ?? ""];
  for (let index = start + 1; index < lines.length && collected.length < 200; index += 1) {
    const line = lines[index] ?? "";
    if (BODY_FIELD.test(line)) break;
    collected.push(line);
  }
  const exception = collected.join("\n").trim();
  return exception === "" ? undefined : exception;
}

export function parseAirflowFailureEmail(raw: string): NotificationFacts | null {
  const text = cleanNotificationText(raw);
  const subject = TASK_INSTANCE.exec(text);
  const attempt = TRY.exec(text);
  const exception = exceptionText(text);
  const isBody = attempt !== null && exception !== undefined && text.split("\n").some((line) => BODY_FIELD.test(line));
  if (subject === null && !isBody) return null;
  const link = fromLogLink(decodeEntities(raw.slice(0, MAX_INPUT_CHARS))) ?? fromLogFile(text);
  const dag = subject?.[1] ?? link?.dag;
  const tryContext = attempt === null ? "" : ` (try ${attempt[1]} out of ${attempt[2]})`;
  return finishFacts({
    format: "airflow_failure_email",
    service: MWAA_HOST.test(raw) ? "mwaa" : "airflow",
    resource: { type: "dag", name: dag },
    related: [{ type: "task", name: subject?.[2] ?? link?.task }],
    run_id: subject?.[3] ?? link?.run,
    state: subject?.[4],
    error: exception === undefined ? undefined : `${exception}${tryContext}`,
  });
}

export const airflowFailureEmailParser: NotificationParser = {
  formats: ["airflow_failure_email"],
  parse: parseAirflowFailureEmail,
};
