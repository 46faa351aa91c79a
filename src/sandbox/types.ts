import type { IncomingHttpHeaders } from "node:http";
import type { Scenario } from "./scenario.js";

/** Which emulated service a request is for (Airflow's webserver is reached through MWAA). */
export type SandboxService = "glue" | "athena" | "logs" | "cloudwatch" | "emr" | "s3" | "mwaa" | "airflow";

export interface SandboxRequest {
  readonly service: SandboxService;
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One emulated AWS service, speaking that service's wire protocol. */
export interface ServiceEmulator {
  readonly service: SandboxService;
  /** The API operation a request names (GetJobRuns, ListObjectsV2, "GET /api/v1/dags/{dag_id}/dagRuns"...), for faults and the call log. */
  operation(request: SandboxRequest): string;
  handle(request: SandboxRequest): Promise<SandboxResponse> | SandboxResponse;
  /** An error in this service's protocol (used for injected faults as well as real ones). */
  error(status: number, code: string, message: string): SandboxResponse;
}

/** What every emulator may use besides its slice of the scenario. */
export interface EmulatorContext {
  /** The scenario's clock: `scenario.now` (advancing with real time), or real time. */
  now(): Date;
  /** Seeded randomness (scenario.seed). */
  random(): number;
  /** The sandbox's base URL, e.g. http://127.0.0.1:43121 (known once it listens). */
  endpoint(): string;
}

export type EmulatorFactory = (scenario: Scenario, context: EmulatorContext) => ServiceEmulator;

/** One request the sandbox answered, for tests, the benchmark and debugging. */
export interface CallRecord {
  service: SandboxService;
  operation: string;
  status: number;
  fault: "throttle" | "server_error" | "latency" | null;
  at: number;
}
