import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { docsTables, withTable } from "../scripts/docs-tables.js";
import { toolsTable } from "../src/tools/docs-table.js";
import { getGlueLogsTool } from "../src/tools/glue/get-glue-logs.js";
import { retryGlueJobTool } from "../src/tools/glue/retry-glue-job.js";

describe("tables generated from the definitions", () => {
  it.each(docsTables().map((table) => [`${table.file} ${table.name}`, table] as const))(
    "%s is up to date (npm run docs:tables)",
    (_label, table) => {
      const text = readFileSync(new URL(`../${table.file}`, import.meta.url), "utf8");
      expect(withTable(text, table)).toBe(text);
    },
  );

  it("lists each tool with whether it mutates, padded as Prettier pads a table", () => {
    expect(toolsTable([getGlueLogsTool, retryGlueJobTool]).split("\n")).toEqual([
      "| tool             | changes the world? | what it is                  |",
      "| ---------------- | ------------------ | --------------------------- |",
      "| `get_glue_logs`  | no                 | Glue job runs and error log |",
      "| `retry_glue_job` | **yes**            | Retry a Glue job            |",
    ]);
  });

  it("refuses a docs file without the table's markers", () => {
    expect(() => withTable("no markers", { file: "x.md", name: "t", table: "" })).toThrow(/markers of t/);
  });
});
