import { deterministicClassifier } from "../../classifier/index.js";
import { readJsonFile, readJsonLines } from "../../io/read-json.js";
import { parseIncident } from "../../orchestrator.js";
import { UserInputError } from "../../errors.js";

/** `classify <file>`: one incident (.json) or many (.jsonl, one result line each). */
export async function classifyCommand(path: string, options: { json?: boolean }): Promise<void> {
  const many = path.endsWith(".jsonl");
  const inputs = many ? await readJsonLines(path, "incidents") : [await readJsonFile(path, "incident")];
  const incidents = inputs.map((input, index) => {
    try {
      // A .jsonl line may be an incident or an eval case ({ incident: … }).
      const candidate = many && isRecord(input) && isRecord(input.incident) ? input.incident : input;
      return parseIncident(candidate);
    } catch (error) {
      throw many && error instanceof UserInputError ? new UserInputError(`line ${index + 1}: ${error.message}`) : error;
    }
  });
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
