/**
 * The examples as a ServiceNow queue: an emulated instance (src/sandbox/servicenow) holding one
 * ticket per example, an integration user, the on-call, expert and approver groups, and an intake
 * worker over it whose orchestrator for each ticket runs against that example's own AWS sandbox
 * (each example is its own world, so each ticket has its own tools). `npm run demo` and the
 * write-back tests use it.
 */
import { openTools, type ToolSource } from "../compose/tools.js";
import type { OrchestratorConfig } from "../config/schema.js";
import { createIntakeWorker, type IntakeWorker } from "../intake/worker.js";
import { readJsonFile } from "../io/read-json.js";
import { createOrchestrator, parseIncident, type Orchestrator } from "../orchestrator.js";
import type { RcaStore } from "../rca/store.js";
import { loadScenarioFile, type ToolTransport } from "../sandbox/session.js";
import { startServiceNowEmulator, type ServiceNowEmulator } from "../sandbox/servicenow/server.js";
import { ticketSeedFor } from "../sandbox/servicenow/ticket-seed.js";
import type { ServiceNowSeedInput } from "../sandbox/servicenow/seed.js";
import { createServiceNowClient } from "../servicenow/client.js";
import type { TicketSystemClient } from "../servicenow/ticket-system.js";
import { threadIdFor } from "../runs/thread-id.js";
import type { Incident } from "../state/incident.js";
import type { RunOutcome } from "../state/run-outcome.js";
import { memoryRunStore } from "../store/memory.js";
import type { RunStore } from "../store/types.js";
import { ServeConfigSchema, type ServeConfig, type ServeConfigInput } from "../ticketing/config.js";
import { loadDirectory } from "../ticketing/directory.js";
import { followUpWith } from "../ticketing/follow-up.js";
import { toolRegistry } from "../tools/registry.js";
import type { ResolvedExample } from "./manifest.js";

export const EXAMPLE_AGENT_USER = "incident.orchestrator";
export const EXAMPLE_APPROVER = "ana.approver";
/** Not an approver: a note of theirs never answers a review. */
export const EXAMPLE_ONLOOKER = "sam.onlooker";
const DEMO_PASSWORD = "emulator-only-password";

/** The instance the examples' tickets live on; `tickets` are created `minutesAgo` before `now`. */
export function exampleServiceNowSeed(incidents: readonly Incident[], now: Date, minutesAgo = 10): ServiceNowSeedInput {
  const createdOn = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const onCall = [...new Set(incidents.map((incident) => incident.assignment_group ?? "Data Platform On-Call"))];
  return {
    users: [
      { user_name: EXAMPLE_AGENT_USER, name: "incident-orchestrator", password: DEMO_PASSWORD },
      { user_name: EXAMPLE_APPROVER, name: "Ana Approver", password: DEMO_PASSWORD },
      { user_name: EXAMPLE_ONLOOKER, name: "Sam Onlooker", password: DEMO_PASSWORD },
    ],
    groups: [
      ...onCall.map((name) => ({ name, members: [EXAMPLE_AGENT_USER, EXAMPLE_ONLOOKER] })),
      { name: "Data Platform Experts", members: [] },
      { name: "Data Platform Approvers", members: [EXAMPLE_APPROVER] },
    ],
    incidents: incidents.map((incident) => ticketSeedFor(incident, { state: "1", createdOn })),
  };
}

/** How the examples' worker works the emulated queue. */
export function exampleServeConfig(instanceUrl: string, overrides: Partial<ServeConfigInput> = {}): ServeConfig {
  return ServeConfigSchema.parse({
    servicenow: {
      instance_url: instanceUrl,
      auth: { kind: "basic" },
      rate_limit: { requests_per_second: 1_000, burst: 1_000 },
    },
    intake: { assignment_group: "Data Platform On-Call", agent_user: EXAMPLE_AGENT_USER, max_per_pass: 1_000 },
    ...overrides,
  });
}

