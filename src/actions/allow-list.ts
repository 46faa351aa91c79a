/**
 * Allow-list matching for remediation targets.
 *
 * Patterns are deliberately tiny globs: `*` matches any run of characters (including none) and
 * every other character matches only itself. No `?`, no classes, no regex: an operator writing
 * `etl-*.daily` must get exactly what they read, so every regex metacharacter is escaped.
 * Matching is whole-string and case-sensitive (AWS resource names are case-sensitive).
 */

const REGEX_METACHARACTERS = /[\\^$.*+?()[\]{}|]/g;

function escapeForRegex(literal: string): string {
  return literal.replace(REGEX_METACHARACTERS, "\\$&");
}

/** Turns one glob into an anchored regular expression; `s` so `*` also spans newlines. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.split("*").map(escapeForRegex).join(".*");
  return new RegExp(`^${body}$`, "s");
}

/** True when `id` matches at least one pattern. An empty list allows nothing. */
export function matchesAllowList(id: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(id));
}
