/**
 * How to reach a ServiceNow instance: its URL, how to authenticate (the names of the environment
 * variables holding the secrets, never the secrets), timeouts, retries, the client-side rate limit
 * and paging. The secrets are read from the environment once, by `readServiceNowCredentials`.
 */
import { z } from "zod";
import { UserInputError } from "../errors.js";

const EnvVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name, like SERVICENOW_PASSWORD");

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** https, or plain http to loopback only (the emulator): basic auth sends the password in every request. */
const InstanceUrl = z
  .url()
  .refine((text) => {
    const url = new URL(text);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  }, "instance_url must be https (plain http only to loopback)")
  .transform((text) => text.replace(/\/+$/, ""));

export const ServiceNowAuthConfigSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("basic"),
    username_env: EnvVarName.default("SERVICENOW_USERNAME"),
    password_env: EnvVarName.default("SERVICENOW_PASSWORD"),
  }),
  z.strictObject({
    kind: z.literal("oauth_client_credentials"),
    client_id_env: EnvVarName.default("SERVICENOW_CLIENT_ID"),
    client_secret_env: EnvVarName.default("SERVICENOW_CLIENT_SECRET"),
    /** A token is replaced this long before it expires, so no request carries one that lapses in flight. */
    refresh_before_expiry_s: z.number().int().min(0).default(60),
  }),
]);

export const ServiceNowConfigSchema = z.strictObject({
  /** https://<instance>.service-now.com */
  instance_url: InstanceUrl,
  auth: ServiceNowAuthConfigSchema,
  /** Per request (token requests included), through AbortSignal.timeout. */
  request_timeout_ms: z.number().int().min(1).default(15_000),
  retry: z
    .strictObject({
      /** Retries after the first attempt, for transient failures only. */
      max_retries: z.number().int().min(0).max(10).default(4),
      base_delay_ms: z.number().int().min(0).default(500),
      max_delay_ms: z.number().int().min(0).default(10_000),
      /** A Retry-After longer than this is not waited for: the call fails with the 429. */
      max_retry_after_s: z.number().int().min(0).default(120),
    })
    .prefault({}),
  rate_limit: z
    .strictObject({
      /** Requests per second the client sends at most (a token bucket), whatever the callers do. */
      requests_per_second: z.number().positive().default(5),
      burst: z.number().int().min(1).default(10),
      max_concurrency: z.number().int().min(1).default(4),
    })
    .prefault({}),
  paging: z
    .strictObject({
      /** sysparm_limit per page. */
      page_size: z.number().int().min(1).max(10_000).default(100),
      /** A list stops after this many rows (and says it was truncated). */
      max_rows: z.number().int().min(1).default(5_000),
    })
    .prefault({}),
});
export type ServiceNowConfig = z.infer<typeof ServiceNowConfigSchema>;
export type ServiceNowConfigInput = z.input<typeof ServiceNowConfigSchema>;

export type ServiceNowCredentials =
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | { readonly kind: "oauth_client_credentials"; readonly clientId: string; readonly clientSecret: string };

/** The secrets the config names, from `env`; a UserInputError names each variable that is unset. */
export function readServiceNowCredentials(
  config: ServiceNowConfig,
  env: Readonly<Record<string, string | undefined>>,
): ServiceNowCredentials {
  const names =
    config.auth.kind === "basic"
      ? [config.auth.username_env, config.auth.password_env]
      : [config.auth.client_id_env, config.auth.client_secret_env];
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new UserInputError(
      `ServiceNow ${config.auth.kind} auth: environment variable(s) ${missing.join(", ")} not set`,
    );
  }
  const [first, second] = names.map((name) => env[name] as string) as [string, string];
  return config.auth.kind === "basic"
    ? { kind: "basic", username: first, password: second }
    : { kind: "oauth_client_credentials", clientId: first, clientSecret: second };
}
