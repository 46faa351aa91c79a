/**
 * Amazon MWAA over its REST-JSON protocol: GetEnvironment, ListEnvironments, CreateWebLoginToken and
 * CreateCliToken, seeded from `scenario.mwaa.environments`. The SDK puts "api." / "env." host
 * prefixes on these calls; clients pointed at the sandbox set `disableHostPrefix: true`, so every
 * call arrives at the sandbox's own host. The webserver hostname handed out is the sandbox's
 * host:port, where the Airflow emulator answers `/aws_mwaa/login` and `/api/v1/...`.
 */
import { requestId } from "../protocols/aws-json.js";
import type { Scenario } from "../scenario.js";
import type { EmulatorContext, SandboxRequest, SandboxResponse, ServiceEmulator } from "../types.js";
import { sessionRegistryFor } from "./mwaa-sessions.js";

type EnvironmentSeed = Scenario["mwaa"]["environments"][number];

const MAX_LIST_RESULTS = 25;
/** Seeds carry no creation time; environments are reported as created this long before the clock. */
const ENVIRONMENT_AGE_MS = 90 * 24 * 3600 * 1000;

interface Route {
  readonly operation: string;
  readonly name?: string;
}

const ROUTES: readonly { method: string; pattern: RegExp; operation: string }[] = [
  { method: "GET", pattern: /^\/environments\/?$/, operation: "ListEnvironments" },
  { method: "GET", pattern: /^\/environments\/([^/]+)$/, operation: "GetEnvironment" },
  { method: "POST", pattern: /^\/webtoken\/([^/]+)$/, operation: "CreateWebLoginToken" },
  { method: "POST", pattern: /^\/clitoken\/([^/]+)$/, operation: "CreateCliToken" },
];

function routeOf(request: SandboxRequest): Route {
  for (const route of ROUTES) {
    const match = route.method === request.method ? route.pattern.exec(request.url.pathname) : null;
    if (match)
      return { operation: route.operation, name: match[1] === undefined ? undefined : decodeURIComponent(match[1]) };
  }
  return { operation: "Unknown" };
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId(), ...headers },
    body: JSON.stringify(body),
  };
}

/** REST-JSON errors: the code in `x-amzn-errortype`, the message in the body. */
export function mwaaError(status: number, code: string, message: string): SandboxResponse {
  return jsonResponse(status, { message }, { "x-amzn-errortype": code });
}

/** Injected faults arrive as generic codes; MWAA reports server-side failures as InternalServerException. */
function mwaaFaultError(status: number, code: string, message: string): SandboxResponse {
  if (code === "ServiceUnavailable") return mwaaError(status, "InternalServerException", message);
  return mwaaError(status, code, message);
}

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

function logGroupArn(scenario: Scenario, environment: string, kind: string): string {
  return `arn:aws:logs:${scenario.region}:${scenario.account_id}:log-group:airflow-${environment}-${kind}`;
}

