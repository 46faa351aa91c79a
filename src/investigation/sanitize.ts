/**
 * Text that came from a server or a tool is data, not markup or instructions: before it goes into
 * an error message or a finding it loses its control characters and escape sequences (terminal
 * escapes, NULs, line breaks that could fake log lines), its secrets are redacted, whitespace is
 * collapsed and the length capped. One rule for all error text: src/safety/error-text.ts.
 */
import { INVESTIGATION_ERROR_CHARS, cleanErrorText } from "../safety/error-text.js";

export const MAX_ERROR_MESSAGE_CHARS = INVESTIGATION_ERROR_CHARS;

export function sanitizeMessage(text: string, maxChars: number = MAX_ERROR_MESSAGE_CHARS): string {
  return cleanErrorText(text, maxChars);
}
