/**
 * How a trusted parent hands our stdio MCP server the run's own remediation policy: one environment
 * variable holding the validated `intent_tools` and `remediation` sections as JSON. The parent
 * already holds the AWS credentials it passes on, so the policy it passes on is trusted the same way.
 * (Type-only imports: src/mcp/client/config.ts uses this, and the config schema imports that file.)
 */
import type { OrchestratorConfig } from "../config/schema.js";

export const MCP_POLICY_ENV = "INCIDENT_ORCHESTRATOR_MCP_POLICY";

/** What the server's policy is made of: the allow-list, argument policy, budgets, dry-run and playbooks. */
export type ServerPolicyConfig = Pick<OrchestratorConfig, "remediation" | "intent_tools">;

export function policyEnvironment(config: ServerPolicyConfig): Record<string, string> {
  return { [MCP_POLICY_ENV]: JSON.stringify({ intent_tools: config.intent_tools, remediation: config.remediation }) };
}
