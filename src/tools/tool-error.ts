/**
 * Turns the failures a data-lake tool meets in the world (AWS service errors after the SDK's own
 * retries, Airflow API errors, an unreachable endpoint) into a ToolError value the agent can reason
 * about. Anything else (a bug, bad input) is not mapped: it should surface as the exception it is.
 */
import { UNKNOWN_ERROR_CODE, TOOL_ERROR_MESSAGE_CHARS, cleanErrorCode, cleanErrorText } from "../safety/error-text.js";
import { AirflowApiError } from "./mwaa/airflow-client.js";
import type { ToolError } from "./schemas.js";

/**
 * Node system error codes of a connection that failed, after the SDK's retries: a thrown error with
 * one of these becomes a ToolError instead of surfacing as an exception. Not the same set as
 * tool-health.ts UNREACHABLE_CODES, on purpose: that one judges a ToolError already made (does it
 * mean the agent cannot see?), this one decides which thrown errors are failures of the world at
 * all. So ETIMEDOUT is here (a connection that timed out is the world's failure, not a bug) but not
 * there (a slow service answered nothing about being unreachable; like a throttle it is left to the
 * analysis), and the MCP codes and EHOSTUNREACH/ENETUNREACH are there only.
 */
const CONNECTION_FAILURE_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

export function toToolError(error: unknown): ToolError | null {
  if (error instanceof AirflowApiError) {
    const message = `${error.method} ${error.path}: ${error.title}${error.detail ? `: ${error.detail}` : ""}`;
    return toolError("AirflowApiError", message, error.status);
  }
  if (!(error instanceof Error)) return null;
  // Every AWS SDK v3 service error carries $metadata; its name is the service's error code.
  // (Duck-typed: each client package, and the older MWAA one, has its own ServiceException class.)
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  if (metadata !== null && typeof metadata === "object") {
    const status = typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : null;
    return toolError(error.name || UNKNOWN_ERROR_CODE, error.message, status);
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && CONNECTION_FAILURE_CODES.has(code)) return toolError(code, error.message, null);
  if (error.name === "TimeoutError") return toolError("TimeoutError", error.message, null);
  return null;
}

export function toolError(code: string, message: string, httpStatus: number | null): ToolError {
  return {
    error: {
      code: cleanErrorCode(code),
      message: sanitise(message),
      http_status: httpStatus,
    },
  };
}

/**
 * One line of plain text, no longer than TOOL_ERROR_MESSAGE_CHARS: control characters and anything
 * that looks like a credential are removed before the message reaches a model, a ticket or a log.
 * The rule is src/safety/error-text.ts's, shared with the investigation's own error text.
 */
export function sanitise(message: string): string {
  return cleanErrorText(message, TOOL_ERROR_MESSAGE_CHARS);
}
