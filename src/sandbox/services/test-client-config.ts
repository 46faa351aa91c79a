/**
 * Test support: the configuration that points a real AWS SDK v3 client at a running sandbox.
 * Retries keep the SDK's own classification (throttling, transient 5xx) but wait 0 ms, so tests of
 * injected faults stay fast without sleeping.
 */
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import type { Sandbox } from "../server.js";

export function sandboxClientConfig(sandbox: Sandbox, maxAttempts = 3) {
  return {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 0),
  };
}
