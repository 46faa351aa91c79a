/**
 * The official AWS SDK v3 clients the data-lake tools use, built once and shared. The same clients
 * talk to AWS in production and to the embedded sandbox in tests and the demo: only the endpoint
 * override (the SDK's standard AWS_ENDPOINT_URL) differs.
 */
import { AthenaClient } from "@aws-sdk/client-athena";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EMRClient } from "@aws-sdk/client-emr";
import { GlueClient } from "@aws-sdk/client-glue";
import { MWAAClient } from "@aws-sdk/client-mwaa";
import { S3Client } from "@aws-sdk/client-s3";
import type { AwsCredentialIdentity } from "@aws-sdk/types";

export interface AwsClientsOptions {
  region?: string;
  /** Endpoint override for every service; default: process.env.AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** Default: the SDK's normal credential provider chain. */
  credentials?: AwsCredentialIdentity;
  /** The SDK's attempts per call (retries included); default: the SDK's (3). */
  maxAttempts?: number;
}

export interface AwsClients {
  readonly glue: GlueClient;
  readonly athena: AthenaClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly emr: EMRClient;
  readonly s3: S3Client;
  readonly mwaa: MWAAClient;
  /** The endpoint override in force, if any (the Airflow client derives its URL scheme from it). */
  readonly endpoint: string | undefined;
  readonly region: string;
}

export function createAwsClients(options: AwsClientsOptions = {}): AwsClients {
  const region = options.region ?? nonEmpty(process.env.AWS_REGION) ?? "us-east-1";
  const endpoint = options.endpoint ?? nonEmpty(process.env.AWS_ENDPOINT_URL);
  const common = {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  };
  return {
    glue: new GlueClient(common),
    athena: new AthenaClient(common),
    logs: new CloudWatchLogsClient(common),
    cloudwatch: new CloudWatchClient(common),
    emr: new EMRClient(common),
    // A custom endpoint has no per-bucket DNS names: address buckets in the path.
    s3: new S3Client({ ...common, ...(endpoint ? { forcePathStyle: true } : {}) }),
    // MWAA operations prepend "api."/"env." to the host, which a custom endpoint cannot resolve.
    mwaa: new MWAAClient({ ...common, ...(endpoint ? { disableHostPrefix: true } : {}) }),
    endpoint,
    region,
  };
}

/** The endpoint override the clients were built with, or undefined when they talk to AWS itself. */
export function endpointOverride(clients: AwsClients): string | undefined {
  return clients.endpoint;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
