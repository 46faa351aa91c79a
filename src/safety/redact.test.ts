import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyFailureText } from "../investigation/cause-patterns.js";
import { REDACTED, isSecretLabel, redactJson, redactSecrets } from "./redact.js";

// AWS's own documented example credentials.
const ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
// A real JWT shape (header {"alg":"HS256","typ":"JWT"}, payload {"sub":"1234567890"}).
const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const PEM = [
  "-----BEGIN RSA PRIVATE KEY-----",
  "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
  "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
  "-----END RSA PRIVATE KEY-----",
].join("\n");

describe("redactSecrets", () => {
  it("redacts AWS access key ids and secret access keys, keeping their labels", () => {
    expect(redactSecrets(`aws_access_key_id=${ACCESS_KEY_ID} aws_secret_access_key=${SECRET_ACCESS_KEY}`)).toBe(
      `aws_access_key_id=${REDACTED} aws_secret_access_key=${REDACTED}`,
    );
    expect(redactSecrets("temporary ASIAIOSFODNN7EXAMPLE")).toBe(`temporary ${REDACTED}`);
    // As the AWS CLI prints it, separated by a space only.
    expect(redactSecrets(`aws configure set aws_secret_access_key ${SECRET_ACCESS_KEY}`)).toBe(
      `aws configure set aws_secret_access_key ${REDACTED}`,
    );
  });

  it("redacts credentials in JSON (an STS answer printed to a log)", () => {
    const printed = JSON.stringify({
      AccessKeyId: "ASIAIOSFODNN7EXAMPLE",
      SecretAccessKey: SECRET_ACCESS_KEY,
      SessionToken: "IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==",
      Expiration: "2026-11-23T06:00:00Z",
    });
    const redacted = redactSecrets(printed);
    expect(redacted).not.toContain("IOSFODNN7");
    expect(redacted).not.toContain("wJalr");
    expect(redacted).not.toContain("IQoJ");
    expect(JSON.parse(redacted)).toEqual({
      AccessKeyId: REDACTED,
      SecretAccessKey: REDACTED,
      SessionToken: REDACTED,
      Expiration: "2026-11-23T06:00:00Z",
    });
  });

  it("redacts a URL's password and password query parameters, keeping user, host and database", () => {
    expect(redactSecrets("psycopg2 failed on postgresql://etl:hunter2@db.internal:5432/lake?sslmode=require")).toBe(
      `psycopg2 failed on postgresql://etl:${REDACTED}@db.internal:5432/lake?sslmode=require`,
    );
    expect(redactSecrets("postgres://db.internal/lake?user=etl&password=hunter2&sslmode=verify-full")).toBe(
      `postgres://db.internal/lake?user=etl&password=${REDACTED}&sslmode=verify-full`,
    );
    expect(redactSecrets("redis://:s3cr3t@cache:6379/0")).toBe(`redis://:${REDACTED}@cache:6379/0`);
  });

  it("redacts password, passwd, pwd, token and api_key values in every common notation", () => {
    expect(redactSecrets("password: hunter2, passwd=abc pwd='x y' token=t0k&api_key=k3y; apikey = zz")).toBe(
      `password: ${REDACTED}, passwd=${REDACTED} pwd='${REDACTED}' token=${REDACTED}&api_key=${REDACTED}; apikey = ${REDACTED}`,
    );
    expect(redactSecrets('{"db_password": "p@ss w0rd", "user": "etl"}')).toBe(
      `{"db_password": "${REDACTED}", "user": "etl"}`,
    );
    expect(redactSecrets("--db_password=s3cret --date=2026-11-22")).toBe(`--db_password=${REDACTED} --date=2026-11-22`);
    // Hadoop/Spark configuration keys, as spark-submit prints them.
    expect(redactSecrets("--conf spark.hadoop.fs.s3a.secret.key=abc/def+ghi --conf fs.s3a.session.token=FQo")).toBe(
      `--conf spark.hadoop.fs.s3a.secret.key=${REDACTED} --conf fs.s3a.session.token=${REDACTED}`,
    );
    expect(redactSecrets("X-Amz-Security-Token=FwoGZXIvYXdzEJr&X-Amz-Signature=abc123")).toBe(
      `X-Amz-Security-Token=${REDACTED}&X-Amz-Signature=${REDACTED}`,
    );
  });

  it("redacts Authorization headers and bearer tokens, keeping the scheme", () => {
    expect(redactSecrets("Authorization: Bearer abc.def.ghi")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets("Authorization: Basic dXNlcjpwYXNzd29yZA==")).toBe(`Authorization: Basic ${REDACTED}`);
    expect(redactSecrets("curl -H 'Authorization: Bearer sk_live_abcdefghijklmnop1234' https://x")).toBe(
      `curl -H 'Authorization: Bearer ${REDACTED}' https://x`,
    );
    expect(redactSecrets("sent Bearer 0123456789abcdefghijKLMN to the API")).toBe(`sent Bearer ${REDACTED} to the API`);
  });

  it("redacts PEM private key blocks, keeping their markers", () => {
    const redacted = redactSecrets(`key:\n${PEM}\nafter`);
    expect(redacted).toBe(`key:\n-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----\nafter`);
    // Cut off before its END line, it is still a key.
    expect(redactSecrets(PEM.split("\n").slice(0, 2).join("\n"))).toBe(`-----BEGIN RSA PRIVATE KEY-----${REDACTED}`);
    // Printed line by line (one log event per line), each body line is redacted alone.
    expect(redactSecrets(PEM.split("\n")[1] as string)).toBe(REDACTED);
  });

  it("redacts JWTs and provider tokens with published formats", () => {
    expect(redactSecrets(`id_token ${JWT} end`)).toBe(`id_token ${REDACTED} end`);
    expect(redactSecrets("ghp_A1bC2dE3fH4iJ5kL6mN7oP8qR9sT0uVwXy12 pushed")).toBe(`${REDACTED} pushed`);
    expect(redactSecrets(`github_pat_11ABCDEFG0123456789abc_${"x".repeat(59)}`)).toBe(REDACTED);
    expect(redactSecrets("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")).toBe(`slack ${REDACTED}`);
    expect(redactSecrets("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")).toBe(
      `https://hooks.slack.com/services/${REDACTED}`,
    );
    expect(redactSecrets("LANGSMITH_API_KEY lsv2_pt_0123456789abcdef0123456789abcdef_0123456789")).toBe(
      `LANGSMITH_API_KEY ${REDACTED}`,
    );
  });

  it("leaves the words cause patterns match on, and ordinary identifiers, as they are", () => {
    const texts = [
      "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
      "ConnectionResetError: [Errno 104] Connection reset by peer",
      "ExpiredTokenException: The security token included in the request is expired",
      "ExpiredToken: The provided token has expired.",
      "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided",
      "InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.",
      "ThrottlingException: Rate exceeded",
      "KeyError: 'token'",
      'FATAL: password authentication failed for user "etl"',
      "Unable to locate credentials",
      "s3://lake-raw/payments/2026/11/22/part-0001.snappy.parquet",
      "jr_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "commit 0123456789abcdef0123456789abcdef01234567",
      "(bearer token required)",
      "Basic authentication failed",
    ];
    for (const text of texts) {
      expect(redactSecrets(text)).toBe(text);
      expect(classifyFailureText(redactSecrets(text))).toEqual(classifyFailureText(text));
    }
  });

  it("is idempotent and never grows a secret back", () => {
    const secretish = fc.constantFrom(
      `aws_secret_access_key=${SECRET_ACCESS_KEY}`,
      ACCESS_KEY_ID,
      "postgresql://u:p@h/db?password=x",
      JWT,
      PEM,
      'password: "a b"',
      "Authorization: Basic dXNlcjpwYXNz",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(secretish, fc.string({ maxLength: 12 })), { maxLength: 8 }), (parts) => {
        const text = parts.join(" ");
        const once = redactSecrets(text);
        expect(redactSecrets(once)).toBe(once);
        expect(once).not.toContain(SECRET_ACCESS_KEY);
        expect(once).not.toContain(ACCESS_KEY_ID);
        expect(once).not.toContain("dXNlcjpwYXNz");
      }),
      { seed: 9, numRuns: 1_000 },
    );
  });

  it("is linear on pathological input", () => {
    const started = performance.now();
    redactSecrets(`${"a_".repeat(100_000)}=x`);
    redactSecrets("password=".repeat(30_000));
    redactSecrets("-----BEGIN PRIVATE KEY-----".repeat(20_000));
    redactSecrets(`${"x://".repeat(30_000)}a:b`);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe("isSecretLabel", () => {
  it("matches on how a label ends, so error codes that contain a word are not labels", () => {
    for (const label of ["password", "--db_password", "SecretAccessKey", "aws_session_token", "X-Amz-Signature"]) {
      expect(isSecretLabel(label)).toBe(true);
    }
    for (const label of ["ExpiredTokenException", "InvalidAccessKeyId", "idempotency_key", "job_name", "--date"]) {
      expect(isSecretLabel(label)).toBe(false);
    }
  });
});

describe("redactJson", () => {
  it("redacts every string and every value under a secret key, leaving the rest", () => {
    const output = {
      job_name: "PAYROLL_PROD",
      runs: [{ id: "jr_1", arguments: { "--date": "2026-11-22", "--db_password": "hunter2" } }],
      log_excerpt: [{ message: `botocore: using ${ACCESS_KEY_ID} / secret_key=${SECRET_ACCESS_KEY}` }],
      count: 3,
      empty: null,
    };
    const redacted = redactJson(output);
    expect(redacted).toEqual({
      job_name: "PAYROLL_PROD",
      runs: [{ id: "jr_1", arguments: { "--date": "2026-11-22", "--db_password": REDACTED } }],
      log_excerpt: [{ message: `botocore: using ${REDACTED} / secret_key=${REDACTED}` }],
      count: 3,
      empty: null,
    });
    // A copy: the tool's own output is untouched (analyzers read it).
    expect(output.runs[0]?.arguments["--db_password"]).toBe("hunter2");
  });

  it("walks 100,000 levels deep without overflowing the stack", () => {
    let deep: unknown = ACCESS_KEY_ID;
    for (let i = 0; i < 100_000; i += 1) deep = { next: [deep] };
    let walked = redactJson(deep);
    for (let i = 0; i < 100_000; i += 1) walked = (walked as { next: unknown[] }).next[0];
    expect(walked).toBe(REDACTED);
  });

  it("keeps a __proto__ key as data", () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"polluted": "AKIAIOSFODNN7EXAMPLE"}}');
    const redacted = redactJson(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(redacted, "__proto__")?.value).toEqual({ polluted: REDACTED });
  });
});
