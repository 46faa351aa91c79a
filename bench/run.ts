/**
 * `npm run bench`: every figure below is measured in this one run, on this machine.
 * Results go to stdout and to bench/results/latest.json; docs/benchmarks.md records a run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { measureMcpOverhead } from "./mcp-overhead.js";
import { measureParallelInvestigation } from "./parallel-investigation.js";
import { measureThroughput } from "./throughput.js";

// The SDK's Node-version notice would interleave with the figures (clients are built after this line).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const fmt = (n: number, digits = 1) => n.toFixed(digits);

console.log(`incident-orchestrator benchmark · node ${process.version} · ${cpus().length} cores\n`);

const throughput = await measureThroughput(3);
console.log("Whole graph on the sandbox (every example, 3 rounds)");
console.log(`  incidents             ${throughput.incidents}`);
console.log(
  `  latency p50 / p95     ${fmt(throughput.p50_ms)} ms / ${fmt(throughput.p95_ms)} ms (max ${fmt(throughput.max_ms)} ms)`,
);
console.log(
  `  throughput            ${fmt(throughput.sequential_per_s)} incidents/s sequential, ${fmt(throughput.concurrent_per_s)} incidents/s at concurrency ${throughput.concurrency}`,
);

const parallel = [];
console.log("\nParallel investigation with injected latency L on one call per tool");
console.log("  L (ms)   tools   parallel (ms)   parallel / L   serial (ms)   serial / L");
for (const latency of [100, 250, 500]) {
  const result = await measureParallelInvestigation(latency);
  parallel.push(result);
  console.log(
    `  ${String(latency).padEnd(8)} ${String(result.tools).padEnd(7)} ${fmt(result.parallel_ms).padEnd(15)} ${fmt(result.parallel_over_latency, 2).padEnd(14)} ${fmt(result.serial_ms).padEnd(13)} ${fmt(result.serial_over_latency, 2)}`,
  );
}

const mcp = await measureMcpOverhead(200);
console.log(`\nOne tool call (get_glue_logs on the sandbox), mean of ${mcp.calls} calls`);
console.log(`  in-process            ${fmt(mcp.in_process_ms, 2)} ms`);
console.log(`  MCP over stdio        ${fmt(mcp.stdio_ms, 2)} ms (${fmt(mcp.stdio_over_in_process, 2)}× in-process)`);
console.log(`  MCP over HTTP         ${fmt(mcp.http_ms, 2)} ms (${fmt(mcp.http_over_in_process, 2)}× in-process)`);

mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("./results/latest.json", import.meta.url),
  `${JSON.stringify({ node: process.version, cores: cpus().length, throughput, parallel, mcp }, null, 2)}\n`,
);
