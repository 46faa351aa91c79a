/**
 * Every user-input boundary holds the input limits of src/safety/bounds.ts before zod's result
 * reaches anything that walks it (issue 9, finding 4): config files, scenario files, eval
 * datasets, review answers, incidents from the library, and the size of a file before it is read.
 * Each failure is a UserInputError with one line naming the field.
 */
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigFile, resolveConfig } from "../src/config/load.js";
import { parseOrThrow, UserInputError } from "../src/errors.js";
import { loadDataset } from "../src/evals/case.js";
import { readIncidents } from "../src/io/read-incidents.js";
import { MAX_INPUT_FILE_BYTES, readTextFile } from "../src/io/read-json.js";
import { parseIncident } from "../src/orchestrator.js";
import { loadScenarioFile } from "../src/sandbox/session.js";
import { HumanResponseSchema } from "../src/state/review.js";

const dir = mkdtempSync(join(tmpdir(), "io-boundaries-"));
const deepObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
const deepArrays = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
const incident = { sys_id: "INC1", short_description: "Glue job SPENDING_POTS failed" };

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The error a call throws, checked to be one UserInputError line. */
async function userError(call: () => unknown): Promise<string> {
  const error = await Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(UserInputError);
  const message = (error as Error).message;
  expect(message.split("\n")).toHaveLength(1);
  return message;
}

describe("input boundaries", () => {
  it("config: a file nested 3,000 deep, a key with a lone surrogate", async () => {
    const path = file("config.json", `{"policy":${deepObjects(3_000)}}`);
    expect(await userError(() => loadConfigFile(path))).toMatch(
      /^invalid config: config\.policy\.a\.a.*: nested deeper than 32 levels$/,
    );
    expect(await userError(() => resolveConfig({ ["bad\ud800"]: 1 } as never))).toBe(
      'invalid config: config: key is not well-formed Unicode (a lone surrogate at character 3) (key "bad\\ud800")',
    );
  });

  it("scenario: a lone surrogate and a NUL in a field", async () => {
    const surrogate = file("s1.json", '{"glue":{"jobs":[{"name":"job\\udc00"}]}}');
    expect(await userError(() => loadScenarioFile(surrogate))).toBe(
      "invalid scenario: scenario.glue.jobs[0].name: string is not well-formed Unicode (a lone surrogate at character 3)",
    );
    const nul = file("s2.json", '{"logs":{"groups":[{"name":"g","streams":[{"name":"s\\u0000","events":[]}]}]}}');
    expect(await userError(() => loadScenarioFile(nul))).toMatch(
      /^invalid scenario: scenario\.logs\.groups\[0\]\.streams\[0\]\.name: string contains a NUL/,
    );
  });

  it("eval dataset: a deep incident and a deep inline scenario are named by line and field", async () => {
    const expected = '"expected":{"intent":"glue_etl_failure"}';
    const deepIncident = `{"id":"a","incident":{"sys_id":"1","short_description":"x","u":${deepArrays(5_000)}},${expected}}`;
    expect(await userError(() => loadDataset(file("d1.jsonl", deepIncident)))).toMatch(
      /^dataset .*d1\.jsonl line 1: case\.incident\.u\[0\]\[0\].*: nested deeper than 32 levels$/,
    );
    const ok = JSON.stringify({ id: "ok", incident, expected: { intent: "glue_etl_failure" } });
    const deepScenario = `{"id":"b","incident":${JSON.stringify(incident)},"scenario":{"glue":${deepObjects(40)}},${expected}}`;
    expect(await userError(() => loadDataset(file("d2.jsonl", `${ok}\n${deepScenario}\n`)))).toMatch(
      /line 2: case\.scenario\.glue\.a\.a.*: nested deeper than 32 levels$/,
    );
    const proto = `{"id":"c","incident":{"sys_id":"1","short_description":"x","__proto__":{}},${expected}}`;
    expect(await userError(() => loadDataset(file("d3.jsonl", proto)))).toMatch(
      /line 1: case\.incident: key "__proto__" is not allowed$/,
    );
  });

  it("review answers: a deep edit, a reviewer with a lone surrogate", async () => {
    const deep: unknown = JSON.parse(
      `{"type":"edit","args":{"action":"retry_glue_job","args":{"x":${deepArrays(4_000)}}}}`,
    );
    expect(await userError(() => parseOrThrow(HumanResponseSchema, deep, "answer"))).toMatch(
      /^invalid answer: answer\.args\.args\.x\[0\]\[0\].*: nested deeper than 32 levels$/,
    );
    expect(
      await userError(() => parseOrThrow(HumanResponseSchema, { type: "ignore", reviewer: "a\ud800" }, "answer")),
    ).toBe("invalid answer: answer.reviewer: string is not well-formed Unicode (a lone surrogate at character 1)");
  });

  it("incidents from the library: __proto__ keys, non-JSON values, 100,000 nested arrays", async () => {
    // zod would drop a `__proto__` key without a word: the library checks the raw value first…
    const proto: unknown = JSON.parse('{"sys_id":"1","short_description":"x","additional_info":{"__proto__":{"a":1}}}');
    expect(await userError(() => parseIncident(proto))).toBe(
      'invalid incident: incident.additional_info: key "__proto__" is not allowed',
    );
    // …and so do files, naming the line.
    const line = '{"sys_id":"1","short_description":"x","additional_info":{"__proto__":{"a":1}}}';
    const path = file("proto.jsonl", `${JSON.stringify(incident)}\n${line}\n`);
    expect(await userError(() => readIncidents(path))).toBe(
      'line 2: invalid incident: incident.additional_info: key "__proto__" is not allowed',
    );
    expect(await userError(() => parseIncident({ ...incident, u_when: new Date(0) }))).toBe(
      "invalid incident: incident.u_when: is a Date, not JSON data",
    );
    const deep: unknown = JSON.parse(`{"sys_id":"1","short_description":"x","u":${deepArrays(100_000)}}`);
    expect(await userError(() => parseIncident(deep))).toMatch(/^invalid incident: incident\.u\[0\]/);
  });

  it("files: too large to read is refused before reading, with the size and the limit", async () => {
    const big = file("big.jsonl", "");
    truncateSync(big, MAX_INPUT_FILE_BYTES + 1); // sparse: nothing is written
    expect(await userError(() => readIncidents(big))).toBe(
      `incidents file ${big} is ${MAX_INPUT_FILE_BYTES + 1} bytes, larger than the limit of ${MAX_INPUT_FILE_BYTES} bytes`,
    );
    expect(await userError(() => readTextFile(file("small.json", "x".repeat(200)), "incident", 100))).toMatch(
      /is 200 bytes, larger than the limit of 100 bytes$/,
    );
    expect(await userError(() => readTextFile(dir, "incident"))).toBe(`cannot read incident file ${dir}`);
  });
});
