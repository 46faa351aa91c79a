/**
 * The incident's subject, checked against the account before the investigation: a ticket that says
 * what kind of resource failed but not which one, or names it in prose ("the spending pots ETL"),
 * or names a resource the account does not have ("glue job out of disk" read as a job "out"), is
 * resolved to the real resource here, with the read-only `list_resources` tool, and the reasoning
 * is kept as a finding. Only the intent's own kind of resource is resolved, and only from what the
 * ticket's subject fields say — except when nothing else can be meant:
 *
 *   1. a notification pasted as the ticket's body (an EventBridge event, an alarm) names its own
 *      resource: that is the alert's subject (src/classifier/notifications);
 *   2. the account's names are matched against the subject fields' words (src/subject/name-match.ts):
 *      one full match is the subject; two are ambiguous, which is said and never guessed;
 *   3. when neither names one, the subject fields speak of the kind ("EMR step failed") and the
 *      account confirms that nothing in them is another of its resources, the one resource of the
 *      kind the free text identifies is the subject — there is none it could be redirected from.
 *      Two or more stay mentions.
 * A listing that fails, or a tool that is not connected, changes nothing: the subject stays as the
 * ticket names it.
 */
import { parseNotification } from "../classifier/notifications/index.js";
import { flattenAdditionalInfo } from "../classifier/text.js";
import type { Entities } from "../state/classification.js";
import type { Incident } from "../state/incident.js";
import type { Intent } from "../state/intents.js";
import type { Finding } from "../state/investigation.js";
import { ENTITY_FOR_TYPE } from "../subject/anchor.js";
import { resolveName } from "../subject/name-match.js";
import { resourceTypesOf, type NamedResource, type Subject, type SubjectResourceType } from "../subject/subject.js";
import { callTool, type ToolRegistry } from "../tools/registry.js";

export interface AccountSubjectInput {
  readonly intent: Intent;
  readonly subject: Subject;
  readonly incident: Incident;
  readonly entities: Entities;
  readonly tools: ToolRegistry;
  readonly timeoutMs: number;
}

export interface AccountSubject {
  readonly subject: Subject;
  readonly entities: Entities;
  /** The resolution's reasoning, as a finding of list_resources; none when nothing was resolved. */
  readonly findings: readonly Finding[];
}

const LISTING_KIND: Partial<Record<SubjectResourceType, "glue_job" | "dag" | "emr_cluster">> = {
  glue_job: "glue_job",
  dag: "dag",
  emr_cluster: "emr_cluster",
};

/** The words by which a subject field names a kind of resource without naming the resource. */
const KIND_WORDS: Readonly<Record<SubjectResourceType, RegExp>> = {
  glue_job: /\bglue\b/i,
  dag: /\b(?:dag|airflow|mwaa)\b/i,
  emr_cluster: /\bemr\b/i,
  emr_step: /\bemr\b/i,
  athena_query: /\bathena\b|\bquery\b/i,
  athena_workgroup: /\bathena\b/i,
};

/** What a listing gives: the name a ticket uses, and the id a tool takes (an EMR cluster's j-…). */
interface Listed {
  readonly name: string;
  readonly id: string;
}

