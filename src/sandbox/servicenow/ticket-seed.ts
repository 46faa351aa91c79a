/**
 * One of our incidents (src/state/incident.ts) as a ServiceNow emulator seed entry, so a scenario's
 * `servicenow.incidents` can hold the very ticket an example runs on. Pure: the same incident gives
 * the same entry, whatever the clock.
 *
 * The entry's `assignment_group` names a group (references in a seed name their record), so the
 * seed must also have a group of that name: the emulator refuses a seed whose reference it cannot
 * resolve.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Incident } from "../../state/incident.js";
import { formatGlideTime, parseGlideTime } from "./glide-time.js";
import type { ServiceNowIncidentSeedSchema } from "./seed.js";

export type IncidentSeedEntry = z.input<typeof ServiceNowIncidentSeedSchema>;

export interface TicketSeedOptions {
  /** The incident's `state` choice value; default "1" (New), as a ticket that just came in. */
  readonly state?: string;
  /** The row's sys_created_on; default the incident's opened_at (a ticket is created when it is opened). */
  readonly createdOn?: string;
}

const SYS_ID = /^[0-9a-f]{32}$/;
/** The shape the emulator's seed accepts for a number (INC0012345). */
const NUMBER = /^[A-Z]+\d+$/;

export function ticketSeedFor(incident: Incident, options: TicketSeedOptions = {}): IncidentSeedEntry {
  const keepsSysId = SYS_ID.test(incident.sys_id);
  const sysId = keepsSysId ? incident.sys_id : sha256(incident.sys_id).slice(0, 32);
  const openedAt = glideTime(incident.opened_at);
  const fields: Record<string, string> = {};
  const put = (name: string, value: string | undefined): void => {
    if (value !== undefined) fields[name] = value;
  };
  put("short_description", incident.short_description);
  put("description", incident.description);
  put("category", incident.category);
  put("subcategory", incident.subcategory);
  put("priority", priorityValue(incident.priority));
  put("cmdb_ci", incident.cmdb_ci);
  put(
    "additional_info",
    typeof incident.additional_info === "object" ? JSON.stringify(incident.additional_info) : incident.additional_info,
  );
  put("assignment_group", incident.assignment_group);
  put("state", options.state ?? "1");
  put("opened_at", openedAt);
  // The instance's sys_id must be hex; the id the incident came with stays findable by correlation_id.
  if (!keepsSysId) put("correlation_id", incident.sys_id);
  const createdOn = options.createdOn ?? openedAt;
  return {
    sys_id: sysId,
    number: incident.number !== undefined && NUMBER.test(incident.number) ? incident.number : numberFor(sysId),
    ...(createdOn === undefined ? {} : { created_on: createdOn }),
    fields,
  };
}

/** A stable INC number for an incident without a usable one: 7 digits from the sys_id's hash. */
function numberFor(sysId: string): string {
  const digits = Number.parseInt(sha256(sysId).slice(0, 12), 16) % 10_000_000;
  return `INC${String(digits).padStart(7, "0")}`;
}

/**
 * The priority choice value: our incidents carry the display value ("2 - High") or the number.
 * Text that starts with no number is left out: the instance's field holds an integer choice value.
 */
function priorityValue(priority: Incident["priority"]): string | undefined {
  if (typeof priority === "number") return Number.isInteger(priority) ? String(priority) : undefined;
  return priority === undefined ? undefined : /^\s*(\d+)/.exec(priority)?.[1];
}

/** "2026-11-23 05:31:09" (UTC) from a glide or ISO time; undefined when it is neither. */
function glideTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const at = parseGlideTime(text.trim());
  return Number.isNaN(at) ? undefined : formatGlideTime(new Date(at));
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
