import { loadConfigFile } from "../../config/load.js";
import { readJsonFile } from "../../io/read-json.js";
import { createOrchestrator, parseIncident } from "../../orchestrator.js";
import { loadScenarioFile, startSandboxSession } from "../../sandbox/session.js";
import { stageLine } from "../stage-line.js";

export interface RunCommandOptions {
  scenario?: string;
  config?: string;
  json?: boolean;
  dryRun?: boolean;
}

/** `run <incident.json>`: one incident through the graph, on the sandbox when a scenario is given, else on AWS. */
export async function runCommand(incidentPath: string, options: RunCommandOptions): Promise<void> {
  // Validate every input before anything starts.
  const incident = parseIncident(await readJsonFile(incidentPath, "incident"));
  const config = await loadConfigFile(options.config);
  if (options.dryRun) config.remediation.dry_run = true;
  const scenario = options.scenario ? await loadScenarioFile(options.scenario) : undefined;
  const session = scenario ? await startSandboxSession(scenario) : undefined;
  try {
    const orchestrator = createOrchestrator({ config, ...(session ? { tools: session.tools } : {}) });
    if (!options.json) {
      const where = session ? `sandbox ${session.sandbox.endpoint} (${options.scenario})` : "AWS";
      console.log(`Incident ${incident.number ?? incident.sys_id}: ${incident.short_description}\nTools on ${where}\n`);
    }
    const result = await orchestrator.orchestrate(incident, {
      onStage: options.json ? undefined : (event) => console.log(stageLine(event)),
    });
    console.log(options.json ? JSON.stringify(result, null, 2) : `\n${JSON.stringify(result, null, 2)}`);
  } finally {
    await session?.sandbox.close();
  }
}
