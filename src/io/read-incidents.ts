import { UserInputError } from "../errors.js";
import { parseIncident } from "../state/parse-incident.js";
import { assertWithinBounds } from "../safety/bounds.js";
import type { Incident } from "../state/incident.js";
import { readJsonFile, readJsonLines } from "./read-json.js";

/**
 * The incidents in a file: one (.json) or many (.jsonl; a line may be an incident or an eval case
 * `{ incident: … }`). Every one is validated before any runs; a bad line is named by its number.
 * The input limits are checked on the value as parsed from the file, before zod sees it (zod drops
 * `__proto__` keys without a word; here they are an error like any other).
 */
export async function readIncidents(path: string): Promise<{ incidents: Incident[]; many: boolean }> {
  const many = path.endsWith(".jsonl");
  const inputs = many ? await readJsonLines(path, "incidents") : [await readJsonFile(path, "incident")];
  const incidents = inputs.map((input, index) => {
    try {
      const candidate = many && isRecord(input) && isRecord(input.incident) ? input.incident : input;
      assertWithinBounds(candidate, "incident");
      return parseIncident(candidate);
    } catch (error) {
      throw many && error instanceof UserInputError ? new UserInputError(`line ${index + 1}: ${error.message}`) : error;
    }
  });
  return { incidents, many };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
