/**
 * Finds the catalogue signature a failure line carries. PURE (the RegExp cache is an
 * optimisation only: the same signature always compiles to the same expression).
 *
 * Types win over patterns: an error's own type or code is structure the line states outright,
 * whereas a phrase may also appear in a message about something else. Patterns are matched
 * against the MASKED line, so words inside quoted data (a value that failed to parse, a file
 * name) never match. Lines of program source quoted in a stack trace name the code that ran, not
 * what happened, so they never match.
 */
import type { FailureLine } from "../failure-text.js";
import type { Signature } from "./schema.js";

/**
 * One compiled expression per signature object; null for a signature without a pattern. Keyed
 * weakly so a catalogue that is dropped (a reloaded user config) does not stay alive here.
 */
const compiled = new WeakMap<Signature, RegExp | null>();

function patternOf(signature: Signature): RegExp | null {
  const cached = compiled.get(signature);
  if (cached !== undefined) return cached;
  // No `g` or `y` flag (the schema forbids them), so `test` keeps no state between lines.
  const regex = signature.pattern === undefined ? null : new RegExp(signature.pattern, signature.flags);
  compiled.set(signature, regex);
  return regex;
}

/**
 * The first signature whose types intersect the line's types, else the first whose pattern
 * matches the masked line, else undefined. Order the catalogue most-specific first.
 */
export function matchSignature(line: FailureLine, signatures: readonly Signature[]): Signature | undefined {
  if (line.source) return undefined;
  if (line.types.length > 0) {
    const typed = signatures.find((signature) => signature.types.some((type) => line.types.includes(type)));
    if (typed !== undefined) return typed;
  }
  return signatures.find((signature) => patternOf(signature)?.test(line.masked) === true);
}

/**
 * Every type the signatures name: readFailureLine's known types, so they are read wherever they stand.
 * Takes parsed signatures and raw catalogue entries alike (`types` is optional before parsing); the
 * required `id` keeps this from being a weak type, which TypeScript would refuse entries without
 * `types` for.
 */
export function signatureTypes(
  signatures: readonly { readonly id: string; readonly types?: readonly string[] | undefined }[],
): ReadonlySet<string> {
  return new Set(signatures.flatMap((signature) => signature.types ?? []));
}
