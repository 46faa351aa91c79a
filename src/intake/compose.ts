/**
 * One `serve` worker from its parts: the orchestrator over the tools and the run store, the
 * instance's directory, the follow-up over the same tools, and the RCA store the config names.
 * `serve` (src/cli/commands/serve.ts) and the server's webhook app (./deployed-app.ts) both use it,
 * so the two entry points work a ticket alike.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { OrchestratorConfig } from "../config/schema.js";
import { createOrchestrator } from "../orchestrator.js";
import { rcaStoreFor } from "../rca/store.js";
import type { TicketSystemClient } from "../servicenow/ticket-system.js";
import type { RunStore } from "../store/types.js";
import type { ServeConfig } from "../ticketing/config.js";
import { loadDirectory } from "../ticketing/directory.js";
import { followUpWith } from "../ticketing/follow-up.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { toolRegistry } from "../tools/registry.js";
import { createWebhookApp } from "../webhook/app.js";
import type { WebhookAuth } from "../webhook/types.js";
import { createIntakeWorker, type IntakeWorker } from "./worker.js";

export interface IntakeParts {
  readonly config: OrchestratorConfig;
  readonly serve: ServeConfig;
  readonly client: TicketSystemClient;
  readonly tools: readonly StructuredToolInterface[];
  readonly store: RunStore;
  readonly log?: (line: string) => void;
}

export async function composeIntakeWorker(parts: IntakeParts): Promise<IntakeWorker> {
  const { config, serve, client, store } = parts;
  const orchestrator = createOrchestrator({ config, tools: parts.tools, store });
  return createIntakeWorker({
    client,
    store,
    config: serve,
    directory: await loadDirectory(client, serve),
    orchestratorFor: () => orchestrator,
    followUp: followUpWith(toolRegistry(parts.tools)),
    rca: rcaStoreFor(serve.rca, serve.rca.s3 ? { s3Client: createAwsClients().s3 } : {}) ?? undefined,
    log: parts.log,
  });
}

/** The webhook app whose deliveries the worker takes (only the sys_id is read of each). */
export function intakeWebhookApp(
  worker: IntakeWorker,
  serve: ServeConfig,
  auth: WebhookAuth,
  onInternalError?: (error: unknown) => void,
) {
  return createWebhookApp({
    auth,
    maxBodyBytes: serve.webhook.max_body_bytes,
    accept: (incident) => worker.submit(incident.sys_id),
    ...(onInternalError ? { onInternalError } : {}),
  });
}
