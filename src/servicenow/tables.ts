/**
 * The tables the client reads and writes, and the fields it may name on each. A Table API query
 * term, sysparm_fields entry or written field the instance does not know is silently ignored (a
 * query then returns more rows than asked), so every name goes through `checkField` first.
 * Reference fields name their target, so a dot-walk (`assignment_group.name`) is checked too.
 */

const SYSTEM_FIELDS = [
  "sys_id",
  "sys_created_on",
  "sys_created_by",
  "sys_updated_on",
  "sys_updated_by",
  "sys_mod_count",
] as const;

export const TABLE_FIELDS = {
  incident: [
    ...SYSTEM_FIELDS,
    "number",
    "short_description",
    "description",
    "category",
    "subcategory",
    "state",
    "incident_state",
    "hold_reason",
    "priority",
    "impact",
    "urgency",
    "active",
    "assignment_group",
    "assigned_to",
    "caller_id",
    "opened_by",
    "resolved_by",
    "cmdb_ci",
    "correlation_id",
    "additional_info",
    "close_code",
    "close_notes",
    "opened_at",
    "resolved_at",
    "closed_at",
    "work_notes",
    "comments",
  ],
  sys_user_group: [...SYSTEM_FIELDS, "name", "description", "email", "active", "manager"],
  sys_user_grmember: [...SYSTEM_FIELDS, "group", "user"],
  sys_user: [...SYSTEM_FIELDS, "user_name", "name", "first_name", "last_name", "email", "active"],
  sys_journal_field: [...SYSTEM_FIELDS, "name", "element", "element_id", "value"],
  sys_choice: [...SYSTEM_FIELDS, "name", "element", "value", "label", "language", "sequence", "inactive"],
} as const;

export type TableName = keyof typeof TABLE_FIELDS;
export type FieldOf<T extends TableName> = (typeof TABLE_FIELDS)[T][number];

export const TABLE_NAMES = Object.keys(TABLE_FIELDS) as TableName[];

/** Reference fields and the table each points at (for dot-walks). */
const REFERENCES: { readonly [T in TableName]?: Partial<Record<FieldOf<T>, TableName>> } = {
  incident: {
    assignment_group: "sys_user_group",
    assigned_to: "sys_user",
    caller_id: "sys_user",
    opened_by: "sys_user",
    resolved_by: "sys_user",
  },
  sys_user_group: { manager: "sys_user" },
  sys_user_grmember: { group: "sys_user_group", user: "sys_user" },
};

/** The journal fields: writable on a record, never a query term (the entries are sys_journal_field rows). */
const JOURNAL_FIELDS: ReadonlySet<string> = new Set(["work_notes", "comments"]);

/** Thrown before any request when a name is not a field of the table. */
export class UnknownFieldError extends Error {
  override readonly name = "UnknownFieldError";
}

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(TABLE_FIELDS, name);
}

/**
 * Checks `path` (a field, or a dot-walk through reference fields) against the known fields of
 * `table`; throws an UnknownFieldError naming it. `usage` says what the name is for.
 */
export function checkField(table: TableName, path: string, usage: "query" | "fields" | "write"): void {
  const segments = path.split(".");
  let current: TableName = table;
  for (const [index, segment] of segments.entries()) {
    const known = (TABLE_FIELDS[current] as readonly string[]).includes(segment);
    if (!known) {
      throw new UnknownFieldError(
        `${current} has no field "${segment}"${segments.length > 1 ? ` (in "${path}")` : ""}: ServiceNow would ignore ` +
          `it${usage === "query" ? " and return more rows than asked" : ""}`,
      );
    }
    const last = index === segments.length - 1;
    if (!last) {
      if (usage === "write") throw new UnknownFieldError(`cannot write the dot-walked field "${path}"`);
      const target = (REFERENCES[current] as Partial<Record<string, TableName>> | undefined)?.[segment];
      if (!target)
        throw new UnknownFieldError(`${current}.${segment} is not a reference field: cannot dot-walk "${path}"`);
      current = target;
    } else if (usage === "query" && JOURNAL_FIELDS.has(segment)) {
      throw new UnknownFieldError(`${current}.${segment} is a journal field: query sys_journal_field instead`);
    }
  }
}
