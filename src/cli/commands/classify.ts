import { classifierFor } from "../../compose/agents.js";
import { loadConfigFile } from "../../config/load.js";
import { readIncidents } from "../../io/read-incidents.js";
import { printJson, printLine } from "../print.js";

/** `classify <file>`: one incident (.json) or many (.jsonl, one result line each). */
export async function classifyCommand(path: string, options: { json?: boolean; config?: string }): Promise<void> {
  const { incidents, many } = await readIncidents(path);
  const classifier = classifierFor((await loadConfigFile(options.config)).agents);
  for (const incident of incidents) {
    const output = await classifier.classify(incident);
    if (options.json || many) {
      printJson({ sys_id: incident.sys_id, ...output });
    } else {
      // Reasoning and entities quote the ticket: each is printed as the one line it is.
      printLine(`intent:     ${output.intent}`);
      printLine(`confidence: ${output.confidence.toFixed(2)}`);
      printLine(`reasoning:  ${output.reasoning}`);
      const entities = Object.entries(output.entities).filter(([, value]) => value !== undefined);
      printLine(`entities:   ${entities.length ? "" : "(none)"}`);
      for (const [key, value] of entities) printLine(`  ${key}: ${String(value)}`);
    }
  }
}
