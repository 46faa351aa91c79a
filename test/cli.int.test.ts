/** The CLI as a user runs it: a real process, its stdout, stderr and exit code. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OrchestrationResultSchema } from "../src/state/result.js";
import { loadManifest } from "../src/examples/manifest.js";
import { runCliIsolated } from "./support/cli-once.js";

const dir = mkdtempSync(join(tmpdir(), "io-cli-"));

const cli = (...args: string[]) => runCliIsolated(dir, args);

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const firstExample = (await loadManifest("examples/manifest.json"))[0]!;

// `run` goes over MCP (a server subprocess under tsx); on two busy cores that can take tens of seconds.
describe("incident-orchestrator CLI", () => {
  it("rejects an invalid incident with one line naming each bad field", async () => {
    const { code, stdout, stderr } = await cli("run", file("bad.json", { sys_id: "", priority: [] }));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/incident\.sys_id/);
    expect(stderr).toMatch(/incident\.short_description/);
    expect(stderr).toMatch(/incident\.priority/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("names a missing file, malformed JSON and an invalid scenario", async () => {
    const missing = await cli("run", join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read incident file .*nope\.json/);

    const malformed = await cli("classify", file("broken.json", "{ not json"));
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/not valid JSON/);

    const incident = file("ok.json", { sys_id: "INC1", short_description: "Glue job x failed" });
    const scenario = await cli("run", incident, "--scenario", file("scenario.json", { glue: { jobs: [{ name: 1 }] } }));
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toMatch(/scenario\.glue\.jobs\.0\.name/);
  });

  it("names a bad config field", async () => {
    const incident = file("ok2.json", { sys_id: "INC1", short_description: "Glue job x failed" });
    const config = file("config.json", { policy: { thresholds: { auto_close: 2 } } });
    const { code, stderr } = await cli("run", incident, "--config", config);
    expect(code).toBe(2);
    expect(stderr).toMatch(/config\.policy\.thresholds\.auto_close/);
  });

  it("runs an example with --json and prints only the result document", async () => {
    const { code, stdout } = await cli(
      "run",
      firstExample.incidentPath,
      "--scenario",
      firstExample.scenarioPath,
      "--config",
      "examples/config.json",
      "--json",
    );
    expect(code).toBe(0);
    const result = OrchestrationResultSchema.parse(JSON.parse(stdout));
    expect(result.errors).toEqual([]);
  }, 120_000);

  it("streams each stage as it completes", async () => {
    const { code, stdout } = await cli(
      "run",
      firstExample.incidentPath,
      "--scenario",
      firstExample.scenarioPath,
      "--config",
      "examples/config.json",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ classify_intent/);
    expect(stdout).toMatch(/✓ policy_engine/);
  }, 120_000);

  it("classifies one incident and many", async () => {
    const one = await cli(
      "classify",
      file("one.json", { sys_id: "1", short_description: "Job SPENDING_POTS has failed Glue ETL failure" }),
      "--json",
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ intent: "glue_etl_failure" });

    const lines = [
      { sys_id: "1", short_description: "Job SPENDING_POTS has failed Glue ETL failure" },
      { sys_id: "2", short_description: "AccessDenied when reading s3://acme-raw/payments/" },
    ];
    const many = await cli("classify", file("many.jsonl", lines.map((line) => JSON.stringify(line)).join("\n")));
    expect(many.code).toBe(0);
    expect(
      many.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).sys_id),
    ).toEqual(["1", "2"]);
  });

  it("prints the graph as Mermaid", async () => {
    const { code, stdout } = await cli("graph");
    expect(code).toBe(0);
    expect(stdout).toMatch(/classify_intent/);
    expect(stdout).toMatch(/human_review/);
  });
});
