import { deterministicClassifier } from "../../classifier/index.js";
import { readIncidents } from "../../io/read-incidents.js";

/** `classify <file>`: one incident (.json) or many (.jsonl, one result line each). */
export async function classifyCommand(path: string, options: { json?: boolean }): Promise<void> {
  const { incidents, many } = await readIncidents(path);
  for (const incident of incidents) {
    const output = await deterministicClassifier.classify(incident);
    if (options.json || many) {
      console.log(JSON.stringify({ sys_id: incident.sys_id, ...output }));
    } else {
      console.log(`intent:     ${output.intent}`);
      console.log(`confidence: ${output.confidence.toFixed(2)}`);
      console.log(`reasoning:  ${output.reasoning}`);
      const entities = Object.entries(output.entities).filter(([, value]) => value !== undefined);
      console.log(`entities:   ${entities.length ? "" : "(none)"}`);
      for (const [key, value] of entities) console.log(`  ${key}: ${value}`);
    }
  }
}
