/**
 * What a remediation is: everything the graph and the MCP server need to know about one mutating
 * tool, written once in the remediation's own file (src/remediations/<remediation>.ts). The catalog
 * (catalog.ts) maps every mutating tool to its remediation, so a mutating tool without one, or a
 * remediation missing a piece, does not compile.
 *
 * Everything here is pure except `readTarget` and `argumentPolicy.readOwnRuns`, the reads the MCP
 * server makes from AWS before it decides on a call it cannot trust.
 */
import type { z } from "zod";
import type { InvestigationState, Resource } from "../state/investigation.js";
import type { SubjectBinding } from "../subject/binding.js";
import type { Subject } from "../subject/subject.js";
import type { AwsClients } from "../tools/aws-clients.js";
import type { MutatingToolName, ReadOnlyToolName } from "../tools/catalog.js";

export type Args = Readonly<Record<string, unknown>>;

/** A fact the MCP server read from AWS, or why it could not: an unknown, which its policy refuses. */
export type Fact<T> = { value: T } | { error: string };

export type ArgumentCheck = { permitted: true } | { permitted: false; message: string };

/** A Glue run's arguments, as GetJobRuns (or get_glue_logs' `runs[].arguments`) reports them. */
export type RunArguments = Readonly<Record<string, string>>;

/** The verdict a status read gives on a started run: done either way, or not yet (null). */
export type Verdict = "succeeded" | "failed" | null;

/** How a started run is verified: which read-only tool reads its status, and what the status means. */
export interface Verification {
  readonly statusTool: ReadOnlyToolName;
  /** The id of what the mutating tool started, from its output. */
  executionId(started: Record<string, unknown>): string | null;
  statusArgs(args: Record<string, unknown>, executionId: string): Record<string, unknown>;
  /** The current state of that execution in the status tool's output, or null when it is not there. */
  status(output: Record<string, unknown>, executionId: string): string | null;
  verdict(status: string): Verdict;
}

/**
 * How to find, with a read-only tool, what an earlier start with an idempotency key started: the
 * world check before repeating a side effect whose outcome was lost.
 */
export interface KeyLookup {
  readonly tool: ReadOnlyToolName;
  args(args: Record<string, unknown>, key: string): Record<string, unknown>;
  /** The id of the execution carrying `key` in the tool's output, or null when there is none. */
  executionId(output: Record<string, unknown>, key: string): string | null;
}

/**
 * Which free-form arguments a re-run may carry beyond what the orchestrator sets itself. The names
 * a deployment allows are `remediation.allowed_arguments.<configKey>` (the config schema derives
 * its keys from the remediations that have a policy).
 */
export interface ArgumentPolicy<ConfigKey extends string = string> {
  readonly configKey: ConfigKey;
  /** `ownRuns` are the arguments of the target's recent runs; without them only allowed names pass. */
  check(args: Args, allowedNames: readonly string[], ownRuns: readonly RunArguments[]): ArgumentCheck;
  /** For the MCP server: the target's own recent run arguments, read when allowed names are not enough. */
  readOwnRuns?(clients: AwsClients, resourceId: string): Promise<Fact<RunArguments[]>>;
}

export interface Remediation<
  Tool extends MutatingToolName = MutatingToolName,
  AllowListKey extends string = string,
  ArgumentsKey extends string = string,
> {
  /** The mutating tool it calls. */
  readonly tool: Tool;
  /** The kind of resource it acts on; a call aimed at another kind is refused, not matched on the wrong list. */
  readonly resourceType: Resource["type"];
  /** `remediation.allow_list.<key>` (and `require_approval.resources.<key>`): the globs of resources it may touch. */
  readonly allowListKey: AllowListKey;
  /** What a reviewer's edit may pass: the tool's input, less the idempotency key we set ourselves. */
  readonly editSchema: z.ZodType<Record<string, unknown>>;
  /** The resource the call's own arguments name; null when they name none (an Athena re-run names a query). */
  namedResource(args: Args): Resource | null;
  /**
   * The resource a proposal aims at in the graph, given the investigation. Without it, the named
   * resource. (Athena: the investigation's workgroup, only for the same query.)
   */
  proposalResource?(args: Args, investigation: InvestigationState | null): Resource | null;
  /** For the MCP server: the resource read from AWS when the arguments do not name it. */
  readTarget?(clients: AwsClients, args: Args): Promise<Fact<Resource>>;
  /** Whether the call, aimed at `resource`, acts on the incident's subject (src/subject). */
  bindSubject(subject: Subject, args: Args, resource: Resource): SubjectBinding;
  readonly argumentPolicy: ArgumentPolicy<ArgumentsKey> | null;
  readonly verification: Verification;
  /** null where the service itself returns the same execution for the same key (Athena's ClientRequestToken). */
  readonly keyLookup: KeyLookup | null;
}

/** Identity, so the tool name and the config keys keep their literal types for the catalog. */
export function defineRemediation<
  const Tool extends MutatingToolName,
  const AllowListKey extends string,
  const ArgumentsKey extends string = never,
>(remediation: Remediation<Tool, AllowListKey, ArgumentsKey>): Remediation<Tool, AllowListKey, ArgumentsKey> {
  return remediation;
}

/** An argument's value when it is a non-empty string (what names a resource); else null. */
export const nonEmpty = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** The resource of `type` a call's argument `argument` names, or null when it names none. */
export function namedBy(argument: string, type: Resource["type"]): (args: Args) => Resource | null {
  return (args) => {
    const id = nonEmpty(args[argument]);
    return id === null ? null : { type, id };
  };
}

// Small readers of tool output, shared by the verifications.
export const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
export const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
    : [];
export const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
export const findState = (list: unknown, idKey: string, id: string, stateKey = "state"): string | null =>
  str(records(list).find((item) => item[idKey] === id)?.[stateKey]);

/** Names quoted as JSON (so a name with odd characters cannot break the line), at most five. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => JSON.stringify(name.slice(0, 80)));
  return names.length > 5 ? `${shown.join(", ")} and ${names.length - 5} more` : shown.join(", ");
}
