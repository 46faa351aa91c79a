/**
 * Which resources an incident is about, read field by field. PURE.
 *
 * The short description, the configuration item and an alert's own identifiers (short key=value
 * fields of additional_info, as EventBridge and CloudWatch payloads carry them) name the subject.
 * The description and long payload values are free text: a sentence there ("please also re-run Glue
 * job X", "EMR step s-… failed too") is a mention, never the subject, unless no subject field names
 * a resource of that kind at all. Text is read as the classifier reads it (normalised, instruction-like
 * text removed), and the description line by line, so two jobs in two sentences are two mentions.
 */
import { extractEntities } from "../classifier/entities.js";
import { stripInstructionLikeText } from "../classifier/injection.js";
import { flattenAdditionalInfo, normaliseText } from "../classifier/text.js";
import type { Entities } from "../state/classification.js";
import type { Incident } from "../state/incident.js";
import type { NamedResource, Subject, SubjectResourceType, SubjectSource } from "./subject.js";

/** An alert identifier is a short `key=value` field; longer values are pasted text. */
const MAX_ALERT_VALUE_CHARS = 200;
const ALERT_FIELD = /^[\w.$@-]{1,120}=/;

const ENTITY_FIELDS: ReadonlyArray<readonly [keyof Entities, SubjectResourceType]> = [
  ["glue_job_name", "glue_job"],
  ["dag_id", "dag"],
  ["emr_cluster_id", "emr_cluster"],
  ["emr_step_id", "emr_step"],
  ["athena_query_id", "athena_query"],
  ["athena_workgroup", "athena_workgroup"],
];

function readable(raw: string): string {
  return stripInstructionLikeText(normaliseText(raw)).text;
}

function resourcesIn(text: string, source: SubjectSource): NamedResource[] {
  if (text.trim() === "") return [];
  const entities = extractEntities(text);
  return ENTITY_FIELDS.flatMap(([field, type]) => {
    const id = entities[field];
    return id === undefined ? [] : [{ type, id, source }];
  });
}

function linesOf(text: string | undefined): string[] {
  return text === undefined ? [] : readable(text).split("\n");
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
    const short = ALERT_FIELD.test(line) && line.length <= MAX_ALERT_VALUE_CHARS;
    (short ? alertLines : payloadText).push(line);
  }
  const named = distinct([
    ...resourcesIn(readable(incident.short_description), "short_description"),
    ...resourcesIn(readable(incident.cmdb_ci ?? ""), "cmdb_ci"),
    ...alertLines.flatMap((line) => resourcesIn(readable(line), "alert")),
  ]);
  const freeText = [...linesOf(incident.description), ...payloadText.flatMap((text) => linesOf(text))];
  const isNamed = (resource: NamedResource) =>
    named.some((other) => other.type === resource.type && other.id === resource.id);
  const mentioned = distinct(freeText.flatMap((line) => resourcesIn(line, "description"))).filter(
    (resource) => !isNamed(resource),
  );
  return { named, mentioned };
}
