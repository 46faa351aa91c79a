/**
 * The webhook's configuration: how deliveries authenticate and how large they may be. It names the
 * environment variable holding the secret, never the secret; `webhookAuthFromEnv` reads it once.
 */
import { z } from "zod";
import { UserInputError } from "../errors.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_SIGNATURE_HEADER, type WebhookAuth } from "./types.js";

/** Shorter secrets are refused: an HMAC key or token a person could guess is no authentication. */
export const MIN_WEBHOOK_SECRET_CHARS = 16;

const EnvVarName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name, like INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET");
// RFC 9110 token characters: what a header name may be made of.
const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "a header name, like X-Signature-256");

export const WebhookConfigSchema = z.strictObject({
  /** hmac: the body's HMAC-SHA256 in `header`; bearer: `Authorization: Bearer <secret>`. */
  auth: z.enum(["hmac", "bearer"]).default("hmac"),
  /** The environment variable holding the HMAC secret or the bearer token. */
  secret_env: EnvVarName.default("INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET"),
  /** Where the signature is (hmac only). */
  header: HeaderName.default(DEFAULT_SIGNATURE_HEADER),
  max_body_bytes: z.number().int().min(1).default(DEFAULT_MAX_BODY_BYTES),
});
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;
export type WebhookConfigInput = z.input<typeof WebhookConfigSchema>;

/** The app's auth from `config` and the secret in `env`; a UserInputError names the variable (never its value). */
export function webhookAuthFromEnv(
  config: WebhookConfig,
  env: Readonly<Record<string, string | undefined>>,
): WebhookAuth {
  const name = config.secret_env;
  const secret = env[name];
  if (secret === undefined || secret === "") {
    throw new UserInputError(`the webhook secret is missing: set the environment variable ${name}`);
  }
  if (secret.length < MIN_WEBHOOK_SECRET_CHARS) {
    throw new UserInputError(
      `the webhook secret in ${name} is too short: it must be at least ${MIN_WEBHOOK_SECRET_CHARS} characters`,
    );
  }
  if (config.auth === "bearer") {
    // A token with whitespace could never arrive intact in `Authorization: Bearer <token>`.
    if (/\s/.test(secret)) throw new UserInputError(`the webhook token in ${name} must not contain whitespace`);
    return { kind: "bearer", token: secret };
  }
  return { kind: "hmac", secret, header: config.header };
}
