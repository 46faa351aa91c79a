/**
 * Hostile input on the command line (issue 9, finding 4): deep nesting, a lone surrogate. Each is
 * one line on stderr naming the field and exit code 2, before any run starts. Every other boundary
 * (config, scenario, dataset, answers, file size) is covered in-process by input-boundaries.test.ts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliIsolated } from "./support/cli-once.js";

const dir = mkdtempSync(join(tmpdir(), "io-cli-bounds-"));

const cli = (...args: string[]) => runCliIsolated(dir, args);

/** JSON text nesting `levels` arrays, written without JSON.stringify (which would overflow). */
const deepArrays = (levels: number) => `${"[".repeat(levels)}"x"${"]".repeat(levels)}`;
const deepObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const ticket = '"sys_id":"INC1","short_description":"Glue job SPENDING_POTS failed"';

/** The one line a user error prints, checked for shape: one line, exit 2, no stack. */
function expectOneLine(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at |unexpected error|RangeError|URIError/);
}

// Each call starts the CLI under tsx; on two busy cores that can take tens of seconds.
describe("the CLI on hostile input", { timeout: 90_000 }, () => {
  const deepIncident = file("deep.json", `{${ticket},"additional_info":{"x":${deepArrays(2_000)}}}`);

  it("run: 2,000 nested arrays in additional_info", async () => {
    expectOneLine(
      await cli("run", deepIncident, "--in-process"),
      /^incident-orchestrator: invalid incident: incident\.additional_info\.x\[0\]\[0\].*: nested deeper than 32 levels$/,
    );
  });

  it("classify: 5,000 nested objects, and 100,000 nested arrays on a JSON Lines line", async () => {
    expectOneLine(
      await cli("classify", file("deep-objects.json", `{${ticket},"additional_info":${deepObjects(5_000)}}`)),
      /invalid incident: incident\.additional_info\.a\.a\.a.*: nested deeper than 32 levels$/,
    );
    const lines = `{${ticket}}\n{${ticket},"u_payload":${deepArrays(100_000)}}\n`;
    expectOneLine(
      await cli("classify", file("deep.jsonl", lines)),
      /: line 2: invalid incident: incident\.u_payload\[0\]\[0\].*: nested deeper than 32 levels$/,
    );
  });

  it('run: a sys_id with a lone surrogate ("\\ud800abc")', async () => {
    const incident = file("surrogate.json", '{"sys_id":"\\ud800abc","short_description":"Glue job failed"}');
    expectOneLine(
      await cli("run", incident, "--in-process"),
      /invalid incident: incident\.sys_id: string is not well-formed Unicode \(a lone surrogate at character 0\)$/,
    );
  });

  it("a deep --edit", async () => {
    const edit = `{"action":"retry_glue_job","args":{"arguments":${deepArrays(3_000)}}}`;
    expectOneLine(
      await cli("resume", "INC1", "--edit", edit, "--by", "tester"),
      /invalid edit: edit\.args\.arguments\[0\]\[0\].*: nested deeper than 32 levels$/,
    );
  });
});
