import { describe, expect, it } from "vitest";
import { readFailureLine } from "../failure-text.js";
import { matchSignature, signatureTypes } from "./match.js";
import { SignatureSchema, type Signature, type SignatureInput } from "./schema.js";

const base = {
  label: "test",
  summary: "A signature for the tests.",
  example: "example",
  source: "https://example.com/source",
} as const;

const signature = (input: Omit<SignatureInput, keyof typeof base>): Signature =>
  SignatureSchema.parse({ ...base, ...input });

const THROTTLED = signature({
  id: "glue.rate-exceeded",
  service: "glue",
  nature: "capacity",
  pattern: "Rate exceeded",
  remediation: "rerun_later",
});
const MISSING_KEY = signature({
  id: "glue.no-such-key",
  service: "glue",
  nature: "permanent",
  types: ["NoSuchKey"],
  remediation: "none",
});
const TIMED_OUT = signature({
  id: "spark.timed-out",
  service: "spark",
  nature: "transient",
  pattern: "timed out",
  remediation: "rerun",
});
const CASE_SENSITIVE = signature({
  id: "emr.shouting",
  service: "emr",
  nature: "transient",
  pattern: "INTERNAL_ERROR",
  flags: "",
  remediation: "rerun",
});

const SIGNATURES = [THROTTLED, MISSING_KEY, TIMED_OUT, CASE_SENSITIVE];
const KNOWN = signatureTypes(SIGNATURES);
const read = (line: string) => readFailureLine(line, KNOWN);

describe("matchSignature", () => {
  it("matches a pattern against the line, case-insensitively by default", () => {
    expect(matchSignature(read("ThrottlingException: rate exceeded"), SIGNATURES)).toBe(THROTTLED);
  });

  it("honours a signature's own flags", () => {
    expect(matchSignature(read("State: INTERNAL_ERROR"), SIGNATURES)).toBe(CASE_SENSITIVE);
    expect(matchSignature(read("state: internal_error"), SIGNATURES)).toBeUndefined();
  });

  it("ignores a pattern that only appears inside quoted data", () => {
    const line = read('INVALID_FUNCTION_ARGUMENT: Invalid format: "Rate exceeded"');
    expect(line.masked).not.toContain("Rate exceeded");
    expect(matchSignature(line, SIGNATURES)).toBeUndefined();
  });

  it("never matches a line of program source quoted in a stack trace", () => {
    const line = read("raise TimeoutError('Read timed out')  # NoSuchKey");
    expect(line.source).toBe(true);
    expect(matchSignature(line, SIGNATURES)).toBeUndefined();
  });

  it("prefers a signature whose types the line names over an earlier pattern match", () => {
    const line = read("An error occurred (NoSuchKey) when calling the GetObject operation: Rate exceeded");
    expect(line.types).toContain("NoSuchKey");
    expect(matchSignature(line, SIGNATURES)).toBe(MISSING_KEY);
  });

  it("takes the first matching pattern in catalogue order", () => {
    const line = read("Rate exceeded while the request timed out");
    expect(matchSignature(line, SIGNATURES)).toBe(THROTTLED);
    expect(matchSignature(line, [TIMED_OUT, THROTTLED])).toBe(TIMED_OUT);
  });

  it("returns undefined when nothing matches, and for an empty catalogue", () => {
    expect(matchSignature(read("all good"), SIGNATURES)).toBeUndefined();
    expect(matchSignature(read("Rate exceeded"), [])).toBeUndefined();
  });

  it("gives the same answer on every call (the compiled pattern keeps no state)", () => {
    const line = read("Rate exceeded");
    expect([1, 2, 3].map(() => matchSignature(line, SIGNATURES))).toEqual([THROTTLED, THROTTLED, THROTTLED]);
  });
});

describe("signatureTypes", () => {
  it("collects every type once, from parsed signatures and raw entries alike", () => {
    expect([...signatureTypes(SIGNATURES)]).toEqual(["NoSuchKey"]);
    expect([...signatureTypes([{ id: "a", types: ["A", "B"] }, { id: "b" }, { id: "c", types: ["B"] }])]).toEqual([
      "A",
      "B",
    ]);
  });

  it("makes readFailureLine recognise a known type that does not look like an exception", () => {
    expect(readFailureLine("failed: NoSuchKey").types).toEqual([]);
    expect(readFailureLine("failed: NoSuchKey", signatureTypes(SIGNATURES)).types).toEqual(["NoSuchKey"]);
  });
});
