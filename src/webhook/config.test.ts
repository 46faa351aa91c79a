import { describe, expect, it } from "vitest";
import { UserInputError } from "../errors.js";
import { WebhookConfigSchema, webhookAuthFromEnv } from "./config.js";

const SECRET = "s".repeat(16);

describe("WebhookConfigSchema", () => {
  it("defaults to HMAC in X-Signature-256 with the secret in INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET, 256 KiB", () => {
    expect(WebhookConfigSchema.parse({})).toEqual({
      auth: "hmac",
      secret_env: "INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET",
      header: "X-Signature-256",
      max_body_bytes: 262_144,
    });
  });

  it("refuses unknown keys, a lowercase variable name, a header name with a space and a fractional size", () => {
    expect(WebhookConfigSchema.safeParse({ secret: SECRET }).success).toBe(false);
    expect(WebhookConfigSchema.safeParse({ secret_env: "lower" }).success).toBe(false);
    expect(WebhookConfigSchema.safeParse({ header: "X Sig" }).success).toBe(false);
    expect(WebhookConfigSchema.safeParse({ max_body_bytes: 1.5 }).success).toBe(false);
  });
});

describe("webhookAuthFromEnv", () => {
  const hmac = WebhookConfigSchema.parse({});
  const bearer = WebhookConfigSchema.parse({ auth: "bearer", secret_env: "HOOK_TOKEN" });

  it("reads the secret from the variable the config names", () => {
    expect(webhookAuthFromEnv(hmac, { INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET: SECRET })).toEqual({
      kind: "hmac",
      secret: SECRET,
      header: "X-Signature-256",
    });
    expect(webhookAuthFromEnv(bearer, { HOOK_TOKEN: SECRET })).toEqual({ kind: "bearer", token: SECRET });
  });

  it("names the variable when it is unset or empty, and never prints the value", () => {
    expect(() => webhookAuthFromEnv(hmac, {})).toThrow(UserInputError);
    expect(() => webhookAuthFromEnv(hmac, {})).toThrow(/INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET/);
    expect(() => webhookAuthFromEnv(bearer, { HOOK_TOKEN: "" })).toThrow(/set the environment variable HOOK_TOKEN/);
  });

  it("refuses a secret shorter than 16 characters, naming the variable", () => {
    const short = "abc123def456xyz";
    let message = "";
    try {
      webhookAuthFromEnv(hmac, { INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET: short });
    } catch (error) {
      expect(error).toBeInstanceOf(UserInputError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/INCIDENT_ORCHESTRATOR_WEBHOOK_SECRET is too short: it must be at least 16 characters/);
    expect(message).not.toContain(short);
  });

  it("refuses a bearer token with whitespace", () => {
    expect(() => webhookAuthFromEnv(bearer, { HOOK_TOKEN: `${SECRET} x` })).toThrow(/must not contain whitespace/);
  });
});
