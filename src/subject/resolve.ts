/**
 * Which resources an incident is about, read field by field. PURE.
 *
 * The short description, the configuration item and an alert's own identifiers (short key=value
 * fields of additional_info, as EventBridge and CloudWatch payloads carry them) name the subject.
 * The description and long payload values are free text: a sentence there ("please also re-run Glue
 * job X", "EMR step s-… failed too") is a mention, never the subject. One exception reads the two
 * together: a subject field often names a resource without saying its kind ("vendor_inventory_ingest
 * failed", an alarm named "mwaa-prod-customer_360_refresh-failed"); a resource the free text
 * identifies ("DAG vendor_inventory_ingest …") whose id stands as a whole word in a subject field is
 * named by that field. Text is read as the classifier reads it (normalised, instruction-like text
 * removed), and the description line by line, so two jobs in two sentences are two mentions.
 */
import { extractEntities } from "../classifier/entities.js";
import { stripInstructionLikeText } from "../classifier/injection.js";
import { flattenAdditionalInfo, normaliseText } from "../classifier/text.js";
import type { Entities } from "../state/classification.js";
import type { Incident } from "../state/incident.js";
import { foldLookalikes } from "./lookalikes.js";
import type { NamedResource, Subject, SubjectResourceType, SubjectSource } from "./subject.js";

/**
 * An alert identifier is a short `key=value` field at the top of the payload or one level down
 * (EventBridge's `detail.jobName`); longer values are pasted text, and deeper or
 * other-thing fields ("related[].job_name", "remediation.args.job_name") describe something else.
 */
const MAX_ALERT_VALUE_CHARS = 200;
const ALERT_FIELD = /^([\w$@-]{1,60})(?:\.([\w$@-]{1,60}))?=/;
const NOT_THE_ALERTS_OWN =
  /^(?:related|linked|similar|duplicates?|previous|history|parent|children|child|upstream|downstream|dependenc(?:y|ies)|remediation|recommendations?|suggested|actions?|tools?|args|arguments|commands?|instructions?|notes?|comments?)$/i;

function isAlertField(line: string): boolean {
  if (line.length > MAX_ALERT_VALUE_CHARS) return false;
  const match = ALERT_FIELD.exec(line);
  return match !== null && [match[1], match[2]].every((key) => key === undefined || !NOT_THE_ALERTS_OWN.test(key));
}

const ENTITY_FIELDS: ReadonlyArray<readonly [keyof Entities, SubjectResourceType]> = [
  ["glue_job_name", "glue_job"],
  ["dag_id", "dag"],
  ["emr_cluster_id", "emr_cluster"],
  ["emr_step_id", "emr_step"],
  ["athena_query_id", "athena_query"],
  ["athena_workgroup", "athena_workgroup"],
];

function readable(raw: string): string {
  return stripInstructionLikeText(foldLookalikes(normaliseText(raw))).text;
}

export function resourcesIn(text: string, source: SubjectSource): NamedResource[] {
  if (text.trim() === "") return [];
  const entities = extractEntities(text);
  return ENTITY_FIELDS.flatMap(([field, type]) => {
    const id = entities[field];
    return id === undefined ? [] : [{ type, id, source }];
  });
}

/** The resources one line of free text names, read as the classifier reads it. */
export function resourcesInLine(line: string): NamedResource[] {
  return resourcesIn(readable(line), "description");
}

function linesOf(text: string | undefined): string[] {
  return text === undefined ? [] : readable(text).split("\n");
}

/** `id` as a whole word of `text`: not inside a longer name ("orders" is not in "orders_v2"). */
function standsIn(id: string, text: string): boolean {
  let from = text.indexOf(id);
  while (from !== -1) {
    const before = text.charAt(from - 1);
    const after = text.charAt(from + id.length);
    if (!/[A-Za-z0-9_]/.test(before) && !/[A-Za-z0-9_]/.test(after)) return true;
    from = text.indexOf(id, from + 1);
  }
  return false;
}

function distinct(resources: readonly NamedResource[]): NamedResource[] {
  const seen = new Set<string>();
  return resources.filter((resource) => {
    const key = `${resource.type}\u0000${resource.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function resolveSubject(incident: Incident): Subject {
  const alertLines: string[] = [];
  const payloadText: string[] = [];
  for (const line of flattenAdditionalInfo(incident.additional_info).split("\n")) {
    (isAlertField(line) ? alertLines : payloadText).push(line);
  }
  const named = distinct([
    ...resourcesIn(readable(incident.short_description), "short_description"),
    ...resourcesIn(readable(incident.cmdb_ci ?? ""), "cmdb_ci"),
    ...alertLines.flatMap((line) => resourcesIn(readable(line), "alert")),
  ]);
  const freeText = [...linesOf(incident.description), ...payloadText.flatMap((text) => linesOf(text))];
  const identified = distinct(freeText.flatMap((line) => resourcesIn(line, "description")));
  const fields: ReadonlyArray<readonly [SubjectSource, string]> = [
    ["short_description", readable(incident.short_description)],
    ["cmdb_ci", readable(incident.cmdb_ci ?? "")],
  ];
  for (const resource of identified) {
    const field = fields.find(([, text]) => standsIn(resource.id, text));
    if (field) named.push({ ...resource, source: field[0] });
  }
  const isNamed = (resource: NamedResource) =>
    named.some((other) => other.type === resource.type && other.id === resource.id);
  return { named: distinct(named), mentioned: identified.filter((resource) => !isNamed(resource)) };
}
