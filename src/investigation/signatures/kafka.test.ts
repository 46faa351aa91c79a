/**
 * The Kafka and MSK signatures: each entry is valid, its id is unique and names its service, its own
 * example is recognised as it (so the order of the table is right), and it agrees with the generic
 * classifier wherever the classifier already decides.
 */
import { describe, expect, it } from "vitest";
import { classifyFailureText } from "../cause-patterns.js";
import { readFailureLine } from "../failure-text.js";
import { KAFKA_SIGNATURES } from "./kafka.js";
import { matchSignature, signatureTypes } from "./match.js";
import { isTransientNature, SignatureSchema, type Signature } from "./schema.js";

const SIGNATURES: readonly Signature[] = KAFKA_SIGNATURES.map((entry) => SignatureSchema.parse(entry));
// The table's own types are the reader's known types, as when the catalogue is consulted, so a type
// written without a colon (`…: org.apache.kafka.common.errors.DisconnectException.`) is still read.
const KNOWN_TYPES = signatureTypes(SIGNATURES);
const SERVICES: ReadonlySet<string> = new Set(["kafka"]);
/** What each nature asks for: a re-run now, a re-run later, or nothing. */
const REMEDIATION = { transient: "rerun", capacity: "rerun_later", permanent: "none" } as const;
const cases = SIGNATURES.map((signature) => [signature.id, signature] as const);

describe("KAFKA_SIGNATURES", () => {
  it("parses every entry with SignatureSchema", () => {
    for (const entry of KAFKA_SIGNATURES) expect(SignatureSchema.safeParse(entry).success, entry.id).toBe(true);
  });

  it("has unique ids, each prefixed by its own service", () => {
    const ids = SIGNATURES.map((signature) => signature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const signature of SIGNATURES) {
      expect(SERVICES.has(signature.service), signature.id).toBe(true);
      expect(signature.id.startsWith(`${signature.service}.`), signature.id).toBe(true);
    }
  });

  it("has single-line examples (failure text is matched line by line)", () => {
    for (const signature of SIGNATURES) expect(signature.example, signature.id).not.toMatch(/[\r\n]/);
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
    if (kind !== "undetermined")
      expect(kind === "transient", `classifier: ${kind}`).toBe(isTransientNature(signature.nature));
  });
});
