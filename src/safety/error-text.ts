/**
 * Error text from a service, a tool or a thrown error, made safe to quote: one line, control
 * characters stripped, secrets redacted, capped (safeLine's rules). Each limit is named for the
 * text it bounds; they differ because the texts go to different places. Pure.
 */
import { safeLine } from "./text.js";

/**
 * A tool's error message (ToolError.message) as a tool returns it to the agent or to an MCP client:
 * the caller's only account of an AWS or Airflow failure, so the longest.
 */
export const TOOL_ERROR_MESSAGE_CHARS = 500;

/** A tool error's code (ToolError.code): an identifier such as "ThrottlingException", never prose. */
export const TOOL_ERROR_CODE_CHARS = 100;

/** The code of a tool error whose code was empty (or nothing but characters that were stripped). */
export const UNKNOWN_ERROR_CODE = "UnknownError";

/**
 * Error text the investigation quotes in a finding or a root cause: it shares a line of a work
 * note or a ticket with other evidence, so it is shorter than a tool's own message.
 */
export const INVESTIGATION_ERROR_CHARS = 300;

export function cleanErrorText(text: string, maxChars: number): string {
  return safeLine(text, maxChars);
}

/**
 * A tool error's code, cut hard at TOOL_ERROR_CODE_CHARS without an ellipsis: a code is matched by
 * name (tool-health.ts), so a long one stays a prefix of itself rather than gaining a "…".
 */
export function cleanErrorCode(code: string): string {
  return cleanErrorText(code, TOOL_ERROR_MESSAGE_CHARS).slice(0, TOOL_ERROR_CODE_CHARS) || UNKNOWN_ERROR_CODE;
}