/** GetEnvironment's Environment structure, with the fields an operator looks at filled in plausibly. */
function describeEnvironment(
  seed: EnvironmentSeed,
  scenario: Scenario,
  webserverHost: string,
  createdAt: Date,
): Record<string, unknown> {
  const arnPrefix = `arn:aws:iam::${scenario.account_id}:role`;
  const logs = (kind: string, level: string) => ({
    CloudWatchLogGroupArn: logGroupArn(scenario, seed.name, kind),
    Enabled: true,
    LogLevel: level,
  });
  const lastUpdate = seed.last_update;
  return {
    Name: seed.name,
    Arn: `arn:aws:airflow:${scenario.region}:${scenario.account_id}:environment/${seed.name}`,
    Status: seed.status,
    AirflowVersion: seed.airflow_version,
    WebserverUrl: webserverHost,
    WebserverAccessMode: "PUBLIC_ONLY",
    EnvironmentClass: "mw1.medium",
    MinWorkers: 1,
    MaxWorkers: 10,
    Schedulers: 2,
    CreatedAt: epochSeconds(createdAt),
    ExecutionRoleArn: `${arnPrefix}/service-role/AmazonMWAA-${seed.name}-execution`,
    ServiceRoleArn: `${arnPrefix}/aws-service-role/airflow.amazonaws.com/AWSServiceRoleForAmazonMWAA`,
    SourceBucketArn: `arn:aws:s3:::airflow-${seed.name}`,
    DagS3Path: "dags",
    RequirementsS3Path: "requirements.txt",
    EndpointManagement: "SERVICE",
    AirflowConfigurationOptions: {},
    Tags: {},
    LoggingConfiguration: {
      DagProcessingLogs: logs("DAGProcessing", "WARNING"),
      SchedulerLogs: logs("Scheduler", "WARNING"),
      TaskLogs: logs("Task", "INFO"),
      WebserverLogs: logs("WebServer", "WARNING"),
      WorkerLogs: logs("Worker", "WARNING"),
    },
    ...(lastUpdate
      ? {
          LastUpdate: {
            Status: lastUpdate.status,
            CreatedAt: epochSeconds(lastUpdate.created_at ? new Date(lastUpdate.created_at) : createdAt),
            Source: "SERVICE",
            ...(lastUpdate.error_code || lastUpdate.error_message
              ? { Error: { ErrorCode: lastUpdate.error_code, ErrorMessage: lastUpdate.error_message } }
              : {}),
          },
        }
      : {}),
  };
}

export function createMwaaEmulator(scenario: Scenario, context: EmulatorContext): ServiceEmulator {
  const sessions = sessionRegistryFor(context);
  const environments = new Map(scenario.mwaa.environments.map((environment) => [environment.name, environment]));
  const createdAt = new Date(context.now().getTime() - ENVIRONMENT_AGE_MS);
  /** The sandbox's host:port: where the Airflow webserver of every environment answers. */
  const webserverHost = (): string => new URL(context.endpoint()).host;

  function listEnvironments(url: URL): SandboxResponse {
    const maxResultsParam = url.searchParams.get("MaxResults");
    const maxResults = maxResultsParam === null ? MAX_LIST_RESULTS : Number(maxResultsParam);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_LIST_RESULTS) {
      return mwaaError(400, "ValidationException", `MaxResults must be between 1 and ${MAX_LIST_RESULTS}`);
    }
    const nextToken = url.searchParams.get("NextToken");
    const start = nextToken === null ? 0 : Number(Buffer.from(nextToken, "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) return mwaaError(400, "ValidationException", "Invalid NextToken");
    const names = [...environments.keys()];
    const page = names.slice(start, start + maxResults);
    const end = start + page.length;
    return jsonResponse(200, {
      Environments: page,
      ...(end < names.length ? { NextToken: Buffer.from(String(end), "utf8").toString("base64url") } : {}),
    });
  }

  function handle(request: SandboxRequest): SandboxResponse {
    const route = routeOf(request);
    if (route.operation === "Unknown") {
      return mwaaError(
        404,
        "UnknownOperationException",
        `The sandbox does not implement ${request.method} ${request.url.pathname}`,
      );
    }
    if (route.operation === "ListEnvironments") return listEnvironments(request.url);
    const name = route.name ?? "";
    const environment = environments.get(name);
    if (!environment) return mwaaError(404, "ResourceNotFoundException", `Environment ${name} not found.`);
    switch (route.operation) {
      case "GetEnvironment":
        return jsonResponse(200, {
          Environment: describeEnvironment(environment, scenario, webserverHost(), createdAt),
        });
      case "CreateWebLoginToken":
        return jsonResponse(200, {
          WebToken: sessions.issueWebToken(name),
          WebServerHostname: webserverHost(),
          IamIdentity: `arn:aws:sts::${scenario.account_id}:assumed-role/incident-orchestrator/sandbox`,
          AirflowIdentity: "assumed-role/incident-orchestrator",
        });
      default:
        // CreateCliToken: handed out for completeness; the sandbox serves no /aws_mwaa/cli endpoint.
        return jsonResponse(200, { CliToken: sessions.issueWebToken(name), WebServerHostname: webserverHost() });
    }
  }

  return {
    service: "mwaa",
    operation: (request) => routeOf(request).operation,
    handle,
    error: mwaaFaultError,
  };
}
