import type { Fault } from "./scenario.js";
import type { SandboxService } from "./types.js";

export type FaultKind = Fault["kind"];

/**
 * Decides, per call, which injected faults apply. Each fault counts the calls it matched so
 * `times` limits it to the first N; `probability` draws from the scenario's seeded random.
 */
export class FaultInjector {
  private readonly matched = new Map<Fault, number>();

  constructor(
    private readonly faults: readonly Fault[],
    private readonly random: () => number,
  ) {}

  /** The faults that apply to this call, latency first. */
  draw(service: SandboxService, operation: string): Fault[] {
    const applied: Fault[] = [];
    for (const fault of this.faults) {
      if (fault.service !== service) continue;
      if (fault.operation !== undefined && fault.operation !== operation) continue;
      const seen = this.matched.get(fault) ?? 0;
      if (fault.times !== undefined && seen >= fault.times) continue;
      if (fault.probability < 1 && this.random() >= fault.probability) continue;
      this.matched.set(fault, seen + 1);
      applied.push(fault);
    }
    return applied.sort((a, b) => Number(b.kind === "latency") - Number(a.kind === "latency"));
  }
}

/** mulberry32: a small seeded PRNG, so fault draws and generated ids repeat run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
