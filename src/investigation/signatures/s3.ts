/**
 * Error signatures of Amazon S3 as jobs see it (AWS SDKs, EMRFS, S3A, boto). Data only: each
 * `example` is copied from its `source`, read by ./match.ts.
 *
 * S3's own error codes (SlowDown, NoSuchKey, InvalidObjectState …) are given as types: each names
 * one cause. AccessDenied is not: IAM and STS use the same code, so the S3 entries recognise
 * their own wording instead, and the KMS denial (an AccessDenied too) comes first.
 */
import type { SignatureInput } from "./schema.js";

export const S3_SIGNATURES = [
  // ---- throttling and service-side errors (worth a retry) ------------------------------------
  {
    id: "s3.slow-down",
    service: "s3",
    label: "throttling",
    nature: "capacity",
    types: ["SlowDown"],
    pattern: "Please reduce your request rate",
    remediation: "rerun_later",
    summary:
      "S3 throttled requests to a prefix (503 SlowDown) while it scales; the same work succeeds with back-off or a lower request rate.",
    example:
      "com.amazonaws.services.s3.model.AmazonS3Exception: Please reduce your request rate. (Service: Amazon S3; Status Code: 503; Error Code: SlowDown; Request ID: 03D8D00FA3AD0455)",
    source: "https://github.com/flightstats/hub/issues/291",
  },
  {
    // The HTTP status line without the SDK's error code, as urllib and some S3 clients print it.
    id: "s3.http-503-slow-down",
    service: "s3",
    label: "throttling",
    nature: "capacity",
    pattern: "\\b503:? Slow Down\\b",
    remediation: "rerun_later",
    summary: "S3 answered 503 Slow Down (request rate too high for the prefix); a retry with back-off succeeds.",
    example: "urllib.error.HTTPError: HTTP Error 503: Slow Down",
    source: "https://github.com/cockpit-project/bots/issues/3991",
  },
  {
    id: "s3.internal-error",
    service: "s3",
    label: "internal error",
    nature: "transient",
    types: ["InternalError"],
    pattern: "We encountered an internal error\\. Please try again",
    remediation: "rerun",
    summary: "S3 failed internally (HTTP 500) and asks the caller to retry; the request itself is fine.",
    example:
      "com.amazonaws.services.s3.model.AmazonS3Exception: We encountered an internal error. Please try again. (Service: Amazon S3; Status Code: 500; Error Code: InternalError; Request ID: ZF4SE29Z7AT7V5GB; S3 Extended Request ID: zDX1oZrUxNzKRtvt5p2YmTe4E/TZlgxO7fDtKCUvIQpeogF35zpPa/zA7/u6h58yvVIWyOnJuk0=; Proxy: null)",
    source: "https://github.com/aws/aws-sdk-java/issues/2932",
  },
  {
    id: "s3.request-timeout",
    service: "s3",
    label: "timeout",
    nature: "transient",
    types: ["RequestTimeout"],
    pattern: "Your socket connection to the server was not read from or written to within the timeout period",
    remediation: "rerun",
    summary:
      "S3 closed an idle upload connection (400 RequestTimeout), usually a slow or stalled network; a retry succeeds.",
    example:
      "RequestTimeout: Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.",
    source: "https://github.com/ember-cli-deploy/ember-cli-deploy-s3/issues/108",
  },

  // ---- objects and buckets that are not there or not readable --------------------------------
  {
    id: "s3.no-such-key",
    service: "s3",
    label: "missing source data",
    nature: "permanent",
    types: ["NoSuchKey"],
    pattern: "The specified key does not exist",
    remediation: "none",
    summary:
      "The object the job reads does not exist (not written yet, or deleted); re-running before it lands fails the same way.",
    example:
      "Caused by: com.amazonaws.services.s3.model.AmazonS3Exception: The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey; Request ID: GGF611NKETEHN64H; S3 Extended Request ID: S6EGLJzEClNo76hUUKXd+lDNc2zBXVPFPmkp3nDcC38K0g1j/HuA32WwTYJe+zeRyVNYz45ZiwU=; Proxy: null), S3 Extended Request ID: S6EGLJzEClNo76hUUKXd+lDNc2zBXVPFPmkp3nDcC38K0g1j/HuA32WwTYJe+zeRyVNYz45ZiwU=",
    source: "https://github.com/awslabs/amazon-s3-tagging-spark-util/issues/5",
  },
  {
    id: "s3.no-such-bucket",
    service: "s3",
    label: "missing source data",
    nature: "permanent",
    types: ["NoSuchBucket"],
    pattern: "The specified bucket does not exist",
    remediation: "none",
    summary:
      "The bucket named does not exist (deleted, misspelt, or in another partition); nothing changes on a re-run.",
    example:
      "fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist",
    source: "https://github.com/cvdfoundation/open-images-dataset/issues/19",
  },
  {
    // Glacier / Deep Archive objects can be listed but not read until they are restored.
    id: "s3.archived-object",
    service: "s3",
    label: "archived object",
    nature: "permanent",
    types: ["InvalidObjectState"],
    pattern: "The operation is not valid for the object's storage class",
    remediation: "none",
    summary:
      "The job reads an object in the GLACIER or DEEP_ARCHIVE storage class; it fails until the object is restored or excluded from the read.",
    example: "AmazonS3Exception: The operation is not valid for the object's storage class.",
    source: "https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-storage-classes.html",
  },

  // ---- permissions and credentials -----------------------------------------------------------
  {
    // Before the plain S3 denial: the object is readable, its KMS key is not.
    id: "s3.kms-decrypt-denied",
    service: "s3",
    label: "access denied",
    nature: "permanent",
    pattern: "not authori[sz]ed to perform: kms:(?:Decrypt|GenerateDataKey)",
    remediation: "none",
    summary:
      "The object is encrypted with a KMS key the job's role may not use (kms:Decrypt, or kms:GenerateDataKey to write); the key or role policy must grant it.",
    example:
      "Message: com.amazonaws.services.s3.model.AmazonS3Exception: User: arn:aws:sts::xxxx:assumed-role/observability-platform/xxxx is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-2:xxx:key/x because no identity-based policy allows the kms:Decrypt action",
    source: "https://github.com/ministryofjustice/modernisation-platform-environments/pull/10745",
  },
  {
    id: "s3.access-denied",
    service: "s3",
    label: "access denied",
    nature: "permanent",
    pattern:
      "Access Denied \\(Service: (?:Amazon )?S3\\b|\\(AccessDenied\\) when calling the (?:(?:Get|Put|Head|Copy|Delete)Object\\w*|DeleteObjects|ListObjects(?:V2)?|ListBucket|HeadBucket|(?:Get|Put)Bucket\\w*) operation",
    remediation: "none",
    summary:
      "S3 refused the request (403 AccessDenied): the role, the bucket policy, an access point or Block Public Access denies it; it fails until a policy changes.",
    example:
      'Exception in thread "main" com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: REQUEST_ID',
    source: "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-troubleshoot-error-vpc.html",
  },
  {
    id: "s3.unknown-access-key",
    service: "s3",
    label: "access denied",
    nature: "permanent",
    types: ["InvalidAccessKeyId"],
    pattern: "The AWS Access Key Id you provided does not exist in our records",
    remediation: "none",
    summary:
      "The access key signing the request does not exist (deleted user or role, wrong credentials); requests fail until the credentials are replaced.",
    example:
      "ResponseCode: 403, ResponseStatus: Forbidden, The AWS Access Key Id you provided does not exist in our records",
    source: "https://github.com/aws/aws-sdk-java/issues/1911",
  },
] as const satisfies readonly SignatureInput[];
