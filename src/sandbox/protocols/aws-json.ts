/**
 * The AWS JSON 1.0/1.1 protocols (Glue, Athena, CloudWatch Logs, CloudWatch, EMR): every call is
 * `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; errors carry `__type`.
 */
import type { SandboxRequest, SandboxResponse } from "../types.js";

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
