/**
 * list_resources: the account's resources of one kind, by name (Glue jobs, Airflow DAGs, EMR
 * clusters, Athena workgroups, MWAA environments, MSK consumer groups). Tickets name jobs in prose;
 * the orchestrator resolves such a name among the real ones this lists.
 *
 * Bounded three ways, and `truncated` says when any of them cut the listing: at most `max_results`
 * resources, at most MAX_CALLS listing calls, and no more resources than fit in the tool output
 * limit (a cut made here keeps the output valid; the generic cut in define.ts would not).
 */
import { ListWorkGroupsCommand } from "@aws-sdk/client-athena";
import { ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { ClusterState, ListClustersCommand } from "@aws-sdk/client-emr";
import { ListJobsCommand } from "@aws-sdk/client-glue";
import { GetEnvironmentCommand, ListEnvironmentsCommand } from "@aws-sdk/client-mwaa";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { TOOL_OUTPUT_MAX_CHARS } from "../define.js";
import { defineTool } from "../definition.js";
import { airflowClientFor } from "../mwaa/airflow-client.js";
import { toToolError } from "../tool-error.js";

export const RESOURCE_KINDS = [
  "glue_job",
  "dag",
  "emr_cluster",
  "athena_workgroup",
  "mwaa_environment",
  "kafka_consumer_group",
] as const;
const ResourceKind = z.enum(RESOURCE_KINDS);

export const ListResourcesInput = z.object({
  kind: ResourceKind,
  environment: z
    .string()
    .min(1)
    .optional()
    .describe("For kind dag: the MWAA environment whose DAGs to list; omitted: every environment"),
  max_results: z.number().int().min(1).max(1000).default(500),
});
export const ResourceSchema = z.object({
  name: z.string(),
  /** EMR cluster id (j-...). */
  id: z.string().optional(),
  /** The MWAA environment of a DAG. */
  environment: z.string().optional(),
  /** EMR cluster state, MWAA environment status. */
  state: z.string().optional(),
});
export const ListResourcesOutput = z.object({
  kind: ResourceKind,
  resources: z.array(ResourceSchema),
  /** More resources exist than are listed: max_results, the call limit or the output size stopped it. */
  truncated: z.boolean(),
  /** Listing calls made (AWS API calls and Airflow REST pages; the Airflow login is not counted). */
  calls: z.number().int().min(0),
});

export const listResourcesTool = defineTool({
  name: "list_resources",
  title: "List resources of a kind",
  description:
    "Read-only. The names of the account's resources of one kind, to find the real name of one a ticket describes " +
    "in prose: glue_job (Glue jobs), dag (Airflow DAGs with their MWAA environment; environment narrows to one), " +
    "emr_cluster (name, id j-... and state), athena_workgroup, mwaa_environment (name and status) or " +
    "kafka_consumer_group (MSK consumer groups that publish lag to CloudWatch). At most max_results; truncated " +
    "is true when more exist than are listed.",
  mutating: false,
  input: ListResourcesInput,
  output: ListResourcesOutput,
  run: listResources,
});

type Resource = z.infer<typeof ResourceSchema>;
type ListResources = z.infer<typeof ListResourcesOutput>;
type Listing = { resources: Resource[]; truncated: boolean };

/** Listing calls one tool call may make: 5 for 500 Glue jobs, 20 for 1000 EMR clusters. */
export const MAX_CALLS = 50;
/** Glue allows 1000 a page; 100 keeps each answer small at a handful of calls for a whole account. */
const GLUE_PAGE_SIZE = 100;
/** The maxima of ListWorkGroups, ListEnvironments and MWAA's default Airflow [api] maximum_page_limit. */
const ATHENA_PAGE_SIZE = 50;
const MWAA_PAGE_SIZE = 25;
const AIRFLOW_PAGE_SIZE = 100;
/** Every cluster state, terminated ones included: a ticket may be about a cluster that ended. */
const EMR_CLUSTER_STATES: ClusterState[] = Object.values(ClusterState);
/** Environments whose DAGs one listing reads at most (the call limit usually stops it first). */
const MAX_ENVIRONMENTS = 1000;
/** Room left in the output limit for what boundJson counts differently from JSON.stringify. */
const OUTPUT_MARGIN_CHARS = 200;

/** The calls one listing may still make, shared by every page of every listing it runs. */
class CallBudget {
  calls = 0;
  take(): boolean {
    if (this.calls >= MAX_CALLS) return false;
    this.calls += 1;
    return true;
  }
}

interface Page {
  resources: Resource[];
  /** The token of the next page; undefined on the last. */
  next: string | undefined;
}

/** Fetches one page with the previous page's token, asking for at most `want` resources. */
type PageFetcher = (token: string | undefined, want: number) => Promise<Page>;

export async function listResources(
  clients: AwsClients,
  input: z.infer<typeof ListResourcesInput>,
): Promise<ListResources> {
  const budget = new CallBudget();
  const listing = await LISTERS[input.kind](clients, input, budget);
  return fitOutput(input.kind, listing, budget.calls);
}

const LISTERS: Record<
  z.infer<typeof ResourceKind>,
  (clients: AwsClients, input: z.infer<typeof ListResourcesInput>, budget: CallBudget) => Promise<Listing>
> = {
  glue_job: (clients, { max_results }, budget) =>
    collect(budget, max_results, async (token, want) => {
      const out = await clients.glue.send(
        new ListJobsCommand({ MaxResults: Math.min(GLUE_PAGE_SIZE, want), ...(token ? { NextToken: token } : {}) }),
      );
      return { resources: (out.JobNames ?? []).map((name) => ({ name })), next: out.NextToken };
    }),
  emr_cluster: (clients, { max_results }, budget) =>
    collect(budget, max_results, async (token) => {
      const out = await clients.emr.send(
        new ListClustersCommand({ ClusterStates: EMR_CLUSTER_STATES, ...(token ? { Marker: token } : {}) }),
      );
      const resources = (out.Clusters ?? []).map((cluster) => ({
        name: cluster.Name ?? cluster.Id ?? "",
        id: cluster.Id,
        state: cluster.Status?.State,
      }));
      return { resources, next: out.Marker };
    }),
  athena_workgroup: (clients, { max_results }, budget) =>
    collect(budget, max_results, async (token, want) => {
      const out = await clients.athena.send(
        new ListWorkGroupsCommand({
          MaxResults: Math.min(ATHENA_PAGE_SIZE, want),
          ...(token ? { NextToken: token } : {}),
        }),
      );
      const names = (out.WorkGroups ?? []).flatMap((workgroup) => (workgroup.Name ? [workgroup.Name] : []));
      return { resources: names.map((name) => ({ name })), next: out.NextToken };
    }),
  mwaa_environment: async (clients, { max_results }, budget) => {
    const listing = await environments(clients, max_results, budget);
    // ListEnvironments names them only; the status is one GetEnvironment each, while calls last.
    const resources = await Promise.all(
      listing.resources.map(async (resource) => {
        if (!budget.take()) return resource;
        const out = await clients.mwaa.send(new GetEnvironmentCommand({ Name: resource.name }));
        return { ...resource, state: out.Environment?.Status };
      }),
    );
    return { resources, truncated: listing.truncated };
  },
  dag: (clients, input, budget) => dags(clients, input, budget),
  kafka_consumer_group: (clients, { max_results }, budget) =>
    collect(
      budget,
      max_results,
      async (token) => {
        // MSK publishes lag per (cluster, group, topic): one metric per topic, the group repeating.
        const out = await clients.cloudwatch.send(
          new ListMetricsCommand({
            Namespace: "AWS/Kafka",
            MetricName: "SumOffsetLag",
            Dimensions: [{ Name: "Consumer Group" }],
            ...(token ? { NextToken: token } : {}),
          }),
        );
        const groups = (out.Metrics ?? []).flatMap((metric) =>
          (metric.Dimensions ?? []).filter((d) => d.Name === "Consumer Group" && d.Value).map((d) => d.Value ?? ""),
        );
        return { resources: groups.map((name) => ({ name })), next: out.NextToken };
      },
      (resource) => resource.name,
    ),
};

function environments(clients: AwsClients, max: number, budget: CallBudget): Promise<Listing> {
  return collect(budget, max, async (token, want) => {
    const out = await clients.mwaa.send(
      new ListEnvironmentsCommand({
        MaxResults: Math.min(MWAA_PAGE_SIZE, want),
        ...(token ? { NextToken: token } : {}),
      }),
    );
    return { resources: (out.Environments ?? []).map((name) => ({ name })), next: out.NextToken };
  });
}

/**
 * The DAGs of one environment, or of every environment in turn. Across every environment, one whose
 * Airflow cannot be read (an environment being created or updated has no webserver) is left out and
 * the listing marked truncated, so it does not hide the others; when none can be read, that is the error.
 */
async function dags(
  clients: AwsClients,
  input: z.infer<typeof ListResourcesInput>,
  budget: CallBudget,
): Promise<Listing> {
  const named = input.environment;
  const envs = named
    ? { resources: [{ name: named }], truncated: false }
    : await environments(clients, MAX_ENVIRONMENTS, budget);
  const airflow = airflowClientFor(clients);
  const resources: Resource[] = [];
  let truncated = envs.truncated;
  let firstFailure: unknown;
  let failures = 0;
  for (const [index, env] of envs.resources.entries()) {
    const remaining = input.max_results - resources.length;
    if (remaining <= 0) {
      // The environments not read may have DAGs.
      truncated ||= index < envs.resources.length;
      break;
    }
    try {
      const listing = await collect(budget, remaining, async (token, want) => {
        const offset = token ? Number(token) : 0;
        const page = await airflow.listDags(env.name, Math.min(AIRFLOW_PAGE_SIZE, want), offset);
        const end = offset + page.dags.length;
        return {
          resources: page.dags.map((dag) => ({ name: dag.dag_id, environment: env.name })),
          next: page.dags.length > 0 && end < page.total_entries ? String(end) : undefined,
        };
      });
      resources.push(...listing.resources);
      truncated ||= listing.truncated;
    } catch (error) {
      if (named || toToolError(error) === null) throw error;
      failures += 1;
      firstFailure ??= error;
      truncated = true;
    }
  }
  if (failures > 0 && failures === envs.resources.length) throw firstFailure;
  return { resources, truncated };
}

/**
 * Pages through one listing until it ends, `max` resources are in hand or the budget is spent.
 * With `keyOf`, resources already seen are skipped (a name repeated across pages counts once).
 */
async function collect(
  budget: CallBudget,
  max: number,
  fetchPage: PageFetcher,
  keyOf?: (resource: Resource) => string,
): Promise<Listing> {
  const resources: Resource[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  let more = true;
  while (more && resources.length < max && budget.take()) {
    const page = await fetchPage(token, max - resources.length);
    for (const resource of page.resources) {
      const key = keyOf?.(resource);
      if (key !== undefined && seen.has(key)) continue;
      if (key !== undefined) seen.add(key);
      resources.push(resource);
    }
    token = page.next;
    more = token !== undefined;
  }
  return { resources: resources.slice(0, max), truncated: more || resources.length > max };
}

/** As many resources as fit in the tool output limit, in order; cutting any marks the listing truncated. */
function fitOutput(kind: ListResources["kind"], listing: Listing, calls: number): ListResources {
  const limit = TOOL_OUTPUT_MAX_CHARS - OUTPUT_MARGIN_CHARS;
  let length = JSON.stringify({ kind, resources: [], truncated: true, calls }).length;
  let kept = 0;
  for (const resource of listing.resources) {
    length += JSON.stringify(resource).length + (kept > 0 ? 1 : 0);
    if (length > limit) break;
    kept += 1;
  }
  return {
    kind,
    resources: listing.resources.slice(0, kept),
    truncated: listing.truncated || kept < listing.resources.length,
    calls,
  };
}
