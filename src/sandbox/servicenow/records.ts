/**
 * The emulated instance's rows and the rules an instance applies when they are written: system
 * fields (sys_mod_count, sys_updated_on, sys_updated_by), journal fields (work_notes and comments
 * become sys_journal_field rows attributed to the writer), reference values given as a display
 * value, the Resolved/Closed business rule, and the data policy that refuses Resolved without
 * close_code and close_notes. Unknown fields in a write are ignored, as an instance ignores them.
 */
import { seededRandom } from "../faults.js";
import { formatGlideTime, parseGlideTime } from "./glide-time.js";
import type { FieldReader, Row } from "./query-match.js";
import { DEFAULT_INCIDENT_CHOICES, type ServiceNowSeed } from "./seed.js";
import { TableApiError } from "./table-error.js";
import { fieldOf, TABLES, type EmulatedTable, type FieldType } from "./tables.js";

type MutableRow = Record<string, string>;

/** Incident states (the `state` choice list). */
export const INCIDENT_STATE = { new: "1", in_progress: "2", on_hold: "3", resolved: "6", closed: "7", canceled: "8" };

/**
 * The field labels the data policy names. Recent releases label close_code and close_notes
 * "Resolution code" and "Resolution notes" on the incident form.
 */
const RESOLUTION_FIELDS: readonly (readonly [string, string])[] = [
  ["close_code", "Resolution code"],
  ["close_notes", "Resolution notes"],
];

export interface Actor {
  readonly sys_id: string;
  readonly user_name: string;
}

export class InstanceRecords {
  private readonly rows = new Map<EmulatedTable, Map<string, MutableRow>>();
  private readonly random: () => number;
  private nextNumber = 10001;

  constructor(
    seed: ServiceNowSeed,
    private readonly now: () => Date,
  ) {
    this.random = seededRandom(seed.seed);
    for (const table of Object.keys(TABLES) as EmulatedTable[]) this.rows.set(table, new Map());
    this.load(seed);
  }

  /** The rows of a table, in insertion order (an instance's default order is unspecified). */
  all(table: EmulatedTable): readonly Row[] {
    return [...this.table(table).values()];
  }

  find(table: EmulatedTable, sysId: string): Row | undefined {
    return this.table(table).get(sysId);
  }

  /** The first row whose `field` equals `value`. */
  findBy(table: EmulatedTable, field: string, value: string): Row | undefined {
    for (const row of this.table(table).values()) if (row[field] === value) return row;
    return undefined;
  }

  /** Reads `field` of `row` on `table`, following dot-walks through reference fields. */
  reader(table: EmulatedTable): FieldReader {
    return (row, path) => this.readPath(table, row, path.split("."));
  }

  private readPath(
    table: EmulatedTable,
    row: Row | undefined,
    path: readonly string[],
  ): { type: FieldType; value: string } | undefined {
    const [head, ...rest] = path;
    if (head === undefined) return undefined;
    const field = fieldOf(table, head);
    if (!field) return undefined;
    if (rest.length === 0) return { type: field.type, value: row?.[head] ?? "" };
    if (field.type !== "reference" || !field.reference) return undefined;
    const target = row?.[head] ? this.find(field.reference, row[head]) : undefined;
    return this.readPath(field.reference, target, rest);
  }

  /** The label a choice value has (sys_choice), or the value itself. */
  choiceLabel(table: EmulatedTable, element: string, value: string): string {
    for (const choice of this.table("sys_choice").values()) {
      if (choice.name === table && choice.element === element && choice.value === value) return choice.label ?? value;
    }
    return value;
  }

  /** Journal entries (newest first) written to `element` of a row. */
  journal(table: EmulatedTable, sysId: string, element: string): Row[] {
    return [...this.table("sys_journal_field").values()]
      .filter((entry) => entry.name === table && entry.element_id === sysId && entry.element === element)
      .sort((a, b) => parseGlideTime(b.sys_created_on ?? "") - parseGlideTime(a.sys_created_on ?? ""));
  }

  create(table: EmulatedTable, values: Readonly<Record<string, unknown>>, actor: Actor): Row {
    const at = formatGlideTime(this.now());
    const row: MutableRow = {
      sys_id: this.sysId(),
      sys_created_on: at,
      sys_created_by: actor.user_name,
      sys_updated_on: at,
      sys_updated_by: actor.user_name,
      sys_mod_count: "0",
    };
    if (table === "incident") {
      Object.assign(row, { number: this.incidentNumber(), state: INCIDENT_STATE.new, active: "true", opened_at: at });
    }
    const journal = this.assign(table, row, values);
    if (table === "incident") this.applyIncidentRules(row, undefined, actor);
    this.table(table).set(row.sys_id as string, row);
    this.writeJournal(table, row.sys_id as string, journal, actor);
    return row;
  }

