/** Small pure conversions shared by the tool implementations. */

/** ISO-8601 string of an SDK timestamp, or null when absent. */
export function isoOrNull(value: Date | undefined | null): string | null {
  return value ? value.toISOString() : null;
}

/** Text split into lines without the trailing empty line a final newline leaves. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The last `count` lines of a text (where a failing task writes its error). */
export function lastLines(text: string, count: number): string[] {
  return count <= 0 ? [] : splitLines(text).slice(-count);
}

/** The first `count` lines of a text. */
export function firstLines(text: string, count: number): string[] {
  return count <= 0 ? [] : splitLines(text).slice(0, count);
}

/** True when an AWS SDK error is the service saying the named resource does not exist. */
export function isAwsErrorNamed(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
