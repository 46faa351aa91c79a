/**
 * What the graph will ask of the ticket system (intake, claim, write-back), independent of how the
 * Table API is spoken. `createServiceNowClient` (./client.ts) implements it over fetch.
 */
import { z } from "zod";
import type { QueryField, TableQuery } from "./query.js";
import type { FieldOf, TableName } from "./tables.js";

/** A field as the Table API returns it: a value, or `{value, display_value, link}` parts of one. */
export const FieldValueSchema = z.union([
  z.string(),
  z.object({ value: z.string().optional(), display_value: z.string().optional(), link: z.string().optional() }),
]);
export type FieldValue = z.infer<typeof FieldValueSchema>;

export const TableRecordSchema = z.record(z.string(), FieldValueSchema);
export type TableRecord = z.infer<typeof TableRecordSchema>;

export const DisplayValueSchema = z.enum(["false", "true", "all"]);
export type DisplayValue = z.infer<typeof DisplayValueSchema>;

export interface ReadOptions<T extends TableName> {
  /** sysparm_fields: checked against the table's known fields. All fields when omitted. */
  readonly fields?: readonly QueryField<T>[];
  /** sysparm_display_value; "false" (raw values) by default. */
  readonly displayValue?: DisplayValue;
  /** sysparm_exclude_reference_link; true by default (links are noise to us). */
  readonly excludeReferenceLink?: boolean;
}

export interface ListOptions<T extends TableName> extends ReadOptions<T> {
  /** Built by `tableQuery(table)`, so its fields were checked. Every row when omitted. */
  readonly query?: TableQuery<T>;
  /** Stop after this many rows (config.paging.max_rows by default). */
  readonly maxRows?: number;
}

export interface ListResult {
  readonly records: readonly TableRecord[];
  /** X-Total-Count: how many rows matched. */
  readonly total: number;
  /** True when rows matched beyond maxRows. */
  readonly truncated: boolean;
}

/** Field values to write; journal fields (work_notes, comments) add an entry. */
export type WriteFields<T extends TableName> = Readonly<Partial<Record<FieldOf<T>, string>>>;

export type ConditionalUpdateResult =
  | {
      readonly outcome: "updated";
      readonly record: TableRecord;
      /**
       * sys_mod_count moved by more than our write: someone else wrote between our read and our
       * write (the Table API has no conditional update, so the window is narrowed, not closed).
       */
      readonly concurrentWrite: boolean;
    }
  | { readonly outcome: "conflict"; readonly expectedModCount: number; readonly actualModCount: number }
  | { readonly outcome: "not_found" };

export interface TicketSystemClient {
  /** Every matching row (paged through sysparm_limit/sysparm_offset until X-Total-Count or maxRows). */
  list<T extends TableName>(table: T, options?: ListOptions<T>): Promise<ListResult>;
  /** One row by sys_id; undefined when the instance has none (404). */
  get<T extends TableName>(table: T, sysId: string, options?: ReadOptions<T>): Promise<TableRecord | undefined>;
  create<T extends TableName>(table: T, fields: WriteFields<T>, options?: ReadOptions<T>): Promise<TableRecord>;
  /** PATCH: only the given fields change. */
  update<T extends TableName>(
    table: T,
    sysId: string,
    fields: WriteFields<T>,
    options?: ReadOptions<T>,
  ): Promise<TableRecord>;
  /** Compare-before-write: re-reads sys_mod_count and writes only when it is still `expectedModCount`. */
  updateIfUnchanged<T extends TableName>(
    table: T,
    sysId: string,
    expectedModCount: number,
    fields: WriteFields<T>,
    options?: ReadOptions<T>,
  ): Promise<ConditionalUpdateResult>;
}

/** A field's value whatever sysparm_display_value gave: the string, or the object's `value`. */
export function fieldValue(record: TableRecord, field: string): string | undefined {
  const value = record[field];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : (value.value ?? value.display_value);
}
