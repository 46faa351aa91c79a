import { openTools } from "../../compose/tools.js";
import { loadConfigFile } from "../../config/load.js";
import { UserInputError } from "../../errors.js";
import { composeIntakeWorker, intakeWebhookApp } from "../../intake/compose.js";
import { passLine, serveLoop } from "../../intake/loop.js";
import { createServiceNowClient } from "../../servicenow/client.js";
import { readServiceNowCredentials } from "../../servicenow/config.js";
import { webhookAuthFromEnv } from "../../webhook/config.js";
import { startWebhookServer, type WebhookServer } from "../../webhook/server.js";
import { printLine } from "../print.js";
import { withCliRunStore } from "../run-store.js";
import { cliToolRequest } from "../tool-request.js";

export interface ServeOptions {
  config?: string;
  scenario?: string;
  inProcess?: boolean;
  once?: boolean;
  webhook?: string;
  host?: string;
}

/**
 * `serve`: works the ServiceNow queue the config's `serve` section names (docs/servicenow.md):
 * polls, claims, runs, writes back, answers reviews from the ticket; with `--webhook <port>` also
 * takes incidents a business rule pushes. SIGTERM or SIGINT: no new ticket is started, what is in
 * flight finishes and is written back, and it exits 0.
 */
export async function serveCommand(options: ServeOptions): Promise<void> {
  const config = await loadConfigFile(options.config);
  const serve = config.serve;
  if (!serve)
    throw new UserInputError("serve: the config has no `serve` section (docs/servicenow.md says what it holds)");
  const port = options.webhook === undefined ? undefined : parsePort(options.webhook);
  if (port !== undefined && options.once)
    throw new UserInputError("--once makes one pass and exits: it cannot serve --webhook");
  const auth = port === undefined ? undefined : webhookAuthFromEnv(serve.webhook, process.env);
  const client = createServiceNowClient({
    config: serve.servicenow,
    credentials: readServiceNowCredentials(serve.servicenow, process.env),
  });

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) return;
    printLine(`serve: ${signal}: starting no new ticket; finishing the ones in flight`, "stderr");
    stop.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  try {
    await withCliRunStore(async (store) => {
      const source = await openTools(cliToolRequest(options), config);
      let webhook: WebhookServer | undefined;
      try {
        const worker = await composeIntakeWorker({
          config,
          serve,
          client,
          tools: source.tools,
          store,
          log: (line) => printLine(`serve: ${line}`, "stderr"),
        });
        printLine(
          `serve: ${serve.servicenow.instance_url}, group ${serve.intake.assignment_group}, every ${serve.intake.poll_interval_s} s; tools ${source.where}; runs in ${store.location}`,
          "stderr",
        );
        if (port !== undefined && auth) {
          const app = intakeWebhookApp(worker, serve, auth, (error) =>
            printLine(`serve: webhook: ${error instanceof Error ? error.message : String(error)}`, "stderr"),
          );
          webhook = await startWebhookServer(app, { port, host: options.host ?? "127.0.0.1" });
          printLine(`serve: webhook on ${webhook.url}/servicenow/incidents`, "stderr");
        }
        await serveLoop(worker, {
          intervalMs: serve.intake.poll_interval_s * 1_000,
          once: options.once === true,
          signal: stop.signal,
          onPass: (report) => printLine(`serve: ${passLine(report)}`, "stderr"),
          onPassError: (error) =>
            printLine(
              `serve: pass failed, next pass tries again: ${error instanceof Error ? error.message : String(error)}`,
              "stderr",
            ),
        });
        await webhook?.close();
        webhook = undefined;
        await worker.settle();
      } finally {
        await webhook?.close();
        await source.close();
      }
    });
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  }
  printLine("serve: stopped", "stderr");
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UserInputError("--webhook must be a port number (0 picks a free one)");
  return port;
}
