/**
 * Text that came from a server or a tool is data, not markup or instructions: before it goes into
 * an error message we strip control characters (terminal escapes, NULs, line breaks that could fake
 * log lines), collapse whitespace and cap the length.
 */
export const MAX_ERROR_MESSAGE_CHARS = 300;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

export function sanitizeMessage(text: string, maxChars: number = MAX_ERROR_MESSAGE_CHARS): string {
  const clean = text.replace(CONTROL_CHARS, " ").replace(/\s+/g, " ").trim();
  return clean.length > maxChars ? `${clean.slice(0, maxChars - 1)}…` : clean;
}
