/** A failed AWS read as one line for a refusal message: the ToolError code and message when it is one. */
import { toToolError } from "../tools/tool-error.js";

export function describeReadFailure(error: unknown): string {
  const known = toToolError(error);
  if (known) return `${known.error.code}: ${known.error.message}`;
  return error instanceof Error ? error.message : String(error);
}
