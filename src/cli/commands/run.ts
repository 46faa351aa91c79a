import pLimit from "p-limit";
import { loadConfigFile } from "../../config/load.js";
import { UserInputError } from "../../errors.js";
import { readIncidents } from "../../io/read-incidents.js";
import { createOrchestrator, ThreadBusyError, type Orchestrator } from "../../orchestrator.js";
import { loadScenarioFile } from "../../sandbox/session.js";
import type { Incident } from "../../state/incident.js";
import { batchLine, printOutcome } from "../outcome-lines.js";
import { printJson, printLine } from "../print.js";
import { withCliRunStore } from "../run-store.js";
import { stageLine } from "../stage-line.js";
import { cliRunOrigin } from "../run-origin.js";
import { openTools } from "../../compose/tools.js";
import { cliToolRequest } from "../tool-request.js";
import type { RunOrigin } from "../../state/run-context.js";

export interface RunCommandOptions {
  scenario?: string;
  config?: string;
  json?: boolean;
  dryRun?: boolean;
  inProcess?: boolean;
  thread?: string;
  concurrency?: string;
}

/**
 * `run <incident.json | incidents.jsonl>`: each incident on its own durable thread. A thread that
 * stopped mid-run continues; one that is paused or finished is reported, not run again.
 */
export async function runCommand(path: string, options: RunCommandOptions): Promise<void> {
  // Validate every input before anything starts.
  const { incidents, many } = await readIncidents(path);
  const config = await loadConfigFile(options.config);
  if (options.dryRun) config.remediation.dry_run = true;
  if (options.scenario) await loadScenarioFile(options.scenario);
  if (many && options.thread) throw new UserInputError("--thread names one thread: use it with one incident");
  const concurrency = parseConcurrency(options.concurrency);

  await withCliRunStore(async (store) => {
    const source = await openTools(cliToolRequest(options), config);
    try {
      const orchestrator = createOrchestrator({ config, tools: source.tools, store });
      const origin = cliRunOrigin(options);
      if (many) await runBatch(orchestrator, incidents, concurrency, options.json === true, origin);
      else await runOne(orchestrator, incidents[0] as Incident, source.where, options, origin);
    } finally {
      await source.close();
    }
  });
}

async function runOne(
  orchestrator: Orchestrator,
  incident: Incident,
  where: string,
  options: RunCommandOptions,
  origin: RunOrigin,
) {
  if (!options.json) {
    printLine(`Incident ${incident.number ?? incident.sys_id}: ${incident.short_description}`);
    printLine(`Tools: ${where}`);
    printLine("");
  }
  const outcome = await orchestrator.run(incident, {
    threadId: options.thread,
    origin,
    onStage: options.json ? undefined : (event) => printLine(stageLine(event)),
  });
  printOutcome(outcome, options.json === true);
}

/** Many incidents, each on its own thread; one that cannot run is reported and the rest go on. */
async function runBatch(
  orchestrator: Orchestrator,
  incidents: Incident[],
  concurrency: number,
  json: boolean,
  origin: RunOrigin,
) {
  const limit = pLimit(concurrency);
  let failures = 0;
  await Promise.all(
    incidents.map((incident) =>
      limit(async () => {
        try {
          const outcome = await orchestrator.run(incident, { origin });
          if (json) {
            printJson({
              sys_id: incident.sys_id,
              thread_id: outcome.thread_id,
              status: outcome.status,
              decision: outcome.result.decision.decision,
            });
          } else {
            printLine(batchLine(incident.sys_id, outcome));
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // Another process is running it right now: it is being handled, once, and not by us.
          if (error instanceof ThreadBusyError) {
            if (json) printJson({ sys_id: incident.sys_id, thread_id: error.threadId, status: "busy" });
            else printLine(`${incident.sys_id}: skipped, ${message}`);
            return;
          }
          failures += 1;
          printLine(`incident-orchestrator: ${incident.sys_id}: ${message}`, "stderr");
        }
      }),
    ),
  );
  if (failures > 0) process.exitCode = 1;
}

function parseConcurrency(value: string | undefined): number {
  const parsed = Number(value ?? "1");
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 32) {
    throw new UserInputError("--concurrency must be a whole number from 1 to 32");
  }
  return parsed;
}