  /** PATCH/PUT: the row after the write, or undefined when there is no such row. */
  update(
    table: EmulatedTable,
    sysId: string,
    values: Readonly<Record<string, unknown>>,
    actor: Actor,
  ): Row | undefined {
    const current = this.table(table).get(sysId);
    if (!current) return undefined;
    const next: MutableRow = { ...current };
    const journal = this.assign(table, next, values);
    if (table === "incident") this.applyIncidentRules(next, current, actor);
    const changed = Object.keys(next).some((key) => next[key] !== current[key]) || journal.length > 0;
    // An instance skips a write that changes nothing: no new sys_mod_count, no sys_updated_on.
    if (!changed) return current;
    next.sys_mod_count = String(Number(current.sys_mod_count ?? "0") + 1);
    next.sys_updated_on = formatGlideTime(this.now());
    next.sys_updated_by = actor.user_name;
    this.table(table).set(sysId, next);
    this.writeJournal(table, sysId, journal, actor);
    return next;
  }

  /** Copies known fields into `row`; returns the journal entries the write carries. */
  private assign(
    table: EmulatedTable,
    row: MutableRow,
    values: Readonly<Record<string, unknown>>,
  ): { element: string; value: string }[] {
    const journal: { element: string; value: string }[] = [];
    for (const [name, raw] of Object.entries(values)) {
      const field = fieldOf(table, name);
      if (!field || name.startsWith("sys_")) continue; // unknown fields and system fields are ignored
      const value =
        raw === null || raw === undefined ? "" : typeof raw === "object" ? JSON.stringify(raw) : String(raw);
      if (field.type === "journal_input") {
        if (value.trim() !== "") journal.push({ element: name, value });
      } else if (field.type === "reference" && field.reference) {
        row[name] = this.resolveReference(field.reference, value);
      } else {
        row[name] = value;
      }
    }
    return journal;
  }

  /** A sys_id stays; a display value ("Data Lake Ops") is looked up, as an instance does. */
  private resolveReference(table: EmulatedTable, value: string): string {
    if (value === "" || this.table(table).has(value)) return value;
    const byDisplay = this.findBy(table, TABLES[table].displayField, value);
    if (byDisplay) return byDisplay.sys_id as string;
    if (table === "sys_user") return this.findBy("sys_user", "user_name", value)?.sys_id ?? value;
    return value;
  }

  /** The business rules and the data policy an instance applies to an incident on write. */
  private applyIncidentRules(row: MutableRow, before: Row | undefined, actor: Actor): void {
    const state = row.state ?? "";
    if (state === INCIDENT_STATE.resolved) {
      const missing = RESOLUTION_FIELDS.filter(([name]) => (row[name] ?? "").trim() === "").map(([, label]) => label);
      if (missing.length > 0) {
        throw new TableApiError(
          403,
          "Operation Failed",
          `Data Policy Exception: \n\tThe following fields are mandatory: ${missing.join(", ")}\n`,
        );
      }
    }
    if (state !== before?.state) {
      const at = formatGlideTime(this.now());
      row.incident_state = state;
      if (state === INCIDENT_STATE.resolved) Object.assign(row, { resolved_at: at, resolved_by: actor.sys_id });
      if (state === INCIDENT_STATE.closed || state === INCIDENT_STATE.canceled) {
        Object.assign(row, { closed_at: at, active: "false" });
      }
    }
  }

  private writeJournal(
    table: EmulatedTable,
    sysId: string,
    entries: readonly { element: string; value: string }[],
    actor: Actor,
  ): void {
    for (const entry of entries) {
      this.insertJournal(table, sysId, entry.element, entry.value, actor.user_name, formatGlideTime(this.now()));
    }
  }

  private insertJournal(table: string, sysId: string, element: string, value: string, by: string, on: string): void {
    const id = this.sysId();
    this.table("sys_journal_field").set(id, {
      sys_id: id,
      name: table,
      element,
      element_id: sysId,
      value,
      sys_created_on: on,
      sys_created_by: by,
      sys_updated_on: on,
      sys_updated_by: by,
      sys_mod_count: "0",
    });
  }

