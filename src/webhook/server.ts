/**
 * Serves the webhook app over plain HTTP with @hono/node-server. Loopback by default: the endpoint
 * ServiceNow calls is HTTPS, so something terminating TLS (a load balancer, a reverse proxy) sits in
 * front and forwards here.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface WebhookServerOptions {
  /** 0 picks a free port (the tests); the URL says which. */
  readonly port: number;
  readonly host?: string;
}

export interface WebhookServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly url: string;
  close(): Promise<void>;
}

export function startWebhookServer(app: Hono, options: WebhookServerOptions): Promise<WebhookServer> {
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve(
      // Not overriding globals: the adapter would otherwise replace the process's Request and
      // Response with its own, under every other fetch in this process.
      { fetch: app.fetch, port: options.port, hostname: host, overrideGlobalObjects: false },
      (info: AddressInfo) => {
        server.off("error", reject);
        resolve({ url: `http://${urlHost(info.address)}:${info.port}`, close: () => closeServer(server) });
      },
    );
    server.once("error", reject);
  });
}

type NodeServer = ReturnType<typeof serve>;

function closeServer(server: NodeServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error?: Error) => (error ? reject(error) : resolve()));
    // close() waits for open connections; idle keep-alive ones would hold it up for their timeout.
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}

function urlHost(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}
