/**
 * What the ServiceNow emulator starts with: users (who may log in), OAuth clients, groups and their
 * members, incidents, journal entries and choice lists. Reference fields in the seed name their
 * record (a group's name, a user's user_name), which the emulator resolves to sys_ids, so a
 * scenario reads like the ticket it stands for.
 */
import { z } from "zod";

/** "2025-03-01 10:00:00" (UTC), the Table API's date-time format, or an ISO 8601 time. */
const SeedTime = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "times look like 2025-03-01 10:00:00 (UTC)"),
  z.iso.datetime({ offset: true }),
]);
const SysId = z.string().regex(/^[0-9a-f]{32}$/, "sys_ids are 32 lowercase hex characters");
const Name = z.string().trim().min(1).max(200);

export const ServiceNowUserSeedSchema = z.strictObject({
  sys_id: SysId.optional(),
  user_name: Name,
  name: Name.optional(),
  email: z.string().optional(),
  /** For basic auth; a user without one cannot log in (like an integration user with no password). */
  password: z.string().min(1).optional(),
  active: z.boolean().default(true),
});

export const ServiceNowOAuthClientSeedSchema = z.strictObject({
  client_id: Name,
  client_secret: z.string().min(1),
  /** The user the client's tokens act as (the OAuth application's "OAuth Application User"). */
  user_name: Name,
  /** Access token lifespan; instances default to 1800 s. */
  token_lifespan_s: z.number().int().min(1).default(1800),
});

export const ServiceNowGroupSeedSchema = z.strictObject({
  sys_id: SysId.optional(),
  name: Name,
  description: z.string().optional(),
  /** user_names of the members (sys_user_grmember rows on an instance). */
  members: z.array(Name).default([]),
});

/** Field values as the Table API writes them: strings; reference fields name their record. */
const FieldValues = z.record(z.string(), z.string());

export const ServiceNowIncidentSeedSchema = z.strictObject({
  sys_id: SysId.optional(),
  number: z.string().regex(/^[A-Z]+\d+$/, "incident numbers look like INC0010001"),
  created_on: SeedTime.optional(),
  created_by: Name.optional(),
  /** Any incident field by its column name: short_description, state ("1"), assignment_group (a group name)… */
  fields: FieldValues.default({}),
});

export const ServiceNowJournalSeedSchema = z.strictObject({
  /** The incident's number. */
  incident: z.string().min(1),
  element: z.enum(["work_notes", "comments"]),
  value: z.string(),
  created_by: Name,
  created_on: SeedTime,
});

export const ServiceNowChoiceSeedSchema = z.strictObject({
  name: Name.default("incident"),
  element: Name,
  value: z.string(),
  label: Name,
  sequence: z.number().int().optional(),
  inactive: z.boolean().default(false),
});

export const ServiceNowSeedSchema = z.strictObject({
  /** Seeds the generated sys_ids, so a scenario gives the same ids every run. */
  seed: z.number().int().default(1),
  users: z.array(ServiceNowUserSeedSchema).default([]),
  oauth_clients: z.array(ServiceNowOAuthClientSeedSchema).default([]),
  groups: z.array(ServiceNowGroupSeedSchema).default([]),
  incidents: z.array(ServiceNowIncidentSeedSchema).default([]),
  journal: z.array(ServiceNowJournalSeedSchema).default([]),
  choices: z.array(ServiceNowChoiceSeedSchema).default([]),
  /** Add the out-of-box incident choices (state, hold_reason, close_code, priority, …) not seeded above. */
  default_choices: z.boolean().default(true),
});
export type ServiceNowSeed = z.infer<typeof ServiceNowSeedSchema>;
export type ServiceNowSeedInput = z.input<typeof ServiceNowSeedSchema>;

type ChoiceSeed = z.input<typeof ServiceNowChoiceSeedSchema>;
const incidentChoices = (element: string, entries: readonly [string, string][]): ChoiceSeed[] =>
  entries.map(([value, label], index) => ({ name: "incident", element, value, label, sequence: index + 1 }));

/** The out-of-box incident choice lists the emulator needs (labels as a base instance has them). */
export const DEFAULT_INCIDENT_CHOICES: readonly ChoiceSeed[] = [
  ...incidentChoices("state", [
    ["1", "New"],
    ["2", "In Progress"],
    ["3", "On Hold"],
    ["6", "Resolved"],
    ["7", "Closed"],
    ["8", "Canceled"],
  ]),
  ...incidentChoices("hold_reason", [
    ["1", "Awaiting Caller"],
    ["5", "Awaiting Change"],
    ["3", "Awaiting Problem"],
    ["4", "Awaiting Vendor"],
  ]),
  ...incidentChoices("priority", [
    ["1", "1 - Critical"],
    ["2", "2 - High"],
    ["3", "3 - Moderate"],
    ["4", "4 - Low"],
    ["5", "5 - Planning"],
  ]),
  ...incidentChoices("impact", [
    ["1", "1 - High"],
    ["2", "2 - Medium"],
    ["3", "3 - Low"],
  ]),
  ...incidentChoices("urgency", [
    ["1", "1 - High"],
    ["2", "2 - Medium"],
    ["3", "3 - Low"],
  ]),
  ...incidentChoices("close_code", [
    ["Duplicate", "Duplicate"],
    ["Known error", "Known error"],
    ["No resolution provided", "No resolution provided"],
    ["Resolved by caller", "Resolved by caller"],
    ["Resolved by change", "Resolved by change"],
    ["Resolved by problem", "Resolved by problem"],
    ["Resolved by request", "Resolved by request"],
    ["Solution provided", "Solution provided"],
    ["Workaround provided", "Workaround provided"],
    ["User error", "User error"],
  ]),
];
