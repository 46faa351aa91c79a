/**
 * Allow-list matching for remediation targets.
 *
 * Patterns are deliberately tiny globs: `*` matches any run of characters (including none) and
 * every other character matches only itself. No `?`, no classes, no regex: an operator writing
 * `etl-*.daily` must get exactly what they read. Matching is whole-string and case-sensitive (AWS
 * resource names are case-sensitive).
 *
 * The matcher is the classic two-pointer wildcard match, not a regular expression: a pattern
 * compiled to `^a.*a.*…b$` backtracks combinatorially (5 `*` against 200 characters took 8.5 s),
 * and both the patterns (config) and the ids (ticket-derived, MCP-client-supplied) are inputs.
 */

const STAR = 0x2a; // "*"

/**
 * True when `id` matches the glob `pattern` as a whole. O(pattern × id) in the worst case, usually
 * linear: on a mismatch only the last `*` is retried one character further on, because any earlier
 * `*` could only take characters the last one can take just as well.
 */
export function matchesGlob(pattern: string, id: string): boolean {
  let p = 0;
  let s = 0;
  /** Index in `pattern` of the last `*` seen, and where in `id` its run currently ends. */
  let star = -1;
  let starEnd = 0;
  while (s < id.length) {
    const code = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (code === STAR) {
      star = p;
      starEnd = s;
      p += 1;
    } else if (code === id.charCodeAt(s)) {
      p += 1;
      s += 1;
    } else if (star !== -1) {
      // Let the last `*` take one more character, and match the rest of the pattern from there.
      starEnd += 1;
      s = starEnd;
      p = star + 1;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p += 1;
  return p === pattern.length;
}

/** True when `id` matches at least one pattern. An empty list allows nothing. */
export function matchesAllowList(id: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesGlob(pattern, id));
}
