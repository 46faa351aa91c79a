/**
 * A Table API call that failed: the HTTP status (null when no answer came: a network error or a
 * timeout), and the instance's own `error.message` and `error.detail`. Its message is one line, and
 * never carries credentials.
 */
import { z } from "zod";

/** The instance's error body: `{"error":{"message","detail"},"status":"failure"}`. */
export const TableApiErrorBodySchema = z.object({
  error: z.object({ message: z.string().nullish(), detail: z.string().nullish() }),
  status: z.string().optional(),
});

export type ServiceNowFailure = "http" | "network" | "timeout";

export class ServiceNowError extends Error {
  override readonly name = "ServiceNowError";

  constructor(
    readonly failure: ServiceNowFailure,
    readonly status: number | null,
    /** The request, e.g. "PATCH /api/now/table/incident/<sys_id>" (no query string: it may hold ticket text). */
    readonly request: string,
    readonly instanceMessage: string | undefined,
    readonly detail: string | undefined,
    /** Seconds the instance asked to wait (Retry-After), when it did. */
    readonly retryAfterS?: number,
  ) {
    const said = [instanceMessage, detail].filter((part) => part !== undefined && part.trim() !== "").join(": ");
    const what = failure === "http" ? `HTTP ${status}` : failure;
    super(oneLine(`ServiceNow ${request}: ${what}${said ? ` — ${said}` : ""}`));
  }
}

/** Whitespace runs (the data policy's "\n\t" included) as single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The error a non-2xx answer stands for, with the instance's message when the body has one. */
export function errorFromResponse(
  request: string,
  status: number,
  bodyText: string,
  retryAfterS: number | undefined,
): ServiceNowError {
  let message: string | undefined;
  let detail: string | undefined;
  try {
    const parsed = TableApiErrorBodySchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) {
      message = parsed.data.error.message ?? undefined;
      detail = parsed.data.error.detail ?? undefined;
    }
  } catch {
    // Not JSON: a load balancer's page. The status says enough; its HTML would not be one line.
  }
  return new ServiceNowError("http", status, request, message, detail, retryAfterS);
}
