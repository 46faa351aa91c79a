/**
 * Per-incident latency and throughput of the whole graph over the sandbox: every example, each
 * against its own sandbox, run sequentially (latency) and four at a time (throughput).
 */
import { performance } from "node:perf_hooks";
import pLimit from "p-limit";
import { loadConfigFile } from "../src/config/load.js";
import { loadManifest } from "../src/examples/manifest.js";
import { runExample } from "../src/examples/run-example.js";

export interface ThroughputResult {
  incidents: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  sequential_per_s: number;
  concurrent_per_s: number;
  concurrency: number;
}

export async function measureThroughput(rounds: number, concurrency = 4): Promise<ThroughputResult> {
  const examples = await loadManifest("examples/manifest.json");
  // The demo's config, with verification polling made instant so the graph itself is measured.
  const config = await loadConfigFile("examples/config.json");
  config.remediation.verify.poll_interval_ms = 0;
  const batch = Array.from({ length: rounds }, () => examples).flat();

  const latencies: number[] = [];
  const sequentialStart = performance.now();
  for (const example of batch) {
    const started = performance.now();
    await runExample(example, config);
    latencies.push(performance.now() - started);
  }
  const sequentialMs = performance.now() - sequentialStart;

  const limit = pLimit(concurrency);
  const concurrentStart = performance.now();
  await Promise.all(batch.map((example) => limit(() => runExample(example, config))));
  const concurrentMs = performance.now() - concurrentStart;

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    incidents: batch.length,
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    max_ms: latencies.at(-1) ?? 0,
    sequential_per_s: batch.length / (sequentialMs / 1000),
    concurrent_per_s: batch.length / (concurrentMs / 1000),
    concurrency,
  };
}
