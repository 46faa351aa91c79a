/**
 * The emulated instance's data dictionary: the tables the emulator serves and, per table, its
 * fields and their types. The emulator's own copy on purpose (not the client's list in
 * src/servicenow): the integration tests then check the client against an independent account of
 * the instance, as they would against a real one.
 */
export type FieldType =
  "sys_id" | "string" | "integer" | "boolean" | "glide_date_time" | "reference" | "journal" | "journal_input";

export type EmulatedTable =
  "incident" | "sys_user_group" | "sys_user" | "sys_user_grmember" | "sys_journal_field" | "sys_choice";

export interface FieldDefinition {
  readonly type: FieldType;
  /** The table a reference field points at. */
  readonly reference?: EmulatedTable;
  /** Choice fields: the sys_choice rows (name = table, element = field) give their labels. */
  readonly choice?: boolean;
}

export interface TableDefinition {
  /** The field a reference to this table displays (sysparm_display_value). */
  readonly displayField: string;
  readonly fields: Readonly<Record<string, FieldDefinition>>;
}

const SYSTEM_FIELDS: Record<string, FieldDefinition> = {
  sys_id: { type: "sys_id" },
  sys_created_on: { type: "glide_date_time" },
  sys_created_by: { type: "string" },
  sys_updated_on: { type: "glide_date_time" },
  sys_updated_by: { type: "string" },
  sys_mod_count: { type: "integer" },
};

export const TABLES: Readonly<Record<EmulatedTable, TableDefinition>> = {
  incident: {
    displayField: "number",
    fields: {
      ...SYSTEM_FIELDS,
      number: { type: "string" },
      short_description: { type: "string" },
      description: { type: "string" },
      category: { type: "string", choice: true },
      subcategory: { type: "string", choice: true },
      state: { type: "integer", choice: true },
      incident_state: { type: "integer", choice: true },
      hold_reason: { type: "integer", choice: true },
      priority: { type: "integer", choice: true },
      impact: { type: "integer", choice: true },
      urgency: { type: "integer", choice: true },
      active: { type: "boolean" },
      assignment_group: { type: "reference", reference: "sys_user_group" },
      assigned_to: { type: "reference", reference: "sys_user" },
      caller_id: { type: "reference", reference: "sys_user" },
      opened_by: { type: "reference", reference: "sys_user" },
      resolved_by: { type: "reference", reference: "sys_user" },
      cmdb_ci: { type: "string" },
      correlation_id: { type: "string" },
      additional_info: { type: "string" },
      close_code: { type: "string", choice: true },
      close_notes: { type: "string" },
      opened_at: { type: "glide_date_time" },
      resolved_at: { type: "glide_date_time" },
      closed_at: { type: "glide_date_time" },
      work_notes: { type: "journal_input" },
      comments: { type: "journal_input" },
    },
  },
  sys_user_group: {
    displayField: "name",
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: "string" },
      description: { type: "string" },
      email: { type: "string" },
      active: { type: "boolean" },
      manager: { type: "reference", reference: "sys_user" },
    },
  },
  sys_user: {
    displayField: "name",
    fields: {
      ...SYSTEM_FIELDS,
      user_name: { type: "string" },
      name: { type: "string" },
      first_name: { type: "string" },
      last_name: { type: "string" },
      email: { type: "string" },
      active: { type: "boolean" },
    },
  },
  sys_user_grmember: {
    displayField: "sys_id",
    fields: {
      ...SYSTEM_FIELDS,
      group: { type: "reference", reference: "sys_user_group" },
      user: { type: "reference", reference: "sys_user" },
    },
  },
  sys_journal_field: {
    displayField: "value",
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: "string" },
      element: { type: "string" },
      element_id: { type: "string" },
      value: { type: "journal" },
    },
  },
  sys_choice: {
    displayField: "label",
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: "string" },
      element: { type: "string" },
      value: { type: "string" },
      label: { type: "string" },
      language: { type: "string" },
      sequence: { type: "integer" },
      inactive: { type: "boolean" },
      dependent_value: { type: "string" },
    },
  },
};

export function isEmulatedTable(name: string): name is EmulatedTable {
  return Object.hasOwn(TABLES, name);
}

/** The definition of `field` on `table`, or undefined when the instance has no such field. */
export function fieldOf(table: EmulatedTable, field: string): FieldDefinition | undefined {
  const fields = TABLES[table].fields;
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}
