/**
 * The embedded AWS sandbox: one HTTP server on loopback that emulates Glue, Athena, CloudWatch Logs,
 * CloudWatch, EMR, S3, MWAA and MWAA's Airflow webserver at the wire level. Point the AWS SDK at it
 * with the standard endpoint override (AWS_ENDPOINT_URL) and the real clients run unchanged.
 * A scenario with a `servicenow` section also gets the ServiceNow emulator, on a port of its own
 * (its Table API paths are not AWS's, and a client configured with an instance URL expects the
 * instance at that URL's root).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { FaultInjector, seededRandom } from "./faults.js";
import { ScenarioSchema, type ScenarioInput } from "./scenario.js";
import { createAirflowEmulator } from "./services/airflow.js";
import { createAthenaEmulator } from "./services/athena.js";
import { createCloudWatchEmulator } from "./services/cloudwatch.js";
import { createEmrEmulator } from "./services/emr.js";
import { createGlueEmulator } from "./services/glue.js";
import { createLogsEmulator } from "./services/logs.js";
import { createMwaaEmulator } from "./services/mwaa.js";
import { createS3Emulator } from "./services/s3.js";
import { startServiceNowEmulator, type ServiceNowEmulator } from "./servicenow/server.js";
import type {
  CallRecord,
  EmulatorContext,
  EmulatorFactory,
  SandboxRequest,
  SandboxResponse,
  SandboxService,
  ServiceEmulator,
} from "./types.js";

export interface SandboxOptions {
  scenario: ScenarioInput;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Observes each request as it arrives, before faults and the answer (tests time events with it). */
  onRequest?: (request: { service: SandboxService; operation: string }) => void;
}

export interface Sandbox {
  /** Base URL, e.g. http://127.0.0.1:43121: the value for AWS_ENDPOINT_URL. */
  readonly endpoint: string;
  readonly region: string;
  /** Every request answered so far, in order. */
  readonly calls: readonly CallRecord[];
  /** The ServiceNow emulator, when the scenario has a `servicenow` section; undefined otherwise. */
  readonly servicenow: SandboxServiceNow | undefined;
  /**
   * Environment variables that point the AWS SDK's standard configuration at the sandbox, and
   * SERVICENOW_INSTANCE_URL at the ServiceNow emulator when it runs. No ServiceNow credentials:
   * those are the scenario's users and OAuth clients, chosen by whoever configures the client.
   */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** What a sandbox user needs of the ServiceNow emulator; the sandbox alone closes it. */
export type SandboxServiceNow = Pick<ServiceNowEmulator, "url" | "faults" | "requests">;

/** The instance URL a sandbox's env() carries (the client's config takes the URL as `instance_url`). */
export const SERVICENOW_INSTANCE_URL_ENV = "SERVICENOW_INSTANCE_URL";

const FACTORIES: Record<SandboxService, EmulatorFactory> = {
  glue: createGlueEmulator,
  athena: createAthenaEmulator,
  logs: createLogsEmulator,
  cloudwatch: createCloudWatchEmulator,
  emr: createEmrEmulator,
  s3: createS3Emulator,
  mwaa: createMwaaEmulator,
  airflow: createAirflowEmulator,
};

/** SigV4 signing names, read from the Authorization header's credential scope. */
const SIGNING_NAMES: Record<string, SandboxService> = {
  glue: "glue",
  athena: "athena",
  logs: "logs",
  monitoring: "cloudwatch",
  elasticmapreduce: "emr",
  s3: "s3",
  airflow: "mwaa",
};

export function serviceOf(method: string, url: URL, authorization: string | undefined): SandboxService | null {
  // Airflow's webserver (login and REST API) is plain HTTP with a session cookie, not SigV4.
  if (url.pathname.startsWith("/aws_mwaa/") || url.pathname.startsWith("/api/v1/")) return "airflow";
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  return scope?.[1] ? (SIGNING_NAMES[scope[1]] ?? null) : null;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const scenario = ScenarioSchema.parse(options.scenario);
  const random = seededRandom(scenario.seed);
  const startedAt = Date.now();
  const scenarioNow = scenario.now ? Date.parse(scenario.now) : undefined;
  let endpoint = "";
  const context: EmulatorContext = {
    now: () => new Date(scenarioNow === undefined ? Date.now() : scenarioNow + (Date.now() - startedAt)),
    random,
    endpoint: () => endpoint,
  };
  const emulators = new Map<SandboxService, ServiceEmulator>();
  for (const [service, factory] of Object.entries(FACTORIES) as [SandboxService, EmulatorFactory][]) {
    emulators.set(service, factory(scenario, context));
  }
  const faults = new FaultInjector(scenario.faults, random);
  const calls: CallRecord[] = [];

  const server = createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => {
      send(res, { status: 500, body: `sandbox error: ${error instanceof Error ? error.message : String(error)}` });
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", endpoint);
    const method = req.method ?? "GET";
    const service = serviceOf(method, url, req.headers.authorization);
    const emulator = service ? emulators.get(service) : undefined;
    if (!service || !emulator) {
      send(res, { status: 400, body: "sandbox: cannot tell which AWS service this request is for" });
      return;
    }
    const request: SandboxRequest = { service, method, url, headers: req.headers, body };
    const operation = emulator.operation(request);
    options.onRequest?.({ service, operation });
    let fault: CallRecord["fault"] = null;
    let response: SandboxResponse | undefined;
    for (const injected of faults.draw(service, operation)) {
      fault = injected.kind;
      if (injected.kind === "latency") {
        await delay(injected.latency_ms);
      } else if (injected.kind === "throttle") {
        response = emulator.error(429, "ThrottlingException", "Rate exceeded (injected by the sandbox)");
        break;
      } else {
        response = emulator.error(503, "ServiceUnavailable", "Service unavailable (injected by the sandbox)");
        break;
      }
    }
    response ??= await emulator.handle(request);
    calls.push({ service, operation, status: response.status, fault, at: Date.now() });
    send(res, response);
  }

  // Started first, so a seed the emulator refuses (a group member who is no user) leaves nothing running.
  const servicenow = scenario.servicenow
    ? await startServiceNowEmulator({ seed: scenario.servicenow, now: context.now, port: 0 })
    : undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
    });
  } catch (error) {
    await servicenow?.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  endpoint = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    endpoint,
    region: scenario.region,
    calls,
    servicenow: servicenow && { url: servicenow.url, faults: servicenow.faults, requests: servicenow.requests },
    env: () => ({
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: scenario.region,
      AWS_ACCESS_KEY_ID: "sandbox",
      AWS_SECRET_ACCESS_KEY: "sandbox",
      ...(servicenow ? { [SERVICENOW_INSTANCE_URL_ENV]: servicenow.url } : {}),
    }),
    close: async () => {
      const closing = new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      // Both are closed even when one fails to; the first failure is reported.
      const results = await Promise.allSettled([closing, servicenow?.close()]);
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, response: SandboxResponse): void {
  res.writeHead(response.status, response.headers ?? {});
  res.end(response.body ?? "");
}
