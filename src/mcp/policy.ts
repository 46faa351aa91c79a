/**
 * The MCP server's policy for mutating tools, as a pure decision: the same allow-list, argument
 * policy, budgets and dry-run as the graph, from the same config. The server cannot trust its
 * caller to have asked the guardrails, so every `retry_*` call is decided here, on facts the server
 * read itself (the query's workgroup, the job's own runs) and the starts it has counted.
 *
 * Checks run in a fixed order, the first failure being the answer: the target, the allow-list,
 * the arguments, the budget, and dry-run last (so a dry run reports only what would really start).
 */
import { matchesAllowList } from "../actions/allow-list.js";
import { checkRemediationArguments, type RunArguments } from "../actions/argument-policy.js";
import { REMEDIATIONS } from "../remediations/catalog.js";
import { INTENTS } from "../state/intents.js";
import type { Resource } from "../state/investigation.js";
import type { MutatingToolName } from "../tools/catalog.js";
import type { ServerPolicyConfig } from "./policy-env.js";

export type { ServerPolicyConfig } from "./policy-env.js";

/** The ToolError code of a refusal: a policy refusal, or a dry run that started nothing. */
export type PolicyCode = "PolicyRefused" | "DryRun";

export type PolicyRefusalReason = "unknown_target" | "not_allow_listed" | "arguments" | "budget_exhausted" | "dry_run";

export type PolicyVerdict =
  | { permitted: true; resource: Resource }
  | { permitted: false; code: PolicyCode; reason: PolicyRefusalReason; message: string };

export interface MutationDecisionInput {
  tool: MutatingToolName;
  /** The tool's validated input. */
  args: Readonly<Record<string, unknown>>;
  /** What the call acts on (targetOf); null when the server could not learn it. */
  target: Resource | null;
  /** Why the target is unknown, for the message (e.g. the GetQueryExecution error). */
  target_unknown_reason?: string;
  /** The arguments of the target Glue job's recent runs, when the server read them. */
  own_run_arguments?: readonly RunArguments[];
  /** Starts this server has counted on (tool, target), including calls still in flight. */
  starts: number;
  /** This idempotency key was counted before: the call returns that run and starts nothing new. */
  repeat: boolean;
}

/**
 * The resource a mutating call acts on, by the allow-list that governs it: the one its arguments
 * name, else the one the server read from AWS for it (an Athena re-run names only a query, so its
 * workgroup comes from reading that query); null: unknown, refused.
 */
export function targetOf(
  tool: MutatingToolName,
  args: Readonly<Record<string, unknown>>,
  read: Resource | null,
): Resource | null {
  return REMEDIATIONS[tool].namedResource(args) ?? read;
}

/**
 * Starts per (tool, resource) one server process allows: the largest `remediation.budgets` of any
 * intent whose playbook (`intent_tools`) contains the tool. The server does not know which intent
 * a caller acts for, so it allows what the most generous playbook would; 0 when no playbook has
 * the tool (the graph would never call it either).
 */
export function serverBudget(tool: MutatingToolName, config: ServerPolicyConfig): number {
  let budget = 0;
  for (const intent of INTENTS) {
    if (config.intent_tools[intent].includes(tool)) budget = Math.max(budget, config.remediation.budgets[intent]);
  }
  return budget;
}

export function decideMutation(input: MutationDecisionInput, config: ServerPolicyConfig): PolicyVerdict {
  const { tool, target } = input;
  const refuse = (reason: PolicyRefusalReason, message: string): PolicyVerdict => ({
    permitted: false,
    code: "PolicyRefused",
    reason,
    message: `${tool} refused: ${message}`,
  });
  const listName = REMEDIATIONS[tool].allowListKey;

  if (target === null) {
    const why = input.target_unknown_reason ? ` (${input.target_unknown_reason})` : "";
    return refuse(
      "unknown_target",
      `its target is unknown${why}, so it cannot be checked against remediation.allow_list.${listName}.`,
    );
  }
  const subject = `${target.type} "${target.id}"`;
  if (!matchesAllowList(target.id, config.remediation.allow_list[listName])) {
    return refuse(
      "not_allow_listed",
      `${subject} is not on the remediation allow-list (remediation.allow_list.${listName}).`,
    );
  }
  const argumentCheck = checkRemediationArguments(tool, input.args, config, input.own_run_arguments);
  if (!argumentCheck.permitted) return refuse("arguments", argumentCheck.message);

  const budget = serverBudget(tool, config);
  if (!input.repeat && input.starts >= budget) {
    return refuse(
      "budget_exhausted",
      `the budget for ${subject} is exhausted: ${input.starts} of ${budget} start(s) made by this server process ` +
        `(the largest remediation.budgets of the intents whose intent_tools contain ${tool}).`,
    );
  }
  if (config.remediation.dry_run) {
    return {
      permitted: false,
      code: "DryRun",
      reason: "dry_run",
      message: `dry run (remediation.dry_run): ${tool} would have started on ${subject} with ${describeArgs(input.args)}; nothing was started.`,
    };
  }
  return { permitted: true, resource: target };
}

/** The call's inputs for a dry-run message, without the idempotency key (noise to a reader). */
function describeArgs(args: Readonly<Record<string, unknown>>): string {
  const shown = Object.fromEntries(Object.entries(args).filter(([name]) => name !== "idempotency_key"));
  return JSON.stringify(shown);
}
