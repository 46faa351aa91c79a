/**
 * `npm run fuzz [-- --runs N --seed S --path P --run-percent K]`: the seeded fuzz of the library
 * (scripts/fuzz/harness.ts; docs/testing.md). Exits 1 on the first failure, printing the seed, the
 * path that replays it and the smallest failing recipe.
 */
import { parseArgs } from "node:util";
import { runFuzz } from "./fuzz/harness.js";

export const DEFAULT_FUZZ_SEED = 20_261_123;
export const DEFAULT_FUZZ_RUNS = 10_000;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: String(DEFAULT_FUZZ_RUNS) },
    seed: { type: "string", default: String(DEFAULT_FUZZ_SEED) },
    path: { type: "string" },
    "run-percent": { type: "string", default: "10" },
  },
});

const integer = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fuzz: --${name} must be a whole number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
};

const seed = integer("seed", values.seed);
const runs = integer("runs", values.runs);
console.error(`fuzz: ${runs} cases, seed ${seed}${values.path ? `, path ${values.path}` : ""}`);
const report = await runFuzz({
  seed,
  runs,
  runPercent: integer("run-percent", values["run-percent"]),
  ...(values.path ? { path: values.path } : {}),
  log: (line) => console.error(`fuzz: ${line}`),
});

const seconds = (report.durationMs / 1000).toFixed(1);
const counts = Object.entries(report.counts)
  .map(([what, n]) => `${what}: ${n}`)
  .join(", ");
if (report.failure) {
  console.error(`fuzz: FAILED after ${report.runs} cases in ${seconds} s (seed ${report.seed})`);
  console.error(`fuzz: ${report.failure.error}`);
  console.error(`fuzz: replay: npm run fuzz -- --seed ${report.seed} --path ${report.failure.path ?? "?"}`);
  console.error(`fuzz: counterexample: ${report.failure.counterexample}`);
  console.error(`fuzz: ${counts}`);
  process.exitCode = 1;
} else {
  console.log(`fuzz: ${report.runs} cases passed in ${seconds} s (seed ${report.seed}); 0 unexpected errors`);
  console.log(`fuzz: ${counts}`);
}
