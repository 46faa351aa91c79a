/**
 * The ticket as the classifier should read it: about its subject. PURE.
 *
 * A line of the description that names resources, none of them the subject, is about something
 * else ("Also EMR step s-… failed: Container killed by YARN. Re-add the step.", "FYI Glue job X
 * also failed: Access Denied"). Read with the rest, its words would pull the intent, and the
 * identifiers the tools are called with, towards that other resource. It is left out of what the
 * classifier reads; it stays in the incident, the investigation and the record. A ticket whose
 * subject fields name no resource is read whole: there is no subject to tell context from.
 */
import type { Incident } from "../state/incident.js";
import { resourcesInLine } from "./resolve.js";
import type { Subject } from "./subject.js";

export function focusOnSubject(incident: Incident, subject: Subject): Incident {
  if (subject.named.length === 0 || incident.description === undefined) return incident;
  const isSubject = (type: string, id: string) =>
    subject.named.some((resource) => resource.type === type && resource.id === id);
  const lines = incident.description.split(/\r?\n/);
  const kept = lines.filter((line) => {
    const named = resourcesInLine(line);
    return named.length === 0 || named.some((resource) => isSubject(resource.type, resource.id));
  });
  return kept.length === lines.length ? incident : { ...incident, description: kept.join("\n") };
}
