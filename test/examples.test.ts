/**
 * The shipped examples are valid input: every incident and scenario parses with the product's own
 * schemas, the manifest names files that exist, and the set covers the whole taxonomy and every
 * decision. Whether the orchestrator reaches the expected outcomes is the evals' job, not this test's.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigSchema, DEFAULT_INTENT_TOOLS } from "../src/config/schema.js";
import { ScenarioSchema } from "../src/sandbox/scenario.js";
import { IncidentSchema } from "../src/state/incident.js";
import { DECISIONS, INTENTS, type DecisionKind, type Intent } from "../src/state/intents.js";
import type { MutatingToolName } from "../src/tools/catalog.js";
import {
  asList as acceptableValues,
  ManifestSchema as ExampleManifestSchema,
  type Example,
} from "../src/examples/manifest.js";

const EXAMPLES_DIR = fileURLToPath(new URL("../examples/", import.meta.url));
const readJson = (relativePath: string): unknown =>
  JSON.parse(readFileSync(`${EXAMPLES_DIR}${relativePath}`, "utf8")) as unknown;

const manifest = ExampleManifestSchema.parse(readJson("manifest.json"));
const examples = manifest.examples;

/** Examples whose expectation is one value, not a list of acceptable ones. */
const singleIntent = (example: Example): Intent | undefined =>
  typeof example.expected.intent === "string" ? example.expected.intent : undefined;
const singleDecision = (example: Example): DecisionKind | undefined =>
  typeof example.expected.decision === "string" ? example.expected.decision : undefined;
const countBy = <K extends string>(keys: (K | undefined)[]): Map<K, number> => {
  const counts = new Map<K, number>();
  for (const key of keys) if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};

/** ServiceNow display times ("2026-11-23 06:12:44") are UTC; ISO strings carry their own zone. */
const parseOpenedAt = (openedAt: string): number =>
  Date.parse(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(openedAt) ? `${openedAt.replace(" ", "T")}Z` : openedAt);

describe("examples/manifest.json", () => {
  it("lists at least 20 examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  it("names files that exist, and every example file is in the manifest", () => {
    for (const example of examples) {
      expect(existsSync(`${EXAMPLES_DIR}${example.incident}`), example.incident).toBe(true);
      expect(existsSync(`${EXAMPLES_DIR}${example.scenario}`), example.scenario).toBe(true);
    }
    const listed = new Set(examples.flatMap((example) => [example.incident, example.scenario]));
    for (const folder of ["incidents", "scenarios"]) {
      for (const file of readdirSync(`${EXAMPLES_DIR}${folder}`)) {
        expect(listed.has(`${folder}/${file}`), `${folder}/${file} is not in the manifest`).toBe(true);
      }
    }
  });

  it("covers all 13 intents, each at least once unambiguously", () => {
    const counts = countBy(examples.map(singleIntent));
    const missing = INTENTS.filter((intent) => !counts.has(intent));
    expect(missing).toEqual([]);
    expect(counts.get("dag_failure")).toBeGreaterThanOrEqual(3);
    expect(counts.get("glue_etl_failure")).toBeGreaterThanOrEqual(3);
    expect(counts.get("athena_failure")).toBeGreaterThanOrEqual(2);
  });

  it("covers all 4 decisions, each at least 3 times unambiguously", () => {
    const counts = countBy(examples.map(singleDecision));
    for (const decision of DECISIONS) {
      expect(counts.get(decision) ?? 0, decision).toBeGreaterThanOrEqual(3);
    }
  });

  it("expects only remediations that the expected intent's playbook can run", () => {
    for (const example of examples) {
      const { action } = example.expected;
      if (action === null) continue;
      for (const intent of acceptableValues(example.expected.intent)) {
        expect(DEFAULT_INTENT_TOOLS[intent], `${example.name}: ${action} for ${intent}`).toContain(action);
      }
    }
  });

  it("never expects auto_close from an example whose expectation admits no certainty", () => {
    for (const example of examples) {
      const decisions = acceptableValues(example.expected.decision);
      if (decisions.length > 1) expect(decisions, example.name).not.toContain("auto_close");
    }
  });
});

describe.each(examples.map((example) => [example.name, example] as const))("example %s", (_name, example) => {
  it("has an incident that IncidentSchema accepts", () => {
    const result = IncidentSchema.safeParse(readJson(example.incident));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("has a scenario that ScenarioSchema accepts and that points at the published JSON Schema", () => {
    const raw = readJson(example.scenario);
    const result = ScenarioSchema.safeParse(raw);
    expect(result.error?.issues ?? []).toEqual([]);
    expect((raw as { $schema?: unknown }).$schema).toBe("../../schemas/scenario.schema.json");
  });

  it("sets the scenario clock shortly after the incident was opened", () => {
    const incident = IncidentSchema.parse(readJson(example.incident));
    const scenario = ScenarioSchema.parse(readJson(example.scenario));
    expect(incident.opened_at, "opened_at").toBeDefined();
    expect(scenario.now, "now").toBeDefined();
    const openedAt = parseOpenedAt(incident.opened_at ?? "");
    const now = Date.parse(scenario.now ?? "");
    expect(Number.isNaN(openedAt), "opened_at parses").toBe(false);
    expect(now).toBeGreaterThanOrEqual(openedAt);
    expect(now - openedAt).toBeLessThanOrEqual(6 * 60 * 60 * 1000);
  });
});

describe("examples/config.json", () => {
  const config = ConfigSchema.parse(readJson("config.json"));
  const { allow_list: allowList } = config.remediation;
  const scenarios = new Map(
    examples.map((example) => [example.name, ScenarioSchema.parse(readJson(example.scenario))]),
  );

  it("is a valid configuration with a fast verification loop for the demo", () => {
    expect(config.remediation.verify.poll_interval_ms).toBeLessThanOrEqual(100);
    expect(config.remediation.dry_run).toBe(false);
  });

  it("allow-lists the resource of every example that expects a remediation", () => {
    for (const example of examples) {
      const scenario = scenarios.get(example.name);
      if (example.expected.action === null || example.expected.action === undefined || scenario === undefined) continue;
      const candidates: Record<MutatingToolName, { patterns: string[]; names: string[] }> = {
        retry_glue_job: { patterns: allowList.glue_jobs, names: scenario.glue.jobs.map((job) => job.name) },
        retry_airflow_dag: {
          patterns: allowList.dags,
          names: scenario.mwaa.environments.flatMap((environment) => environment.dags.map((dag) => dag.dag_id)),
        },
        retry_athena_query: {
          patterns: allowList.athena_workgroups,
          names: scenario.athena.executions.map((execution) => execution.workgroup),
        },
        retry_emr: {
          patterns: allowList.emr_clusters,
          names: scenario.emr.clusters.flatMap((cluster) => [cluster.id, cluster.name]),
        },
      };
      const { patterns, names } = candidates[example.expected.action];
      expect(
        names.some((name) => matchesAny(patterns, name)),
        `${example.name}: none of ${names.join(", ")} is allow-listed`,
      ).toBe(true);
    }
  });

  it("leaves at least one example Glue job deliberately off the allow-list", () => {
    const glueJobs = [...scenarios.values()].flatMap((scenario) => scenario.glue.jobs.map((job) => job.name));
    expect(glueJobs.filter((name) => !matchesAny(allowList.glue_jobs, name)).length).toBeGreaterThan(0);
  });
});

/** The allow-list's glob: `*` matches any run of characters, everything else is literal. */
function matchesAny(patterns: readonly string[], name: string): boolean {
  return patterns.some((pattern) => {
    const literal = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${literal.join(".*")}$`).test(name);
  });
}
