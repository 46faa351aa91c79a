/**
 * Error signatures of IAM and STS (who may do what, and with which credentials) and of AWS Lake
 * Formation (who may read which table). Data only: each `example` is copied from its `source`,
 * read by ./match.ts. All are permanent: a denial, an expired or wrong credential, or a clock
 * that signs requests wrongly fails the same way until a policy, the credentials or the host
 * change; the classifier agrees (it calls ExpiredToken a denial too).
 *
 * Order matters (first match wins). IAM's access-denied message always has the same shape, "User:
 * … is not authorized to perform: <action> [on resource: …] [because no <type> policy allows … |
 * with an explicit deny in a <type> policy]"; the policy type is the useful part, so the entries
 * naming it come before the generic one. AccessDenied and AccessDeniedException are not given as
 * types: S3, Glue and Lake Formation share them, and a type would win over every pattern here.
 */
import type { SignatureInput } from "./schema.js";

const IAM_ACCESS_DENIED = "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html";
const IAM_SIGNATURE_V4 = "https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html";

export const IAM_LAKEFORMATION_SIGNATURES = [
  // ---- Lake Formation (before IAM: its denials come as AccessDeniedException too) ------------
  {
    id: "lakeformation.create-database-denied",
    service: "lakeformation",
    label: "access denied",
    nature: "permanent",
    pattern: "Insufficient Lake Formation permission\\(s\\): Required Create Database",
    remediation: "none",
    summary:
      "The principal lacks Lake Formation's CREATE_DATABASE permission on the catalogue; it must be granted in Lake Formation.",
    example:
      "creating Glue Catalog Database (tf-acc-test-2531870600998170500): operation error Glue: CreateDatabase, https response error StatusCode: 400, RequestID: 57fbae9d-d244-415c-9237-121cfe5142e9, api error AccessDeniedException: Insufficient Lake Formation permission(s): Required Create Database on Catalog",
    source: "https://github.com/hashicorp/terraform-provider-aws/pull/49398",
  },
  {
    id: "lakeformation.insufficient-permissions",
    service: "lakeformation",
    label: "access denied",
    nature: "permanent",
    pattern: "Insufficient Lake Formation permission",
    remediation: "none",
    summary:
      "Lake Formation does not grant the job's role the permission it needs on the table or database (SELECT, DESCRIBE …); IAM alone cannot fix it.",
    example:
      "Exception in User Class: com.amazonaws.services.glue.model.AccessDeniedException: Insufficient Lake Formation permission(s) on impact_sdg_involvement (Service: Amazon Glue; Status Code: 400; Error Code: AccessDeniedException; Request ID: 465ae693-b7ba-4df0-a4e4-6b17xxxxxxxx; Proxy: null).",
    source: "https://docs.amazonaws.cn/en_us/glue/latest/dg/data-quality-trouble.html",
  },
  {
    // Spark on EMR reading a Lake Formation table the user has no grant on.
    id: "lakeformation.unable-to-fetch-table",
    service: "lakeformation",
    label: "access denied",
    nature: "permanent",
    pattern: "Unable to fetch table\\b.{0,200}?requester is not authorized",
    remediation: "none",
    summary:
      "The user has no Lake Formation grant on the table (or it does not exist); access must be granted in Lake Formation.",
    example:
      "org.apache.spark.sql.AnalysisException: org.apache.hadoop.hive.ql.metadata.HiveException: Unable to fetch table table. Resource does not exist or requester is not authorized to access requested permissions. (Service: AWSGlue; Status Code: 400; Error Code: AccessDeniedException; Request ID: …",
    source: "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-troubleshoot-lf.html",
  },
  {
    id: "lakeformation.resource-not-authorized",
    service: "lakeformation",
    label: "access denied",
    nature: "permanent",
    pattern: "requester is not authorized to access requested permissions\\. \\(Service: AWSLakeFormation\\b",
    remediation: "none",
    summary:
      "Lake Formation will not say whether the resource exists: it is absent, or the caller may not see or grant it. Either way it fails again.",
    example:
      "Resource does not exist or requester is not authorized to access requested permissions. (Service: AWSLakeFormation; Status Code: 400; Error Code: AccessDeniedException; Request ID: {..RequestID..}; Proxy: null)",
    source: "https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1302",
  },
  {
    id: "lakeformation.access-not-allowed",
    service: "lakeformation",
    label: "access denied",
    nature: "permanent",
    pattern:
      "lakeformation\\S*AccessDeniedException: Access is not allowed|Access is not allowed\\. \\(Service: LakeFormation\\b",
    remediation: "none",
    summary:
      "Lake Formation refused the engine's data access (no grant, or the engine is not allowed to filter data); a grant or opt-in must change first.",
    example:
      "software.amazon.awssdk.services.lakeformation.model.AccessDeniedException: Access is not allowed. (Service: LakeFormation, Status Code: 400, Request ID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxx)",
    source: "https://github.com/apache/iceberg/issues/11126",
  },

  // ---- IAM: which policy denied the action ---------------------------------------------------
  {
    id: "iam.pass-role-denied",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "is not authori[sz]ed to perform: iam:PassRole\\b",
    remediation: "none",
    summary:
      "The caller may not hand the named role to a service (iam:PassRole); the job cannot start with that role until it may.",
    example:
      "ClientError: An error occurred (AccessDenied) when calling the PutLifecycleHook operation: User: arn:aws:sts::111122223333:assumed-role/Testrole/Diego is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_roles.html",
  },
  {
    id: "iam.trust-policy-denied",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "because no role trust policy allows|with an explicit deny in the role trust policy",
    remediation: "none",
    summary:
      "The role's trust policy does not let the caller assume it (sts:AssumeRole); the trust policy must name the caller.",
    example:
      "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action",
    source: IAM_ACCESS_DENIED,
  },
  {
    id: "iam.scp-denied",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "with an explicit deny in a service control policy|because no service control policy allows",
    remediation: "none",
    summary:
      "An AWS Organizations service control policy denies the action for the whole account; only the organisation's administrators can change it.",
    example:
      "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy",
    source: IAM_ACCESS_DENIED,
  },
  {
    id: "iam.vpc-endpoint-policy-denied",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "because no VPC endpoint policy allows|with an explicit deny in a VPC endpoint policy",
    remediation: "none",
    summary:
      "The VPC endpoint the request goes through has a policy that does not allow the action; the endpoint policy must change.",
    example:
      "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action",
    source: IAM_ACCESS_DENIED,
  },
  {
    id: "iam.permissions-boundary-denied",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "because no permissions boundary allows|with an explicit deny in a permissions boundary",
    remediation: "none",
    summary:
      "The role's permissions boundary does not allow the action, whatever its policies grant; the boundary must change.",
    example:
      "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action",
    source: IAM_ACCESS_DENIED,
  },
  {
    id: "iam.session-policy-denied",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "because no session policy allows|with an explicit deny in a sessions? policy",
    remediation: "none",
    summary:
      "The session policy passed when the role was assumed does not allow the action; the caller must assume the role without it.",
    example:
      "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action",
    source: IAM_ACCESS_DENIED,
  },
  {
    id: "iam.resource-policy-denied",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "because no resource-based policy allows|with an explicit deny in a resource-based policy",
    remediation: "none",
    summary:
      "The resource's own policy (bucket, key, secret) does not allow the caller; the resource policy must change.",
    example:
      "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: secretsmanager:GetSecretValue because no resource-based policy allows the secretsmanager:GetSecretValue action",
    source: IAM_ACCESS_DENIED,
  },
  {
    id: "iam.identity-policy-explicit-deny",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "with an explicit deny in an identity-based policy",
    remediation: "none",
    summary: "A Deny statement in the caller's own policies blocks the action; an Allow elsewhere cannot override it.",
    example:
      "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in an identity-based policy",
    source: IAM_ACCESS_DENIED,
  },
  {
    id: "iam.identity-policy-missing",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "because no identity-based policy allows",
    remediation: "none",
    summary:
      "None of the role's policies allows the action; the role needs a policy granting it before the job can succeed.",
    example:
      "Jun 22 14:32:00.128 DEBUG 699 com.simba.athena.athena.api.AJClient.checkGlueSupport: An exception was caught during AWS Glue availability detection operation. Detail: com.simba.athena.amazonaws.services.glue.model.AccessDeniedException: User: arn:aws:sts::xxxxx:assumed-role/metabase-service-prod-TaskRole30FC0FBB-R2HVOCHLUUGP/a499929205b74b0ca2e3f65456e66625 is not authorized to perform: glue:GetCatalogImportStatus on resource: arn:aws:glue:eu-west-1:xxxxx:catalog because no identity-based policy allows the glue:GetCatalogImportStatus action (Service: AWSGlue; Status Code: 400; Error Code: AccessDeniedException; Request ID: e8fb47f5-70a2-4c43-81e2-95af8b11fdc3; Proxy: null)",
    source: "https://github.com/dacort/metabase-athena-driver/issues/105",
  },
  {
    // Last of the denials: the message without the policy type (older services, some SDKs).
    id: "iam.not-authorized",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    pattern: "\\bis not authori[sz]ed to perform:",
    remediation: "none",
    summary: "IAM denied the action to the caller; it fails the same way until a policy grants it.",
    example:
      "User: arn:aws:iam::123456789012:user/mateojackson is not authorized to perform: widgets:GetWidget on resource: my-example-widget",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html",
  },

  // ---- credentials and request signing -------------------------------------------------------
  {
    id: "iam.expired-token",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    types: ["ExpiredToken", "ExpiredTokenException"],
    pattern: "The security token included in the request is expired",
    remediation: "none",
    summary:
      "The temporary credentials expired before the call (a session longer than its role's duration); the same session keeps failing, new credentials are needed.",
    example:
      "region:us-east-1 error:An error occurred (ExpiredToken) when calling the AssumeRole operation: The security token included in the request is expired",
    source: "https://github.com/cloud-custodian/cloud-custodian/issues/9216",
  },
  {
    id: "iam.invalid-token",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    types: ["UnrecognizedClientException", "InvalidClientTokenId"],
    pattern: "The security token included in the request is invalid",
    remediation: "none",
    summary:
      "The credentials are not valid for AWS (wrong key, a session token from elsewhere, a disabled Region); the request fails until the credentials are fixed.",
    example: "The security token included in the request is invalid",
    source: "https://github.com/jrl84/amazon-sp-api/issues/57",
  },
  {
    id: "iam.signature-mismatch",
    service: "iam",
    label: "access denied",
    nature: "permanent",
    types: ["SignatureDoesNotMatch"],
    pattern: "The request signature we calculated does not match the signature you provided",
    remediation: "none",
    summary:
      "The request's SigV4 signature is wrong (wrong secret key, or a proxy that rewrote the request); the same credentials sign wrongly again.",
    example: "The request signature we calculated does not match the signature you provided",
    source: IAM_SIGNATURE_V4,
  },
  {
    id: "iam.signature-expired",
    service: "iam",
    label: "clock skew",
    nature: "permanent",
    pattern: "Signature expired: .{1,80}? is now earlier than",
    remediation: "none",
    summary:
      "The request was signed too long ago, usually a host clock that is behind; requests fail until the clock is synchronised.",
    example: "Signature expired: date is now earlier than date",
    source: IAM_SIGNATURE_V4,
  },
  {
    id: "iam.signature-not-yet-current",
    service: "iam",
    label: "clock skew",
    nature: "permanent",
    pattern: "Signature not yet current: .{1,80}? is still later than",
    remediation: "none",
    summary:
      "The request is signed with a time in the future, a host clock that is ahead; requests fail until the clock is synchronised.",
    example: "Signature not yet current: date is still later than date",
    source: IAM_SIGNATURE_V4,
  },
  {
    id: "iam.credential-scope-region",
    service: "iam",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Credential should be scoped to a valid Region",
    remediation: "none",
    summary:
      "The request is signed for a Region that does not match the endpoint; the client's Region setting must be fixed.",
    example: "Credential should be scoped to a valid Region, not region-code",
    source: IAM_SIGNATURE_V4,
  },
] as const satisfies readonly SignatureInput[];
