/**
 * The webhook app the LangGraph server mounts (langgraph.json `http.app`): `POST
 * /servicenow/incidents` on the server's own port, answering as `serve --webhook` does
 * (src/webhook/app.ts). It is composed from the environment the deployed graph reads
 * (INCIDENT_ORCHESTRATOR_CONFIG, whose `serve` section it needs; INCIDENT_ORCHESTRATOR_SCENARIO;
 * INCIDENT_ORCHESTRATOR_TOOLS; DATABASE_URL) on the first request, so a server without a `serve`
 * section still starts, and answers this path 503 saying why.
 *
 * Pushed incidents run in this process on the run store's own threads, like `serve`'s (not as
 * runs of the server's queue): docs/servicenow.md says so and what that means for Studio.
 */
import { Hono } from "hono";
import { loadConfigFile } from "../config/load.js";
import { logMcpRestart, openTools } from "../compose/tools.js";
import { deployedTransport } from "../compose/deployed.js";
import { createServiceNowClient } from "../servicenow/client.js";
import { readServiceNowCredentials } from "../servicenow/config.js";
import { openRunStoreFromEnv } from "../store/from-env.js";
import { INCIDENTS_PATH } from "../webhook/app.js";
import { webhookAuthFromEnv } from "../webhook/config.js";
import type { Env } from "../io/env.js";
import { composeIntakeWorker, intakeWebhookApp } from "./compose.js";

export async function composeWebhookApp(env: Env = process.env): Promise<Hono> {
  const config = await loadConfigFile(env.INCIDENT_ORCHESTRATOR_CONFIG || undefined);
  const serve = config.serve;
  if (!serve) throw new Error("the config has no `serve` section: the webhook is not configured");
  const auth = webhookAuthFromEnv(serve.webhook, env);
  const client = createServiceNowClient({
    config: serve.servicenow,
    credentials: readServiceNowCredentials(serve.servicenow, env),
  });
  const scenario = env.INCIDENT_ORCHESTRATOR_SCENARIO || undefined;
  const tools = await openTools(
    { ...(scenario ? { scenario } : {}), transport: deployedTransport(env), onRestart: logMcpRestart, env },
    config,
  );
  const store = await openRunStoreFromEnv(env);
  const worker = await composeIntakeWorker({ config, serve, client, tools: tools.tools, store });
  return intakeWebhookApp(worker, serve, auth);
}

let composed: Promise<Hono> | undefined;

/** What langgraph.json mounts: the composed app, made on first use. */
export const app = new Hono();
app.all(`${INCIDENTS_PATH}`, async (c) => {
  composed ??= composeWebhookApp();
  try {
    return await (await composed).fetch(c.req.raw);
  } catch (error) {
    // Composition failed (no serve section, no secret): one line, and the next request tries again.
    composed = undefined;
    return c.json({ error: `webhook unavailable: ${error instanceof Error ? error.message : String(error)}` }, 503);
  }
});
