/**
 * The orchestrator's configuration: one validated file overrides any part of it.
 * Defaults are the seed's configuration; docs/configuration.md documents every field.
 */
import { z } from "zod";
import { INTENT_DEFINITIONS } from "../intents/catalog.js";
import type { IntentDefinition } from "../intents/definition.js";
import { DecisionKindSchema, IntentSchema, type DecisionKind, type Intent } from "../state/intents.js";
import { DEFAULT_MAX_RESTARTS, McpServersConfigSchema } from "../mcp/client/config.js";
import {
  ALLOW_LIST_KEYS,
  ALLOWED_ARGUMENTS_KEYS,
  type AllowedArgumentsKey,
  type AllowListKey,
} from "../remediations/catalog.js";
import { TOOL_NAMES, type ToolName } from "../tools/catalog.js";
import { ServeConfigSchema } from "../ticketing/config.js";

const score = z.number().min(0).max(1);
const ToolNameSchema = z.enum(TOOL_NAMES);

/** Each intent's `field`, by intent, from its module (src/intents). */
function perIntentDefault<T>(read: (definition: IntentDefinition) => T): Record<Intent, T> {
  return Object.fromEntries(INTENT_DEFINITIONS.map((definition) => [definition.name, read(definition)])) as Record<
    Intent,
    T
  >;
}

/** The seed's INTENT_TOOL_MAPPING: the read-only tools each intent's playbook may call, and its remediation. */
export const DEFAULT_INTENT_TOOLS: Record<Intent, ToolName[]> = perIntentDefault((definition) => [...definition.tools]);

/** Attempts allowed per intent (the seed: Airflow DAGs at most 3). */
export const DEFAULT_RETRY_BUDGETS: Record<Intent, number> = perIntentDefault((definition) => definition.retryBudget);

/** Decisions forced per intent whatever the scores (the seed's POLICY_OVERRIDES). */
const DEFAULT_POLICY_OVERRIDES: Partial<Record<Intent, DecisionKind>> = Object.fromEntries(
  INTENT_DEFINITIONS.flatMap((definition) =>
    "policyOverride" in definition ? [[definition.name, definition.policyOverride]] : [],
  ),
);

/** Intents that skip investigation and action. */
const DEFAULT_FAST_TRACK: Intent[] = INTENT_DEFINITIONS.filter((definition) => "fastTrack" in definition).map(
  (definition) => definition.name,
);

const perIntent = <T extends z.ZodType>(value: T, defaults: Record<Intent, z.infer<T>>) =>
  z
    .partialRecord(IntentSchema, value)
    .default({})
    .transform((given) => ({ ...defaults, ...given }) as Record<Intent, z.infer<T>>);

/** Glob patterns (`*` matches any run of characters) per resource type. Empty: nothing may be remediated. */
const globs = z.array(z.string()).default([]);
/** One key per remediation's resource (src/remediations), in their order. */
export const AllowListSchema = z.strictObject(
  Object.fromEntries(ALLOW_LIST_KEYS.map((key) => [key, globs])) as Record<AllowListKey, typeof globs>,
);
export type AllowList = z.infer<typeof AllowListSchema>;

/**
 * Argument names a remediation may pass beyond what the orchestrator itself sets (exact names, no
 * globs). Glue job arguments are otherwise only allowed when they are exactly those of one of the
 * job's own recent runs (the re-run of a failed run); a DAG run's `conf` may carry the keys the
 * orchestrator sets (`rerun_of`, `rerun_logical_date`). Enforced by the graph and the MCP server.
 */
const names = z.array(z.string().min(1)).default([]);
/** One key per remediation with an argument policy (src/remediations). */
export const AllowedArgumentsSchema = z.strictObject(
  Object.fromEntries(ALLOWED_ARGUMENTS_KEYS.map((key) => [key, names])) as Record<AllowedArgumentsKey, typeof names>,
);
export type AllowedArguments = z.infer<typeof AllowedArgumentsSchema>;

/**
 * Remediations a person must approve before they start: every remediation of these intents, and any
 * on a resource matching these globs. Approval is asked per attempt, after the guardrails allow it.
 */
export const ApprovalConfigSchema = z.strictObject({
  intents: z.array(IntentSchema).default([]),
  resources: AllowListSchema.default(AllowListSchema.parse({})),
});
export type ApprovalConfig = z.infer<typeof ApprovalConfigSchema>;