  private load(seed: ServiceNowSeed): void {
    const seededAt = formatGlideTime(this.now());
    const system = (sysId: string | undefined, on = seededAt, by = "system"): MutableRow => ({
      sys_id: sysId ?? this.sysId(),
      sys_created_on: on,
      sys_created_by: by,
      sys_updated_on: on,
      sys_updated_by: by,
      sys_mod_count: "0",
    });
    for (const user of seed.users) {
      const row = system(user.sys_id);
      Object.assign(row, {
        user_name: user.user_name,
        name: user.name ?? user.user_name,
        email: user.email ?? "",
        active: String(user.active),
      });
      this.insert("sys_user", row);
    }
    for (const group of seed.groups) {
      const row = system(group.sys_id);
      Object.assign(row, { name: group.name, description: group.description ?? "", active: "true" });
      this.insert("sys_user_group", row);
      for (const member of group.members) {
        const user = this.findBy("sys_user", "user_name", member);
        if (!user) throw new Error(`ServiceNow seed: group ${group.name} has unknown member ${member}`);
        this.insert("sys_user_grmember", {
          ...system(undefined),
          group: row.sys_id as string,
          user: user.sys_id as string,
        });
      }
    }
    const seededChoices = new Set(seed.choices.map((choice) => `${choice.name}.${choice.element}`));
    const defaults = seed.default_choices
      ? DEFAULT_INCIDENT_CHOICES.filter(
          (choice) => !seededChoices.has(`${choice.name ?? "incident"}.${choice.element}`),
        )
      : [];
    for (const choice of [...seed.choices, ...defaults]) {
      const row = system(undefined);
      Object.assign(row, {
        name: choice.name ?? "incident",
        element: choice.element,
        value: choice.value,
        label: choice.label,
        language: "en",
        sequence: String(choice.sequence ?? 0),
        inactive: String(choice.inactive ?? false),
        dependent_value: "",
      });
      this.insert("sys_choice", row);
    }
    for (const incident of seed.incidents) {
      const on = incident.created_on ? formatGlideTime(new Date(parseGlideTime(incident.created_on))) : seededAt;
      const row = system(incident.sys_id, on, incident.created_by ?? "system");
      Object.assign(row, { number: incident.number, state: INCIDENT_STATE.new, active: "true", opened_at: on });
      for (const [name, value] of Object.entries(incident.fields)) {
        const field = fieldOf("incident", name);
        if (!field || field.type === "journal_input") {
          throw new Error(`ServiceNow seed: incident ${incident.number} has no field ${name} the emulator can seed`);
        }
        row[name] = field.type === "reference" && field.reference ? this.seedReference(field.reference, value) : value;
      }
      row.incident_state = row.state ?? INCIDENT_STATE.new;
      this.insert("incident", row);
    }
    for (const entry of seed.journal) {
      const incident = this.findBy("incident", "number", entry.incident);
      if (!incident) throw new Error(`ServiceNow seed: journal entry for unknown incident ${entry.incident}`);
      const on = formatGlideTime(new Date(parseGlideTime(entry.created_on)));
      this.insertJournal("incident", incident.sys_id as string, entry.element, entry.value, entry.created_by, on);
    }
  }

  /** Seeds name their references; an unknown name is a mistake in the seed, not data. */
  private seedReference(table: EmulatedTable, name: string): string {
    if (name === "") return "";
    const resolved = this.resolveReference(table, name);
    if (!this.table(table).has(resolved)) throw new Error(`ServiceNow seed: no ${table} named ${name}`);
    return resolved;
  }

  private insert(table: EmulatedTable, row: MutableRow): void {
    const sysId = row.sys_id as string;
    if (this.table(table).has(sysId)) throw new Error(`ServiceNow seed: duplicate sys_id ${sysId} in ${table}`);
    this.table(table).set(sysId, row);
  }

  private incidentNumber(): string {
    for (;;) {
      const number = `INC${String(this.nextNumber++).padStart(7, "0")}`;
      if (!this.findBy("incident", "number", number)) return number;
    }
  }

  private sysId(): string {
    let id = "";
    while (id.length < 32) id += Math.floor(this.random() * 16).toString(16);
    return id;
  }

  private table(table: EmulatedTable): Map<string, MutableRow> {
    return this.rows.get(table) as Map<string, MutableRow>;
  }
}
