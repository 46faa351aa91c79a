import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capForState, DROPPED_FIELDS_KEY, STATE_FIELD_CHARS, STATE_RECORD_CHARS } from "./state-cap.js";

const options = { keep: ["sys_id"], protect: ["sys_id", "short_description", "description", "additional_info"] };

describe("capForState", () => {
  it("keeps a small record as it is", () => {
    const record = { sys_id: "a", short_description: "Glue job failed", priority: 2, additional_info: { run: "jr_1" } };
    expect(capForState(record, options)).toEqual(record);
  });

  it("cuts a long field with a visible marker and keeps the identifiers whole", () => {
    const capped = capForState({ sys_id: "s".repeat(200), description: "d".repeat(200_000) }, options);
    expect(capped.sys_id).toBe("s".repeat(200));
    expect(capped.description.length).toBeLessThanOrEqual(STATE_FIELD_CHARS);
    expect(capped.description).toMatch(/^d+… \[truncated \d+ chars\]$/);
    const kept = capped.description.indexOf("…");
    expect(capped.description).toContain(`[truncated ${200_000 - kept} chars]`);
  });

  it("bounds open values (additional_info) and the whole record", () => {
    const info = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`log${i}`, "x".repeat(40_000)]));
    const record = { sys_id: "a", description: "d".repeat(100_000), additional_info: info, notes: "n".repeat(100_000) };
    const capped = capForState(record, options);
    expect(JSON.stringify(capped.additional_info).length).toBeLessThanOrEqual(STATE_FIELD_CHARS);
    expect(JSON.stringify(capped).length).toBeLessThanOrEqual(STATE_RECORD_CHARS);
  });

  it("halves the per-field cap when many fields are long, and drops open fields only as a last resort", () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`u_field_${i}`, "v".repeat(3_000)]));
    const record: Record<string, unknown> = { sys_id: "a", short_description: "s".repeat(5_000), ...many };
    const capped = capForState(record, options);
    expect(JSON.stringify(capped).length).toBeLessThanOrEqual(STATE_RECORD_CHARS);
    expect(capped.short_description).toMatch(/… \[truncated \d+ chars\]$/);
    expect(capped[DROPPED_FIELDS_KEY]).toMatch(/^… \[dropped \d+ fields, \d+ chars\]$/);
    expect(capped.u_field_0).toBeDefined();
    expect(capped.u_field_299).toBeUndefined();
  });

  it("is idempotent and always within the caps (property)", () => {
    const field = fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.integer().map((n) => "z".repeat(Math.abs(n) % 60_000)),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20_000 }), { maxKeys: 4 }),
    );
    const record = fc.dictionary(
      fc.string({ maxLength: 10 }).filter((key) => key !== "__proto__"),
      field,
      { maxKeys: 40 },
    );
    fc.assert(
      fc.property(record, (fields) => {
        const input = { sys_id: "abc", ...fields };
        const once = capForState(input, options);
        expect(JSON.stringify(once).length).toBeLessThanOrEqual(STATE_RECORD_CHARS);
        expect(capForState(once, options)).toEqual(once);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
