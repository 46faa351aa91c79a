/**
 * Where an auto_retry's started run stands: read with the remediation's own status tool and
 * verdict (src/remediations), exactly as the graph verifies a run, over the same tools. null: still
 * running.
 */
import { REMEDIATIONS } from "../remediations/catalog.js";
import type { Verdict } from "../remediations/definition.js";
import { isMutatingTool } from "../tools/catalog.js";
import { callTool, type ToolRegistry } from "../tools/registry.js";
import type { FollowUpPayload } from "./payload.js";

/** `sysId` is the ticket's: the demo gives each ticket its own AWS world, so its own tools. */
export type FollowUpCheck = (payload: FollowUpPayload, sysId: string) => Promise<Verdict>;

export function followUpWith(tools: ToolRegistry): FollowUpCheck {
  return async (payload) => {
    if (!isMutatingTool(payload.action)) throw new Error(`follow-up of ${payload.action}: not a remediation`);
    const verification = REMEDIATIONS[payload.action].verification;
    const output = await callTool(
      tools,
      verification.statusTool,
      verification.statusArgs(payload.args, payload.execution_id),
    );
    const record = typeof output === "object" && output !== null ? (output as Record<string, unknown>) : {};
    const status = verification.status(record, payload.execution_id);
    return status === null ? null : verification.verdict(status);
  };
}
