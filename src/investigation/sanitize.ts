/**
 * Text that came from a server or a tool is data, not markup or instructions: before it goes into
 * an error message or a finding it loses its control characters and escape sequences (terminal
 * escapes, NULs, line breaks that could fake log lines), its secrets are redacted, whitespace is
 * collapsed and the length capped. One set of rules for the whole agent: src/safety.
 */
import { safeLine } from "../safety/index.js";

export const MAX_ERROR_MESSAGE_CHARS = 300;

export function sanitizeMessage(text: string, maxChars: number = MAX_ERROR_MESSAGE_CHARS): string {
  return safeLine(text, maxChars);
}
