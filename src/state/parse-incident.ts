import { parseOrThrow } from "../errors.js";
import { assertWithinBounds } from "../safety/bounds.js";
import { IncidentSchema, type Incident } from "./incident.js";

/** An incident from outside (a file, a caller), validated: a bad one is a one-line UserInputError naming the field. */
export function parseIncident(input: unknown): Incident {
  // On the raw value: zod would drop a `__proto__` key without a word.
  assertWithinBounds(input, "incident");
  return parseOrThrow(IncidentSchema, input, "incident");
}
