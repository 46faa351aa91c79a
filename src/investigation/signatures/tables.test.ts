/**
 * Every signature table of the catalogue: each entry is valid, its id is unique and names its
 * service, its example is one line, its remediation follows its nature, its own example is
 * recognised as it within its table (so the table's order is right), and it agrees with the generic
 * classifier wherever the classifier already decides.
 */
import { describe, expect, it } from "vitest";
import { classifyFailureText } from "../cause-patterns.js";
import { readFailureLine } from "../failure-text.js";
import { AIRFLOW_SIGNATURES } from "./airflow.js";
import { ATHENA_TRINO_SIGNATURES } from "./athena-trino.js";
import { EMR_YARN_SIGNATURES } from "./emr-yarn.js";
import { GLUE_SPARK_SIGNATURES } from "./glue-spark.js";
import { IAM_LAKEFORMATION_SIGNATURES } from "./iam-lakeformation.js";
import { KAFKA_SIGNATURES } from "./kafka.js";
import { matchSignature, signatureTypes } from "./match.js";
import { S3_SIGNATURES } from "./s3.js";
import { isTransientNature, SignatureSchema, type Signature, type SignatureInput } from "./schema.js";

const TABLES: ReadonlyArray<readonly [string, readonly SignatureInput[], readonly string[]]> = [
  ["GLUE_SPARK_SIGNATURES", GLUE_SPARK_SIGNATURES, ["glue", "spark"]],
  ["EMR_YARN_SIGNATURES", EMR_YARN_SIGNATURES, ["emr", "yarn"]],
  ["S3_SIGNATURES", S3_SIGNATURES, ["s3"]],
  ["IAM_LAKEFORMATION_SIGNATURES", IAM_LAKEFORMATION_SIGNATURES, ["iam", "lakeformation"]],
  ["AIRFLOW_SIGNATURES", AIRFLOW_SIGNATURES, ["airflow", "mwaa"]],
  ["ATHENA_TRINO_SIGNATURES", ATHENA_TRINO_SIGNATURES, ["athena", "trino"]],
  ["KAFKA_SIGNATURES", KAFKA_SIGNATURES, ["kafka"]],
];

/** What each nature asks for: a re-run now, a re-run later, or nothing. */
const REMEDIATION = { transient: "rerun", capacity: "rerun_later", permanent: "none" } as const;

describe.each(TABLES)("%s", (_name, table, services) => {
  const signatures: readonly Signature[] = table.map((entry) => SignatureSchema.parse(entry));
  // The table's own types are the reader's known types, as when the catalogue is consulted.
  const knownTypes = signatureTypes(signatures);
  const cases = signatures.map((signature) => [signature.id, signature] as const);

  it("parses every entry, with unique ids prefixed by their own service and one-line examples", () => {
    const ids = signatures.map((signature) => signature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const signature of signatures) {
      expect(services, signature.id).toContain(signature.service);
      expect(signature.id.startsWith(`${signature.service}.`), signature.id).toBe(true);
      expect(signature.example, signature.id).not.toMatch(/[\r\n]/);
    }
  });

  it.each(cases)("%s: its remediation follows its nature", (_id, signature) => {
    expect(signature.remediation).toBe(REMEDIATION[signature.nature]);
  });

  it.each(cases)("%s: its own example matches it first", (_id, signature) => {
    expect(matchSignature(readFailureLine(signature.example, knownTypes), signatures)?.id).toBe(signature.id);
  });

  it.each(cases)("%s: agrees with the classifier where it decides", (_id, signature) => {
    const { kind } = classifyFailureText(signature.example);
    if (kind !== "undetermined") {
      expect(kind === "transient", `classifier: ${kind}`).toBe(isTransientNature(signature.nature));
    }
  });
});
