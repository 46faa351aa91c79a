import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idempotencyKey } from "./idempotency.js";

const parts = {
  thread_id: "5b0c8d7e-2f4a-5c1b-9d3e-7a6f0e1b2c3d",
  sys_id: "INC0010001",
  action: "retry_glue_job",
  resource_id: "etl_orders_daily",
  attempt: 1,
};

describe("idempotencyKey", () => {
  it("is 'io-' plus 40 hex characters", () => {
    const key = idempotencyKey(parts);
    expect(key).toHaveLength(43);
    expect(key).toMatch(/^io-[0-9a-f]{40}$/);
  });

  it("is the sha256 of the NUL-joined parts (pinned value)", () => {
    // Pinned so a change to the derivation (which would orphan in-flight runs) is noticed.
    expect(idempotencyKey(parts)).toBe("io-582363785f2899fdd62547c14d6f470a832e5b4e");
  });

  it("is deterministic", () => {
    expect(idempotencyKey({ ...parts })).toBe(idempotencyKey({ ...parts }));
  });

  it("differs between attempts, actions, resources and incidents", () => {
    const base = idempotencyKey(parts);
    expect(idempotencyKey({ ...parts, attempt: 2 })).not.toBe(base);
    expect(idempotencyKey({ ...parts, action: "retry_airflow_dag" })).not.toBe(base);
    expect(idempotencyKey({ ...parts, resource_id: "etl_orders_hourly" })).not.toBe(base);
    expect(idempotencyKey({ ...parts, sys_id: "INC0010002" })).not.toBe(base);
    // A recurrence on another thread is another occurrence: it must start its own run.
    expect(idempotencyKey({ ...parts, thread_id: "recurrence-2026-12-02" })).not.toBe(base);
  });

  it("does not confuse where one part ends and the next begins", () => {
    expect(idempotencyKey({ ...parts, sys_id: "INC1", action: "0retry" })).not.toBe(
      idempotencyKey({ ...parts, sys_id: "INC10", action: "retry" }),
    );
  });

  it("always satisfies the tools' idempotency_key rules and is deterministic (property)", () => {
    const arbitraryParts = fc.record({
      thread_id: fc.string(),
      sys_id: fc.string(),
      action: fc.string(),
      resource_id: fc.string(),
      attempt: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(arbitraryParts, (p) => {
        const key = idempotencyKey(p);
        expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(idempotencyKey({ ...p })).toBe(key);
        expect(idempotencyKey({ ...p, attempt: p.attempt + 1 })).not.toBe(key);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
