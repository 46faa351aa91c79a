import { describe, expect, it } from "vitest";
import { buildTicketText, flattenAdditionalInfo, normaliseText } from "./text.js";

describe("normaliseText", () => {
  it("collapses whitespace per line and drops empty lines", () => {
    expect(normaliseText("  Glue   job\t\tfailed  \r\n\r\n  run  jr_ab  ")).toBe("Glue job failed\nrun jr_ab");
  });

  it("removes invisible characters and folds look-alikes to ASCII", () => {
    expect(normaliseText("Access\u200BDenied \u201Cquoted\u201D \u2018x\u2019 a\u2013b")).toBe(
      "AccessDenied \"quoted\" 'x' a-b",
    );
    // NFKC: full-width letters read as plain ones.
    expect(normaliseText("\uFF27\uFF4C\uFF55\uFF45 job")).toBe("Glue job");
  });

  it("strips formatting markup but keeps Airflow reprs", () => {
    expect(normaliseText("<p>DAG <b>x</b> failed</p><br/>[code]log[/code]")).toBe("DAG x failed\nlog");
    expect(normaliseText("<TaskInstance: d.t scheduled__x [failed]>")).toBe(
      "<TaskInstance: d.t scheduled__x [failed]>",
    );
  });

  it("caps very long input", () => {
    expect(normaliseText("x ".repeat(50_000)).length).toBeLessThanOrEqual(8_000);
  });
});

describe("flattenAdditionalInfo", () => {
  it("keeps a plain string as it is", () => {
    expect(flattenAdditionalInfo("dag_id=daily_sales")).toBe("dag_id=daily_sales");
  });

  it("flattens nested objects and arrays into key=value lines", () => {
    const flat = flattenAdditionalInfo({
      dag_id: "daily_sales",
      error: { code: "HIVE_BAD_DATA", retries: 3, fatal: true, ignored: null },
      tags: ["prod", "finance"],
    });
    expect(flat.split("\n")).toEqual([
      "dag_id=daily_sales",
      "error.code=HIVE_BAD_DATA",
      "error.retries=3",
      "error.fatal=true",
      "tags=prod",
      "tags=finance",
    ]);
  });

  it("parses a string that holds a JSON object", () => {
    expect(flattenAdditionalInfo('{"glue_job":"SPENDING_POTS","run":{"id":"jr_ab"}}')).toBe(
      "glue_job=SPENDING_POTS\nrun.id=jr_ab",
    );
    expect(flattenAdditionalInfo("{not json}")).toBe("{not json}");
  });

  it("caps depth and entry count", () => {
    let deep: Record<string, unknown> = { leaf: "too-deep" };
    for (let level = 0; level < 10; level += 1) deep = { next: deep };
    expect(flattenAdditionalInfo(deep)).toBe("");
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(flattenAdditionalInfo(wide).split("\n")).toHaveLength(200);
  });

  it("survives any depth: 100,000 nested arrays, in an object or in a string of JSON", () => {
    let deep: unknown = "leaf";
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(flattenAdditionalInfo({ dag_id: "daily_sales", deep } as Record<string, unknown>)).toBe(
      "dag_id=daily_sales",
    );
    const text = `{"dag_id":"daily_sales","deep":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(flattenAdditionalInfo(text)).toBe("dag_id=daily_sales");
  });

  it("returns nothing for undefined", () => {
    expect(flattenAdditionalInfo(undefined)).toBe("");
  });
});

describe("buildTicketText", () => {
  it("puts the short description in the subject and labels the other fields in the body", () => {
    const text = buildTicketText({
      sys_id: "1",
      short_description: "  Job SPENDING_POTS has failed  ",
      description: "Glue ETL failure",
      category: "Data Pipeline",
      subcategory: "ETL",
      cmdb_ci: "AWS Glue",
      assignment_group: "Data Platform",
      additional_info: { glue_job: "SPENDING_POTS" },
    });
    expect(text.subject).toBe("Job SPENDING_POTS has failed");
    expect(text.body.split("\n")).toEqual([
      "Glue ETL failure",
      "category: Data Pipeline",
      "subcategory: ETL",
      "configuration item: AWS Glue",
      "assignment group: Data Platform",
      "glue_job=SPENDING_POTS",
    ]);
  });

  it("leaves the body empty when there is nothing but a subject", () => {
    expect(buildTicketText({ sys_id: "1", short_description: "x", description: "   " })).toEqual({
      subject: "x",
      body: "",
    });
  });
});
