/**
 * A ServiceNow incident as intake sees it: read with `sysparm_display_value=all`, so each field
 * carries its raw value (state codes, sys_ids, sys_mod_count) and its display value (the group's
 * name, the priority's label), and the orchestrator gets the ticket as a person reads it. PURE.
 */
import type { FieldOf } from "../servicenow/tables.js";
import type { TableRecord } from "../servicenow/ticket-system.js";
import type { IncidentInput } from "../state/incident.js";

/** What intake reads of each incident. */
export const TICKET_FIELDS = [
  "sys_id",
  "number",
  "short_description",
  "description",
  "category",
  "subcategory",
  "priority",
  "assignment_group",
  "assigned_to",
  "cmdb_ci",
  "opened_at",
  "additional_info",
  "state",
  "sys_mod_count",
] as const satisfies readonly FieldOf<"incident">[];

export interface Ticket {
  readonly sys_id: string;
  readonly number: string;
  /** The state code: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled. */
  readonly state: string;
  readonly mod_count: number;
  /** sys_id of the assignee; "" when unassigned. */
  readonly assigned_to: string;
  /** The incident the orchestrator runs (display values, as the seed's incidents are). */
  readonly incident: IncidentInput;
}

const raw = (record: TableRecord, field: string): string => {
  const value = record[field];
  if (value === undefined) return "";
  return typeof value === "string" ? value : (value.value ?? "");
};

const shown = (record: TableRecord, field: string): string => {
  const value = record[field];
  if (value === undefined) return "";
  return typeof value === "string" ? value : (value.display_value ?? value.value ?? "");
};

/** additional_info often holds JSON an integration wrote; kept as the object it was, else as text. */
function additionalInfo(text: string): string | Record<string, unknown> | undefined {
  if (text === "") return undefined;
  if (text.trimStart().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // Not JSON after all: the text is what the ticket says.
    }
  }
  return text;
}

export function ticketFromRecord(record: TableRecord): Ticket {
  const sysId = raw(record, "sys_id");
  const optional = (field: string) => shown(record, field) || undefined;
  const incident: IncidentInput = {
    sys_id: sysId,
    number: raw(record, "number") || undefined,
    // An empty short description is the ticket's fault: parseIncident names it.
    short_description: shown(record, "short_description"),
    description: optional("description"),
    category: optional("category"),
    subcategory: optional("subcategory"),
    priority: optional("priority"),
    assignment_group: optional("assignment_group"),
    cmdb_ci: optional("cmdb_ci"),
    opened_at: raw(record, "opened_at") || undefined,
    additional_info: additionalInfo(raw(record, "additional_info")),
  };
  const modCount = Number.parseInt(raw(record, "sys_mod_count"), 10);
  return {
    sys_id: sysId,
    number: raw(record, "number") || sysId,
    state: raw(record, "state"),
    mod_count: Number.isFinite(modCount) ? modCount : 0,
    assigned_to: raw(record, "assigned_to"),
    incident: Object.fromEntries(Object.entries(incident).filter(([, value]) => value !== undefined)) as IncidentInput,
  };
}
