/**
 * The MCP server's gate in front of every mutating tool: learn the facts (the remediation's reads from AWS: src/remediations), decide
 * (policy.ts), count the start (start-counter.ts). A refusal is an MCP error result carrying a
 * ToolError — `PolicyRefused`, or `DryRun` when dry-run is on — and nothing reaches AWS's mutating
 * API. One guard serves a whole process (every HTTP request, the stdio session), so its count holds
 * across requests.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { RunArguments } from "../actions/argument-policy.js";
import { asRecord } from "../actions/start-once.js";
import type { AwsClients } from "../tools/aws-clients.js";
import { REMEDIATIONS } from "../remediations/catalog.js";
import type { Fact } from "../remediations/definition.js";
import type { Resource } from "../state/investigation.js";
import type { MutatingToolName } from "../tools/catalog.js";
import { toolError } from "../tools/tool-error.js";
import { decideMutation, targetOf, type PolicyVerdict, type ServerPolicyConfig } from "./policy.js";
import { StartCounter, type StartOutcome } from "./start-counter.js";

export interface MutationGuard {
  /** Runs `call` (the tool itself) only when the policy permits it; never throws for a refusal. */
  guard(tool: MutatingToolName, args: unknown, call: () => Promise<CallToolResult>): Promise<CallToolResult>;
}

export function createMutationGuard(config: ServerPolicyConfig, clients: AwsClients): MutationGuard {
  const counter = new StartCounter();
  return {
    async guard(tool, rawArgs, call) {
      const args = asRecord(rawArgs);
      const key = typeof args.idempotency_key === "string" ? args.idempotency_key : "";

      const remediation = REMEDIATIONS[tool];
      // A call whose arguments name no resource (an Athena query) has it read from AWS first.
      let read: Fact<Resource> | undefined;
      if (remediation.namedResource(args) === null && remediation.readTarget) {
        read = await remediation.readTarget(clients, args);
      }
      const target = targetOf(tool, args, read && "value" in read ? read.value : null);
      // Read synchronously right before reserving, so no other call can start in between.
      const decide = (ownRuns?: readonly RunArguments[]): PolicyVerdict => {
        const usage = target ? counter.usage(tool, target.id, key) : { starts: 0, repeat: false };
        return decideMutation(
          {
            tool,
            args,
            target,
            ...(read && "error" in read ? { target_unknown_reason: read.error } : {}),
            ...(ownRuns ? { own_run_arguments: ownRuns } : {}),
            starts: usage.starts,
            repeat: usage.repeat,
          },
          config,
        );
      };

      let verdict = decide();
      let runsError = "";
      // Arguments beyond the allowed names may still be the target's own (a Glue job's recent runs):
      // read them only then.
      const readOwnRuns = remediation.argumentPolicy?.readOwnRuns;
      if (!verdict.permitted && verdict.reason === "arguments" && readOwnRuns && target) {
        const runs = await readOwnRuns(clients, target.id);
        if ("error" in runs) runsError = ` (${runs.error})`;
        verdict = decide("value" in runs ? runs.value : []);
      }
      if (!verdict.permitted) {
        const message = verdict.reason === "arguments" ? `${verdict.message}${runsError}` : verdict.message;
        return {
          isError: true,
          content: [{ type: "text", text: JSON.stringify(toolError(verdict.code, message, null)) }],
        };
      }

      const repeat = counter.usage(tool, verdict.resource.id, key).repeat;
      const reservation = counter.reserve(tool, verdict.resource.id, key);
      let outcome: StartOutcome = "failed";
      try {
        const result = await call();
        outcome = startOutcome(result, repeat);
        return result;
      } finally {
        reservation.settle(outcome);
      }
    },
  };
}

/**
 * Whether the call started something. Glue, Airflow and EMR say `reused` when a run with the key
 * existed; Athena dedupes by its ClientRequestToken without saying so, so a repeat of a known key
 * is taken as the same execution.
 */
function startOutcome(result: CallToolResult, repeat: boolean): StartOutcome {
  if (result.isError) return "failed";
  const reused = asRecord(result.structuredContent).reused;
  if (reused === true) return "reused";
  if (reused === undefined && repeat) return "reused";
  return "started";
}
