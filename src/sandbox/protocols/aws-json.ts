/**
 * The AWS JSON 1.0/1.1 protocols (Glue, Athena, CloudWatch Logs, CloudWatch, EMR): every call is
 * `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; errors carry `__type`.
 */
import { z } from "zod";
import type { SandboxRequest, SandboxResponse, SandboxService, ServiceEmulator } from "../types.js";

export function awsJsonOperation(request: SandboxRequest): string {
  const target = request.headers["x-amz-target"];
  const value = Array.isArray(target) ? target[0] : target;
  return value?.split(".").pop() ?? "Unknown";
}

export function awsJsonBody(request: SandboxRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  const parsed: unknown = JSON.parse(request.body.toString("utf8"));
  return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
}

export function awsJsonResponse(version: "1.0" | "1.1", body: unknown, status = 200): SandboxResponse {
  return {
    status,
    headers: { "content-type": `application/x-amz-json-${version}`, "x-amzn-requestid": requestId() },
    body: JSON.stringify(body),
  };
}

export function awsJsonError(version: "1.0" | "1.1", status: number, code: string, message: string): SandboxResponse {
  return awsJsonResponse(version, { __type: code, message }, status);
}

/** JSON protocols send timestamps as epoch seconds. */
export function epochSeconds(iso: string | undefined | null): number | undefined {
  return iso ? Date.parse(iso) / 1000 : undefined;
}

let counter = 0;
export function requestId(): string {
  counter += 1;
  return `sandbox-${process.pid.toString(16)}-${counter.toString(16).padStart(8, "0")}`;
}

// ---------- Shared emulator scaffolding for the JSON protocols ----------

/** An AWS error raised by an operation handler; the emulator answers it in the protocol's error shape. */
export class AwsJsonServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra members of the error body (e.g. Athena's AthenaErrorCode). */
    readonly members: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** Malformed input (bad paging token, missing member...): answered with the service's validation error code. */
export class InvalidInputError extends Error {}

/** One operation: receives the parsed JSON body, returns the response body (or throws AwsJsonServiceError). */
export type AwsJsonHandler = (input: Record<string, unknown>) => unknown;

export interface AwsJsonEmulatorOptions {
  readonly service: SandboxService;
  readonly version: "1.0" | "1.1";
  readonly handlers: Readonly<Record<string, AwsJsonHandler>>;
  /** The service's code for invalid input (InvalidInputException, InvalidParameterException...). */
  readonly validationErrorCode: string;
  /**
   * awsQueryCompatible services (CloudWatch) also name the error in `x-amzn-query-error`, which
   * their SDK clients read before `__type`.
   */
  readonly queryCompatible?: boolean;
}

/** A ServiceEmulator for an AWS JSON protocol service from its operation handlers. */
export function createAwsJsonEmulator(options: AwsJsonEmulatorOptions): ServiceEmulator {
  const error = (status: number, code: string, message: string, members: Readonly<Record<string, unknown>> = {}) => {
    const response = awsJsonResponse(options.version, { __type: code, message, ...members }, status);
    if (options.queryCompatible) {
      response.headers = {
        ...response.headers,
        "x-amzn-query-error": `${code};${status < 500 ? "Sender" : "Receiver"}`,
      };
    }
    return response;
  };
  return {
    service: options.service,
    operation: awsJsonOperation,
    error,
    handle(request: SandboxRequest): SandboxResponse {
      const operation = awsJsonOperation(request);
      const handler = options.handlers[operation];
      if (!handler) return error(400, "UnknownOperationException", `Operation ${operation} is not emulated`);
      try {
        return awsJsonResponse(options.version, handler(awsJsonBody(request)) ?? {});
      } catch (thrown) {
        if (thrown instanceof AwsJsonServiceError)
          return error(thrown.status, thrown.code, thrown.message, thrown.members);
        if (thrown instanceof SyntaxError) return error(400, "SerializationException", thrown.message);
        if (thrown instanceof z.ZodError) return error(400, options.validationErrorCode, z.prettifyError(thrown));
        if (thrown instanceof InvalidInputError) return error(400, options.validationErrorCode, thrown.message);
        throw thrown;
      }
    },
  };
}

/** Epoch seconds (fractional) of a Date, the JSON protocols' timestamp format. */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** An input timestamp: the SDK sends Dates as epoch seconds. */
export const EpochSecondsInput = z.number().transform((seconds) => new Date(seconds * 1000));

/**
 * One page of `items` from an opaque token (the offset, base64) and a page size. The token of the
 * last page is undefined, as AWS omits it.
 */
export function paginate<T>(
  items: readonly T[],
  token: string | undefined,
  pageSize: number,
): { page: T[]; nextToken: string | undefined } {
  const start = token ? decodeOffset(token) : 0;
  const end = start + Math.max(1, pageSize);
  return { page: items.slice(start, end), nextToken: end < items.length ? encodeOffset(end) : undefined };
}

export function encodeOffset(offset: number): string {
  return Buffer.from(`offset:${offset}`, "utf8").toString("base64");
}

export function decodeOffset(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64").toString("utf8"));
  if (!match?.[1]) throw new InvalidInputError(`Invalid pagination token: ${token}`);
  return Number(match[1]);
}

/** `length` characters drawn from `alphabet` with the scenario's seeded random. */
export function randomChars(random: () => number, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)] ?? alphabet[0];
  return out;
}

export const HEX = "0123456789abcdef";
export const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
