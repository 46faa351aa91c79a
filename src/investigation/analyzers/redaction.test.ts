/**
 * Credentials that jobs print into their logs and errors never reach a finding's summary or a root
 * cause, in any domain; and the same failure with and without a credential in it is analysed the
 * same (cause, label, strength, remediation): redaction removes secrets, not evidence.
 */
import { describe, expect, it } from "vitest";
import {
  athenaOutput,
  athenaQuery,
  emrOutput,
  emrStep,
  failedDagOutput,
  glueOutput,
  glueRun,
} from "../../../test/fixtures/tool-outputs.js";
import { analyzeAthenaQuery } from "./athena.js";
import { analyzeEmrLogs } from "./emr.js";
import { analyzeGlueLogs } from "./glue.js";
import { analyzeMwaaLogs } from "./airflow.js";
import type { Analysis } from "../types.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const CREDENTIALS = `aws_access_key_id=${KEY_ID} aws_secret_access_key=${SECRET}`;
const DB_URL = "postgresql://etl:hunter2@crm-db.internal:5432/crm";

const cases: { domain: string; analyze: (leak: string) => Analysis }[] = [
  {
    domain: "a Glue error message",
    analyze: (leak) =>
      analyzeGlueLogs(
        glueOutput([
          glueRun({
            id: "jr_1",
            state: "FAILED",
            error_message: `${leak} An error occurred (AccessDenied) when calling the GetObject operation: Access Denied`,
          }),
        ]),
      ),
  },
  {
    domain: "a Glue error log line",
    analyze: (leak) =>
      analyzeGlueLogs(
        glueOutput([glueRun({ id: "jr_1", state: "FAILED", error_message: null })], {
          log_run_id: "jr_1",
          log_excerpt: [
            { timestamp: "2024-01-15T02:29:00Z", message: `INFO connecting with ${leak}` },
            {
              timestamp: "2024-01-15T02:29:59Z",
              message: `ConnectionResetError: [Errno 104] Connection reset by peer (${leak})`,
            },
          ],
        }),
      ),
  },
  {
    domain: "an Airflow task log",
    analyze: (leak) =>
      analyzeMwaaLogs(
        failedDagOutput([
          "[2024-01-15, 01:44:00 UTC] {taskinstance.py:1937} ERROR - Task failed with exception",
          `botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the StartJobRun operation (reached max retries: 4): Rate exceeded ${leak}`,
        ]),
      ),
  },
  {
    domain: "an EMR step failure",
    analyze: (leak) =>
      analyzeEmrLogs(
        emrOutput([
          emrStep({
            id: "s-1",
            state: "FAILED",
            failure_reason: "Container killed by YARN for exceeding memory limits",
            failure_message: `Step failed: spark-submit --conf spark.hadoop.fs.s3a.secret.key=${SECRET} --conf url=${DB_URL}: Container killed by YARN for exceeding memory limits ${leak}`,
          }),
        ]),
      ),
  },
  {
    domain: "an Athena state_change_reason",
    analyze: (leak) =>
      analyzeAthenaQuery(
        athenaOutput(
          athenaQuery({
            query_id: "q-1",
            state: "FAILED",
            state_change_reason: `HIVE_CANNOT_OPEN_SPLIT: Error opening Hive split s3://lake/x (${leak}): Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)`,
            error_category: 2,
          }),
        ),
      ),
  },
];

describe("credentials in job logs and errors", () => {
  for (const { domain, analyze } of cases) {
    it(`are redacted from ${domain}, and the analysis is otherwise the same`, () => {
      const leaky = analyze(`${CREDENTIALS} password=hunter2 ${DB_URL}`);
      const clean = analyze("(no credentials)");
      for (const text of [leaky.summary, leaky.root_cause ?? ""]) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(KEY_ID);
        expect(text).not.toContain("hunter2");
      }
      expect(leaky.root_cause).not.toBeNull();
      const { summary: _s, root_cause: _r, ...leakyRest } = leaky;
      const { summary: _cs, root_cause: _cr, ...cleanRest } = clean;
      expect(leakyRest).toEqual(cleanRest);
    });
  }
});
