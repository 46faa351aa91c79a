/**
 * The remediations: one per mutating tool. `satisfies` makes forgetting one a compile error, and a
 * remediation that names another tool than its key, too. The allow-list and allowed-arguments keys of
 * the config schema, the guardrails' resource types, the review edit schemas, the verifications and
 * the MCP server's policy all read this list.
 *
 * Adding a remediation is its own file here plus one line below (after its tool, src/tools/catalog.ts).
 */
import type { Resource } from "../state/investigation.js";
import type { Subject } from "../subject/subject.js";
import type { SubjectBinding } from "../subject/binding.js";
import type { MutatingToolName } from "../tools/catalog.js";
import { athenaQueryRerun } from "./athena-query-rerun.js";
import { dagRerun } from "./dag-rerun.js";
import type { Args, Remediation } from "./definition.js";
import { emrStepRerun } from "./emr-step-rerun.js";
import { glueJobRerun } from "./glue-job-rerun.js";

/** In the order the config schema lists their allow-list keys. */
export const REMEDIATION_LIST = [glueJobRerun, dagRerun, athenaQueryRerun, emrStepRerun] as const;

type Listed = (typeof REMEDIATION_LIST)[number];

/** Each mutating tool's remediation, by tool name. */
export const REMEDIATIONS = Object.fromEntries(
  REMEDIATION_LIST.map((remediation) => [remediation.tool, remediation]),
) as {
  readonly [N in MutatingToolName]: Extract<Listed, { tool: N }>;
} satisfies { readonly [N in MutatingToolName]: Remediation<N> };

export type AllowListKey = Listed["allowListKey"];
export type AllowedArgumentsKey = NonNullable<Listed["argumentPolicy"]>["configKey"];

/** The allow-list keys, one per remediation, in list order (`remediation.allow_list.*`). */
export const ALLOW_LIST_KEYS = REMEDIATION_LIST.map((remediation) => remediation.allowListKey) as AllowListKey[];

/** The keys of `remediation.allowed_arguments`: one per remediation with an argument policy. */
export const ALLOWED_ARGUMENTS_KEYS = REMEDIATION_LIST.flatMap((remediation) =>
  remediation.argumentPolicy ? [remediation.argumentPolicy.configKey] : [],
) as AllowedArgumentsKey[];

/** Which allow-list governs each resource type: every resource type has exactly one remediation. */
export const ALLOW_LIST_FOR_RESOURCE = Object.fromEntries(
  REMEDIATION_LIST.map((remediation) => [remediation.resourceType, remediation.allowListKey]),
) as Record<Resource["type"], AllowListKey>;

/** Whether `action` with `args` on `resource` acts on the incident's subject (the remediation's rule). */
export function checkSubjectBinding(
  subject: Subject,
  action: MutatingToolName,
  args: Args,
  resource: Resource,
): SubjectBinding {
  return REMEDIATIONS[action].bindSubject(subject, args, resource);
}

// Every resource type a remediation may target has a remediation acting on it.
type Uncovered = Exclude<Resource["type"], Listed["resourceType"]>;
const everyResourceTypeCovered: [Uncovered] extends [never] ? true : Uncovered = true;
void everyResourceTypeCovered;
