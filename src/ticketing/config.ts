/**
 * How `serve` works a ServiceNow queue: which tickets it takes (intake), how it writes each outcome
 * back, who may answer a paused review from the ticket, and how the outbox retries. Deployment
 * settings, not judgment: they live under the config's `serve` key, which a run's context leaves
 * out (src/runs/run-context.ts), so changing the poll interval never blocks resuming a paused run.
 */
import { z } from "zod";
import { RcaConfigSchema } from "../rca/config.js";
import { ServiceNowConfigSchema } from "../servicenow/config.js";
import { IntentSchema } from "../state/intents.js";
import { WebhookConfigSchema } from "../webhook/config.js";

const GroupName = z.string().trim().min(1).max(200);

export const IntakeConfigSchema = z.strictObject({
  /** The seed's query: this assignment group's tickets… */
  assignment_group: GroupName.default("Data Platform"),
  /** …in these states (1 New, 2 In Progress)… */
  states: z
    .array(z.enum(["1", "2"]))
    .min(1)
    .default(["1", "2"]),
  /** …created within this window. */
  created_within_hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  /** The integration user tickets are assigned to when claimed (its user_name; looked up once). */
  agent_user: z.string().trim().min(1).max(200).default("incident.orchestrator"),
  poll_interval_s: z.number().int().min(1).max(3_600).default(60),
  /** Incidents run at once by one worker. */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Tickets taken per pass at most (the rest wait for the next pass). */
  max_per_pass: z.number().int().min(1).max(1_000).default(50),
});
export type IntakeConfig = z.infer<typeof IntakeConfigSchema>;

export const WriteBackConfigSchema = z.strictObject({
  /** auto_close: the resolution code (checked against the instance's sys_choice at start-up). */
  close_code: z.string().trim().min(1).default("Solution provided"),
  /** auto_close: the first line of close_notes; the root cause and action follow. */
  close_notes: z.string().trim().min(1).max(1_000).default("Resolved automatically by incident-orchestrator."),
  /**
   * human_review: the On Hold reason (a `hold_reason` choice value, checked at start-up). Base
   * instances offer 1 Awaiting Caller, 3 Awaiting Problem, 4 Awaiting Vendor, 5 Awaiting Change;
   * many add their own ("Awaiting Approval"): name its value here.
   */
  hold_reason: z.string().trim().min(1).default("1"),
  /** escalate: the expert group per intent (group names, looked up to sys_ids once). */
  escalation_groups: z.partialRecord(IntentSchema, GroupName).default({}),
  /** escalate, for an intent without its own group. */
  default_escalation_group: GroupName.default("Data Platform Experts"),
  /** Also write a customer-facing comment (`comments`) with the outcome's headline. Off: work notes only. */
  comments: z.boolean().default(false),
});
export type WriteBackConfig = z.infer<typeof WriteBackConfigSchema>;

export const TicketReviewConfigSchema = z.strictObject({
  /** Members of this group may answer a paused review with a work note (/approve, /reject, /close, /ignore). */
  approvers_group: GroupName.default("Data Platform Approvers"),
});

export const OutboxConfigSchema = z.strictObject({
  /** A sender holds an entry this long; a sender that dies loses it after this. */
  lease_ms: z.number().int().min(1_000).default(60_000),
  base_delay_ms: z.number().int().min(0).default(5_000),
  max_delay_ms: z
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
  /** How often an auto_retry's started run is looked at until it finishes. */
  follow_up_interval_ms: z.number().int().min(0).default(60_000),
  /** Entries sent per pass at most. */
  max_per_pass: z.number().int().min(1).default(200),
});
export type OutboxConfig = z.infer<typeof OutboxConfigSchema>;

export const ServeConfigSchema = z.strictObject({
  servicenow: ServiceNowConfigSchema,
  intake: IntakeConfigSchema.prefault({}),
  write_back: WriteBackConfigSchema.prefault({}),
  review: TicketReviewConfigSchema.prefault({}),
  outbox: OutboxConfigSchema.prefault({}),
  /** RCA documents (docs/rca.md): a local directory by default, S3 when `rca.s3` is set. */
  rca: RcaConfigSchema.prefault({}),
  /** `serve --webhook <port>`: how a pushed incident is authenticated (docs/servicenow.md). */
  webhook: WebhookConfigSchema.prefault({}),
});
export type ServeConfig = z.infer<typeof ServeConfigSchema>;
export type ServeConfigInput = z.input<typeof ServeConfigSchema>;
