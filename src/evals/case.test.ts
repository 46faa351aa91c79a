import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../config/schema.js";
import { loadDataset } from "./case.js";
import { caseConfig } from "./run-case.js";

const dir = mkdtempSync(join(tmpdir(), "io-evals-"));
const incident = { sys_id: "a1", short_description: "Glue job daily_sales_etl failed" };

function dataset(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n"));
  return path;
}

describe("loadDataset", () => {
  it("resolves inline, relative-path and omitted scenarios", async () => {
    writeFileSync(join(dir, "world.json"), JSON.stringify({ glue: { jobs: [{ name: "daily_sales_etl" }] } }));
    const cases = await loadDataset(
      dataset("ok.jsonl", [
        {
          id: "inline",
          incident,
          scenario: { s3: { buckets: [{ name: "raw-bucket" }] } },
          expected: { intent: "glue_etl_failure" },
        },
        { id: "path", incident, scenario: "world.json", expected: { intent: "glue_etl_failure" } },
        "",
        { id: "empty", incident, expected: { intent: "glue_etl_failure" }, tags: ["terse"] },
      ]),
    );
    expect(cases.map((c) => [c.id, c.line])).toEqual([
      ["inline", 1],
      ["path", 2],
      ["empty", 4],
    ]);
    expect(cases[0]?.scenario.s3.buckets[0]?.name).toBe("raw-bucket");
    expect(cases[1]?.scenario.glue.jobs[0]?.name).toBe("daily_sales_etl");
    expect(cases[2]?.scenario.glue.jobs).toEqual([]);
  });

  it("names the line and the field of a bad case", async () => {
    await expect(
      loadDataset(dataset("bad.jsonl", [{ id: "x", incident: { sys_id: "a" }, expected: { intent: "nope" } }])),
    ).rejects.toThrow(/line 1: case\.incident\.short_description: .*case\.expected\.intent/);
    await expect(loadDataset(dataset("json.jsonl", ["{ nope"]))).rejects.toThrow(/line 1 is not valid JSON/);
    await expect(
      loadDataset(
        dataset("scenario.jsonl", [
          { id: "x", incident, scenario: { glue: { jobs: [{}] } }, expected: { intent: "unknown" } },
        ]),
      ),
    ).rejects.toThrow(/line 1: case\.scenario\.glue\.jobs\.0\.name/);
    await expect(
      loadDataset(
        dataset("config.jsonl", [
          { id: "x", incident, expected: { intent: "unknown" }, config: { policy: { thresholds: { auto_close: 3 } } } },
        ]),
      ),
    ).rejects.toThrow(/case\.config\.policy\.thresholds\.auto_close/);
  });

  it("refuses duplicate ids and an empty dataset", async () => {
    const twice = { id: "x", incident, expected: { intent: "unknown" } };
    await expect(loadDataset(dataset("dup.jsonl", [twice, twice]))).rejects.toThrow(
      /line 2: case\.id "x" is used twice/,
    );
    await expect(loadDataset(dataset("empty.jsonl", [""]))).rejects.toThrow(/has no cases/);
  });
});

describe("caseConfig", () => {
  const base = ConfigSchema.parse({ remediation: { allow_list: { glue_jobs: ["*"], dags: ["*"] } } });

  it("deep-merges a case's overrides, arrays replacing", () => {
    const merged = caseConfig(base, { remediation: { dry_run: true, allow_list: { glue_jobs: ["daily_*"] } } });
    expect(merged.remediation.dry_run).toBe(true);
    expect(merged.remediation.allow_list.glue_jobs).toEqual(["daily_*"]);
    expect(merged.remediation.allow_list.dags).toEqual(["*"]);
    expect(base.remediation.allow_list.glue_jobs).toEqual(["*"]);
  });

  it("returns the run's config when the case has none", () => {
    expect(caseConfig(base, undefined)).toBe(base);
  });
});
