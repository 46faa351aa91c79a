/**
 * The Glue and Spark signatures: each entry is valid, its id is unique and names its service, its own
 * example is recognised as it (so the order of the table is right), and it agrees with the
 * generic classifier wherever the classifier already decides.
 */
import { describe, expect, it } from "vitest";
import { classifyFailureText } from "../cause-patterns.js";
import { readFailureLine } from "../failure-text.js";
import { GLUE_SPARK_SIGNATURES } from "./glue-spark.js";
import { matchSignature, signatureTypes } from "./match.js";
import { isTransientNature, SignatureSchema, type Signature } from "./schema.js";

const SIGNATURES: readonly Signature[] = GLUE_SPARK_SIGNATURES.map((entry) => SignatureSchema.parse(entry));
const KNOWN_TYPES = signatureTypes(SIGNATURES);
const SERVICES: ReadonlySet<string> = new Set(["glue", "spark"]);
/** What each nature asks for: a re-run now, a re-run later, or nothing. */
const REMEDIATION = { transient: "rerun", capacity: "rerun_later", permanent: "none" } as const;
const cases = SIGNATURES.map((signature) => [signature.id, signature] as const);

describe("GLUE_SPARK_SIGNATURES", () => {
  it("parses every entry with SignatureSchema", () => {
    for (const entry of GLUE_SPARK_SIGNATURES) expect(SignatureSchema.safeParse(entry).success).toBe(true);
  });

  it("has unique ids, each prefixed by its own service", () => {
    const ids = SIGNATURES.map((signature) => signature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const signature of SIGNATURES) {
      expect(SERVICES.has(signature.service)).toBe(true);
      expect(signature.id.startsWith(`${signature.service}.`)).toBe(true);
    }
  });

  it.each(cases)("%s: its remediation follows its nature", (_id, signature) => {
    expect(signature.remediation).toBe(REMEDIATION[signature.nature]);
  });

  it.each(cases)("%s: its own example matches it first", (_id, signature) => {
    const line = readFailureLine(signature.example, KNOWN_TYPES);
    expect(matchSignature(line, SIGNATURES)?.id).toBe(signature.id);
  });

  it.each(cases)("%s: agrees with the classifier where it decides", (_id, signature) => {
    const { kind } = classifyFailureText(signature.example);
    if (kind !== "undetermined") expect(kind === "transient").toBe(isTransientNature(signature.nature));
  });
});
