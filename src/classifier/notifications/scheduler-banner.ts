/**
 * The banner the Airflow UI shows when the scheduler's heartbeat is stale:
 *   "The scheduler does not appear to be running. Last heartbeat was received 5 hours ago.
 *    The DAGs list may not update, and new tasks will not be scheduled."
 * (Airflow 2.6+ shows the same for the triggerer and the DAG processor.) On MWAA it is the same
 * banner; the MWAA user guide lists it as "I see a 'The scheduler does not appear to be running'
 * error". The banner names no resource, so the resource is the MWAA environment when the ticket names
 * one explicitly, else null; the error is the banner itself, line breaks collapsed.
 */
import { finishFacts } from "./facts.js";
import { cleanNotificationText, collapseWhitespace } from "./text-cleanup.js";
import type { NotificationFacts, NotificationParser } from "./types.js";

const BANNER = new RegExp(
  String.raw`The (?:scheduler|triggerer|dag processor|DagProcessor) does not appear to be running\.?` +
    String.raw`(?: ?Last heartbeat was received (?:a few|\S{1,12}) [a-z]{1,10} ago\.?)?` +
    String.raw`(?: ?The DAGs list may not update, and new tasks will not be scheduled\.?)?`,
  "i",
);
const MWAA_CONTEXT = /\b(?:mwaa|amazon managed workflows|airflow\.amazonaws\.com|arn:aws:airflow:)/i;
const ENV_NAME = String.raw`["'\x60]?([A-Za-z][\w-]{0,79})(?![\w-]|\.\w)`;
const MWAA_ENVIRONMENT = [
  new RegExp(String.raw`arn:aws:airflow:[\w-]{1,30}:\d{12}:environment/([A-Za-z][\w-]{0,79})`),
  new RegExp(String.raw`\bMWAA\s{1,3}env(?:ironment)?(?:\s{0,3}[:=]\s{0,3}|\s{1,3})${ENV_NAME}`, "i"),
  new RegExp(String.raw`\b(?:environment|env)(?:[_ ]?name)?\s{0,3}[:=]\s{0,3}${ENV_NAME}`, "i"),
];
/** Words that follow "environment" in prose and are not names. */
const NOT_A_NAME = new Set(["is", "was", "the", "a", "an", "has", "seems", "shows", "not", "in", "on", "for"]);

function mwaaEnvironment(text: string): string | undefined {
  for (const pattern of MWAA_ENVIRONMENT) {
    const name = pattern.exec(text)?.[1];
    if (name !== undefined && !NOT_A_NAME.has(name.toLowerCase())) return name;
  }
  return undefined;
}

export function parseSchedulerBanner(raw: string): NotificationFacts | null {
  const text = collapseWhitespace(cleanNotificationText(raw));
  const banner = BANNER.exec(text);
  if (banner === null) return null;
  const mwaa = MWAA_CONTEXT.test(text);
  const environment = mwaa ? mwaaEnvironment(text) : undefined;
  return finishFacts({
    format: "airflow_scheduler_banner",
    service: mwaa ? "mwaa" : "airflow",
    resource: environment === undefined ? null : { type: "mwaa_environment", name: environment },
    error: banner[0],
  });
}

export const schedulerBannerParser: NotificationParser = {
  formats: ["airflow_scheduler_banner"],
  parse: parseSchedulerBanner,
};
