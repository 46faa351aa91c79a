/**
 * The error-signature catalogue: every service's signatures, parsed once (a bad entry fails at
 * start-up, naming it). Order matters where signatures overlap — the first match wins — so S3's
 * come before IAM's (an S3 KMS denial reads "is not authorized to perform" too), and each file
 * lists its own most specific first. docs/signatures.md is generated from this list.
 */
import { z } from "zod";
import { AIRFLOW_SIGNATURES } from "./airflow.js";
import { ATHENA_TRINO_SIGNATURES } from "./athena-trino.js";
import { EMR_YARN_SIGNATURES } from "./emr-yarn.js";
import { GLUE_SPARK_SIGNATURES } from "./glue-spark.js";
import { IAM_LAKEFORMATION_SIGNATURES } from "./iam-lakeformation.js";
import { KAFKA_SIGNATURES } from "./kafka.js";
import { S3_SIGNATURES } from "./s3.js";
import { SignatureSchema, type Signature } from "./schema.js";

const ALL = [
  ...S3_SIGNATURES,
  ...IAM_LAKEFORMATION_SIGNATURES,
  ...GLUE_SPARK_SIGNATURES,
  ...EMR_YARN_SIGNATURES,
  ...AIRFLOW_SIGNATURES,
  ...ATHENA_TRINO_SIGNATURES,
  ...KAFKA_SIGNATURES,
];

export const SIGNATURES: readonly Signature[] = z
  .array(SignatureSchema)
  .superRefine((signatures, context) => {
    const seen = new Set<string>();
    for (const [index, signature] of signatures.entries()) {
      if (seen.has(signature.id))
        context.addIssue({ code: "custom", path: [index, "id"], message: `duplicate id ${signature.id}` });
      seen.add(signature.id);
    }
  })
  .parse(ALL);