export const PolicyConfigSchema = z.strictObject({
  thresholds: z
    .strictObject({
      auto_close: score.default(0.8),
      auto_retry: score.default(0.6),
      escalate: score.default(0.4),
      human_review: score.default(0),
    })
    .default({ auto_close: 0.8, auto_retry: 0.6, escalate: 0.4, human_review: 0 }),
  gates: z
    .strictObject({
      min_confidence_for_auto_action: score.default(0.6),
      min_evidence_for_auto_close: score.default(0.7),
      min_combined_for_auto_action: score.default(0.5),
    })
    .default({
      min_confidence_for_auto_action: 0.6,
      min_evidence_for_auto_close: 0.7,
      min_combined_for_auto_action: 0.5,
    }),
  /** Weights of the combined score; they must add up to 1. */
  weights: z
    .strictObject({ confidence: score.default(0.4), evidence: score.default(0.4), action: score.default(0.2) })
    .default({ confidence: 0.4, evidence: 0.4, action: 0.2 })
    .refine((w) => Math.abs(w.confidence + w.evidence + w.action - 1) < 1e-9, "policy.weights must add up to 1"),
  /** Decisions forced for an intent whatever the scores (the seed's POLICY_OVERRIDES). */
  overrides: z.partialRecord(IntentSchema, DecisionKindSchema).default(DEFAULT_POLICY_OVERRIDES),
});
export type PolicyConfig = z.infer<typeof PolicyConfigSchema>;

/**
 * Which implementation plays each agent node. `rules` is the deterministic one (the offline default
 * and the floor model-backed agents are measured against); later kinds plug in beside it in
 * src/compose/agents.ts.
 */
export const AgentsConfigSchema = z.strictObject({
  classifier: z.enum(["rules"]).default("rules"),
  investigator: z.enum(["rules"]).default("rules"),
});
export type AgentsConfig = z.infer<typeof AgentsConfigSchema>;

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  agents: AgentsConfigSchema.default({ classifier: "rules", investigator: "rules" }),
  policy: PolicyConfigSchema.default(PolicyConfigSchema.parse({})),
  routing: z
    .strictObject({
      /** Investigation evidence at or above this (with a recommended remediation) goes to the action node. */
      evidence_threshold_for_action: score.default(0.6),
      /** Intents that skip investigation and action and go straight to the policy engine. */
      fast_track_intents: z.array(IntentSchema).default(DEFAULT_FAST_TRACK),
    })
    .default({ evidence_threshold_for_action: 0.6, fast_track_intents: DEFAULT_FAST_TRACK }),
  intent_tools: perIntent(z.array(ToolNameSchema), DEFAULT_INTENT_TOOLS),
  remediation: z
    .strictObject({
      dry_run: z.boolean().default(false),
      budgets: perIntent(z.number().int().min(0).max(10), DEFAULT_RETRY_BUDGETS),
      allow_list: AllowListSchema.default(AllowListSchema.parse({})),
      allowed_arguments: AllowedArgumentsSchema.default(AllowedArgumentsSchema.parse({})),
      require_approval: ApprovalConfigSchema.default(ApprovalConfigSchema.parse({})),
      verify: z
        .strictObject({
          poll_interval_ms: z.number().int().min(0).max(600_000).default(5_000),
          max_polls: z.number().int().min(1).max(1_000).default(24),
        })
        .default({ poll_interval_ms: 5_000, max_polls: 24 }),
    })
    .default({
      dry_run: false,
      budgets: { ...DEFAULT_RETRY_BUDGETS },
      allow_list: AllowListSchema.parse({}),
      allowed_arguments: AllowedArgumentsSchema.parse({}),
      require_approval: ApprovalConfigSchema.parse({}),
      verify: { poll_interval_ms: 5_000, max_polls: 24 },
    }),
  investigation: z
    .strictObject({
      tool_timeout_ms: z.number().int().min(100).max(300_000).default(20_000),
      max_parallel: z.number().int().min(1).max(32).default(6),
      /** Bound on each finding's `result` JSON, in characters. */
      max_finding_chars: z.number().int().min(200).max(100_000).default(4_000),
    })
    .default({ tool_timeout_ms: 20_000, max_parallel: 6, max_finding_chars: 4_000 }),
  /** Where the CLI loads the tools from (docs/mcp.md). */
  mcp: z
    .strictObject({
      /** MCP servers (stdio, HTTP, an AgentCore Gateway); omitted: our own server over stdio. */
      servers: McpServersConfigSchema.optional(),
      call_timeout_ms: z.number().int().min(100).max(600_000).default(30_000),
      /** How many times a stdio server that stopped is started again, per server and run. */
      max_restarts: z.number().int().min(0).max(100).default(DEFAULT_MAX_RESTARTS),
    })
    .default({ call_timeout_ms: 30_000, max_restarts: DEFAULT_MAX_RESTARTS }),
  /**
   * How `serve` works a ServiceNow queue (docs/servicenow.md). Deployment, not judgment: a run's
   * context leaves it out (src/runs/run-context.ts).
   */
  serve: ServeConfigSchema.optional(),
});
export type OrchestratorConfig = z.infer<typeof ConfigSchema>;
export type OrchestratorConfigInput = z.input<typeof ConfigSchema>;