export interface ExampleQueue {
  readonly emulator: ServiceNowEmulator;
  /** A client acting as the agent user. */
  readonly client: TicketSystemClient;
  /** A client acting as `userName` (a person writing on the ticket). */
  clientAs(userName: string): TicketSystemClient;
  readonly store: RunStore;
  readonly config: ServeConfig;
  /** A new worker on the queue (several may share it, as several `serve` processes would). */
  worker(options?: { store?: RunStore }): Promise<IntakeWorker>;
  /** The example a ticket (by sys_id) stands for. */
  exampleOf(sysId: string): ResolvedExample | undefined;
  /** Every ticket's sys_id with its example, in the manifest's order. */
  readonly tickets: readonly { readonly sysId: string; readonly example: ResolvedExample }[];
  /** Where a ticket's run stands (its thread in the shared store); undefined before it ran. */
  outcomeOf(sysId: string): Promise<RunOutcome | undefined>;
  close(): Promise<void>;
}

export interface ExampleQueueOptions {
  readonly config: OrchestratorConfig;
  readonly transport?: ToolTransport;
  readonly store?: RunStore;
  readonly serve?: Partial<ServeConfigInput>;
  readonly rca?: RcaStore;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

export async function openExampleQueue(
  examples: readonly ResolvedExample[],
  options: ExampleQueueOptions,
): Promise<ExampleQueue> {
  const now = options.now ?? (() => new Date());
  const incidents = await Promise.all(
    examples.map(async (example) => parseIncident(await readJsonFile(example.incidentPath, "incident"))),
  );
  const seed = exampleServiceNowSeed(incidents, now());
  const emulator = await startServiceNowEmulator({ seed, now });
  const bySysId = new Map<string, ResolvedExample>();
  (seed.incidents ?? []).forEach((ticket, index) => {
    const example = examples[index];
    if (ticket.sys_id && example) bySysId.set(ticket.sys_id, example);
  });
  const config = exampleServeConfig(emulator.url, options.serve);
  const clientAs = (userName: string) =>
    createServiceNowClient({
      config: config.servicenow,
      credentials: { kind: "basic", username: userName, password: DEMO_PASSWORD },
      now,
    });
  const client = clientAs(EXAMPLE_AGENT_USER);
  const store = options.store ?? memoryRunStore(now);

  // One tool source per example, opened when its ticket is first worked, shared by every worker.
  const sources = new Map<string, Promise<ToolSource>>();
  const sourceFor = (sysId: string): Promise<ToolSource> => {
    const example = bySysId.get(sysId);
    if (!example) throw new Error(`ticket ${sysId} is not one of the examples'`);
    let source = sources.get(example.name);
    if (!source) {
      source = loadScenarioFile(example.scenarioPath).then((scenario) =>
        openTools(
          { scenario: { name: example.name, scenario }, transport: options.transport ?? "mcp" },
          options.config,
        ),
      );
      sources.set(example.name, source);
    }
    return source;
  };
  const orchestrators = new Map<string, Orchestrator>();
  const orchestratorFor = (workerStore: RunStore) => async (sysId: string) => {
    const key = `${sysId}:${workerStore === store ? "shared" : "own"}`;
    const existing = orchestrators.get(key);
    if (existing) return existing;
    const made = createOrchestrator({
      config: options.config,
      tools: (await sourceFor(sysId)).tools,
      store: workerStore,
      now,
    });
    orchestrators.set(key, made);
    return made;
  };
  const followUp = async (...args: Parameters<ReturnType<typeof followUpWith>>) =>
    followUpWith(toolRegistry((await sourceFor(args[1])).tools))(...args);

  return {
    emulator,
    client,
    clientAs,
    store,
    config,
    exampleOf: (sysId) => bySysId.get(sysId),
    tickets: [...bySysId].map(([sysId, example]) => ({ sysId, example })),
    outcomeOf: async (sysId) => (await orchestratorFor(store)(sysId)).inspect(threadIdFor(sysId)),
    async worker(workerOptions = {}) {
      const workerStore = workerOptions.store ?? store;
      const directory = await loadDirectory(client, config);
      return createIntakeWorker({
        client,
        store: workerStore,
        config,
        directory,
        orchestratorFor: orchestratorFor(workerStore),
        followUp,
        rca: options.rca,
        now,
        log: options.log,
      });
    },
    async close() {
      const opened = await Promise.allSettled(sources.values());
      await Promise.all(opened.map((source) => (source.status === "fulfilled" ? source.value.close() : undefined)));
      await emulator.close();
    },
  };
}
