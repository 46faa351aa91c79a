/**
 * Turns the failures a data-lake tool meets in the world (AWS service errors after the SDK's own
 * retries, Airflow API errors, an unreachable endpoint) into a ToolError value the agent can reason
 * about. Anything else (a bug, bad input) is not mapped: it should surface as the exception it is.
 */
import { safeLine } from "../safety/index.js";
import { AirflowApiError } from "./mwaa/airflow-client.js";
import type { ToolError } from "./schemas.js";

const MAX_MESSAGE = 500;
/** Node system error codes of a connection that failed, after the SDK's retries. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

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
    return toolError(error.name || "UnknownError", error.message, status);
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return toolError(code, error.message, null);
  if (error.name === "TimeoutError") return toolError("TimeoutError", error.message, null);
  return null;
}

export function toolError(code: string, message: string, httpStatus: number | null): ToolError {
  return {
    error: {
      code: sanitise(code).slice(0, 100) || "UnknownError",
      message: sanitise(message),
      http_status: httpStatus,
    },
  };
}

/**
 * One line of plain text, no longer than MAX_MESSAGE: control characters and anything that looks
 * like a credential are removed before the message reaches a model, a ticket or a log. The rules
 * are src/safety's, the same as for every other text that leaves the agent.
 */
export function sanitise(message: string): string {
  return safeLine(message, MAX_MESSAGE);
}
