/**
 * The argument policy of remediations: which arguments a re-run may carry, as each remediation
 * defines it (src/remediations: a Glue job's own run arguments or allow-listed names, a DAG's conf
 * keys; Athena and EMR re-runs take none). Pure, so the graph's guardrails and the MCP server apply
 * the same rule.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { REMEDIATIONS } from "../remediations/catalog.js";
import type { ArgumentCheck, RunArguments } from "../remediations/definition.js";
import { isMutatingTool } from "../tools/catalog.js";

export type { ArgumentCheck, RunArguments } from "../remediations/definition.js";

/**
 * Whether `args` (a remediation tool's input, without or with its idempotency key) keeps to the
 * argument policy. `ownRunArguments` are the arguments of the target's recent runs; without them
 * only allowed names pass. A tool without a policy always passes (whether it may run at all is the
 * guardrails' business).
 */
export function checkRemediationArguments(
  action: string,
  args: Readonly<Record<string, unknown>>,
  config: Pick<OrchestratorConfig, "remediation">,
  ownRunArguments: readonly RunArguments[] = [],
): ArgumentCheck {
  const policy = isMutatingTool(action) ? REMEDIATIONS[action].argumentPolicy : null;
  if (!policy) return { permitted: true };
  return policy.check(args, config.remediation.allowed_arguments[policy.configKey], ownRunArguments);
}
