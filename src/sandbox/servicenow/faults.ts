/**
 * Faults a test injects into the emulator: the next N requests answer 429 (with Retry-After and
 * X-RateLimit-* as an instance's rate-limit rule sets them) or a 5xx. Queued in order; each request
 * takes at most one.
 */

export type InjectedFault =
  | { readonly kind: "rate_limited"; readonly retryAfterS: number }
  | { readonly kind: "server_error"; readonly status: number };

export interface ServiceNowFaults {
  /** The next `count` requests answer 429 with `Retry-After: retryAfterS`. */
  next429(count: number, retryAfterS: number): void;
  /** The next `count` requests answer `status` (500, 502, 503 or 504). */
  next5xx(count: number, status?: number): void;
  /** Faults queued and not yet served. */
  pending(): number;
  /** Every issued OAuth token stops working now (an administrator revoked them, or the instance lost them). */
  revokeTokens(): void;
}

export class FaultQueue implements ServiceNowFaults {
  private readonly queue: InjectedFault[] = [];

  constructor(private readonly revoke: () => void) {}

  revokeTokens(): void {
    this.revoke();
  }

  next429(count: number, retryAfterS: number): void {
    for (let i = 0; i < count; i++) this.queue.push({ kind: "rate_limited", retryAfterS });
  }

  next5xx(count: number, status = 503): void {
    if (status < 500 || status > 599) throw new Error(`next5xx: ${status} is not a 5xx status`);
    for (let i = 0; i < count; i++) this.queue.push({ kind: "server_error", status });
  }

  pending(): number {
    return this.queue.length;
  }

  take(): InjectedFault | undefined {
    return this.queue.shift();
  }
}