export async function subjectAgainstAccount(input: AccountSubjectInput): Promise<AccountSubject> {
  const unchanged: AccountSubject = { subject: input.subject, entities: input.entities, findings: [] };
  const type = resourceTypesOf(input.intent)?.[0];
  if (!type) {
    // A DAG alarm is about the DAG its own notification names (the alarm's dimensions), and only that.
    const dag =
      input.intent === "dag_alarm" && !input.subject.named.some((resource) => resource.type === "dag")
        ? notificationResource(input.incident, "dag")
        : undefined;
    return dag
      ? withSubject(input, "dag", dag, "alert", `the alarm's notification names DAG ${dag} in its dimensions`, [])
      : unchanged;
  }
  const named = input.subject.named.filter((resource) => resource.type === type);
  const listing = LISTING_KIND[type] ? await list(input, LISTING_KIND[type]) : undefined;
  const subjectText = [input.incident.short_description, input.incident.cmdb_ci ?? ""].join("\n");

  if (named.length > 0) {
    // Named, and the account has it (or cannot say): as the ticket names it.
    if (!listing || named.some((resource) => listing.some((item) => item.id === resource.id))) return unchanged;
    const resolved = resolveName(
      subjectText,
      listing.map((item) => item.name),
    );
    if (resolved.outcome !== "matched") return unchanged;
    const item = listing.find((candidate) => candidate.name === resolved.name) as Listed;
    const why = `the ticket's ${type.replace("_", " ")} "${named.map((resource) => resource.id).join(", ")}" is not in the account; its words name ${item.name} (${(resolved.confidence * 100).toFixed(0)}%)${rejectedText(resolved.rejected)}`;
    return withSubject(input, type, item.id, sourceOf(input.incident, resolved.name), why, named);
  }

  const notified = notificationResource(input.incident, type);
  if (notified) {
    return withSubject(
      input,
      type,
      notified,
      "alert",
      `the pasted notification is about ${type.replace("_", " ")} ${notified}`,
      [],
    );
  }

  if (listing) {
    const resolved = resolveName(
      subjectText,
      listing.map((item) => item.name),
    );
    if (resolved.outcome === "matched") {
      const item = listing.find((candidate) => candidate.name === resolved.name) as Listed;
      const why = `the subject fields name ${item.name} in their own words (${(resolved.confidence * 100).toFixed(0)}%)${rejectedText(resolved.rejected)}`;
      return withSubject(input, type, item.id, sourceOf(input.incident, resolved.name), why, []);
    }
    if (resolved.outcome === "ambiguous") {
      const names = resolved.candidates.map((candidate) => candidate.name).join(" or ");
      return {
        ...unchanged,
        findings: [finding(`The subject fields could mean ${names}: not resolved (a person's call).`, {})],
      };
    }
  }

  // Nothing in the subject fields is one of the account's resources of the kind: the free text's only one.
  const mentioned = input.subject.mentioned.filter((resource) => resource.type === type);
  const sole = mentioned.length === 1 ? mentioned[0] : undefined;
  if (!sole) return unchanged;
  // The subject fields must speak of the kind ("EMR step failed"): a ticket about a stale dashboard
  // whose text blames a job is about the dashboard, and the job is a lead, not a target.
  if (!KIND_WORDS[type].test(subjectText)) return unchanged;
  if (LISTING_KIND[type] && !listing?.some((item) => item.id === sole.id)) return unchanged;
  return withSubject(
    input,
    type,
    sole.id,
    "description",
    `the ticket's text names one ${type.replace("_", " ")}, ${sole.id}, and its subject fields no other`,
    [],
  );
}

function withSubject(
  input: AccountSubjectInput,
  type: SubjectResourceType,
  id: string,
  source: NamedResource["source"],
  why: string,
  replaced: readonly NamedResource[],
): AccountSubject {
  const resource: NamedResource = { type, id, source };
  const keep = (other: NamedResource) => !replaced.includes(other) && !(other.type === type && other.id === id);
  return {
    subject: {
      named: [...input.subject.named.filter(keep), resource],
      mentioned: input.subject.mentioned.filter(keep),
    },
    entities: { ...input.entities, [ENTITY_FOR_TYPE[type]]: id },
    findings: [finding(`Subject resolved: ${why}.`, { type, id, source })],
  };
}

const finding = (summary: string, result: Record<string, unknown>): Finding => ({
  tool: "list_resources",
  result: { resolution: result },
  summary,
});

function rejectedText(rejected: readonly { name: string; why: string }[]): string {
  return rejected.length === 0 ? "" : `; not ${rejected.map((score) => `${score.name} (${score.why})`).join(", ")}`;
}

function sourceOf(incident: Incident, name: string): NamedResource["source"] {
  return resolveName(incident.short_description, [name]).outcome === "matched" ? "short_description" : "cmdb_ci";
}

/** The resource a notification pasted as the ticket's body is about, when it is of `type`. */
function notificationResource(incident: Incident, type: SubjectResourceType): string | undefined {
  const facts = parseNotification(
    [incident.description ?? "", flattenAdditionalInfo(incident.additional_info)].join("\n"),
  );
  if (!facts) return undefined;
  const wanted = type === "athena_query" ? facts.run_id : undefined;
  if (wanted && facts.resource?.type === "athena_query") return wanted;
  const own = [facts.resource, ...facts.related].find((resource) => resource?.type === type);
  return own?.name;
}

/** The account's resources of a kind; undefined when the tool is missing, fails, or lists only part. */
async function list(
  input: AccountSubjectInput,
  kind: "glue_job" | "dag" | "emr_cluster",
): Promise<Listed[] | undefined> {
  if (!input.tools.has("list_resources")) return undefined;
  try {
    const output = (await callTool(input.tools, "list_resources", { kind }, AbortSignal.timeout(input.timeoutMs))) as {
      resources?: { name: string; id?: string }[];
      truncated?: boolean;
    };
    // A partial list cannot say that a name is not in the account.
    if (!Array.isArray(output.resources) || output.truncated) return undefined;
    return output.resources.map((resource) => ({ name: resource.name, id: resource.id ?? resource.name }));
  } catch {
    return undefined;
  }
}
