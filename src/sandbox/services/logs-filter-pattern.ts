/**
 * CloudWatch Logs term filter patterns, matched case-insensitively (a sandbox simplification: the
 * real service is case-sensitive). `ERROR Exception` needs both terms, `?ERROR ?WARN` either,
 * `-DEBUG` excludes, `"exact phrase"` is one term. JSON (`{ $.level = ... }`) and space-delimited
 * (`[ip, user, ...]`) patterns are not emulated and are refused rather than silently matched.
 */
import { InvalidInputError } from "../protocols/aws-json.js";

export type LogEventMatcher = (message: string) => boolean;

const TERM = /([?-]?)(?:"([^"]*)"|(\S+))/g;

export function compileFilterPattern(pattern: string | undefined): LogEventMatcher {
  const trimmed = pattern?.trim() ?? "";
  if (trimmed === "") return () => true;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    throw new InvalidInputError(`The sandbox emulates term filter patterns only, not: ${trimmed}`);
  }
  const required: string[] = [];
  const anyOf: string[] = [];
  const excluded: string[] = [];
  for (const match of trimmed.matchAll(TERM)) {
    const term = (match[2] ?? match[3] ?? "").toLowerCase();
    if (term === "") continue;
    if (match[1] === "?") anyOf.push(term);
    else if (match[1] === "-") excluded.push(term);
    else required.push(term);
  }
  return (message) => {
    const text = message.toLowerCase();
    return (
      required.every((term) => text.includes(term)) &&
      (anyOf.length === 0 || anyOf.some((term) => text.includes(term))) &&
      !excluded.some((term) => text.includes(term))
    );
  };
}
