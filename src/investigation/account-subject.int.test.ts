/**
 * The subject checked against an account on the sandbox, through the real list_resources tool:
 * prose names resolved, ambiguity said, a pasted notification's resource taken, the text's sole
 * resource taken only when the subject fields speak of its kind, and nothing redirected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../sandbox/server.js";
import { parseIncident } from "../state/parse-incident.js";
import { resolveSubject } from "../subject/resolve.js";
import { createAwsClients } from "../tools/aws-clients.js";
import { createDataLakeTools } from "../tools/index.js";
import { toolRegistry, type ToolRegistry } from "../tools/registry.js";
import type { Intent } from "../state/intents.js";
import { subjectAgainstAccount } from "./account-subject.js";

const run = (id: string) => ({ id, state: "FAILED" as const, started_on: "2026-11-23T02:00:00Z" });

let sandbox: Sandbox;
let tools: ToolRegistry;

beforeAll(async () => {
  sandbox = await startSandbox({
    scenario: {
      glue: {
        jobs: [
          { name: "SPENDING_POTS_ETL", runs: [run("jr_1")] },
          { name: "SPENDING_POTS_ETL_BACKFILL" },
          { name: "orders_daily_load" },
          { name: "refunds_daily_load" },
          { name: "product_catalog_dedupe" },
        ],
      },
      emr: {
        clusters: [
          { id: "j-AAAAAAAAAAAAA", name: "ads-attribution-emr", state: "WAITING" },
          { id: "j-BBBBBBBBBBBBB", name: "graph-export-emr", state: "WAITING" },
        ],
      },
    },
  });
  tools = toolRegistry(
    createDataLakeTools(
      createAwsClients({
        endpoint: sandbox.endpoint,
        region: sandbox.region,
        credentials: { accessKeyId: "x", secretAccessKey: "x" },
      }),
    ),
  );
});

afterAll(async () => {
  await sandbox?.close();
});

async function resolve(intent: Intent, fields: { short_description: string; description?: string; cmdb_ci?: string }) {
  const incident = parseIncident({ sys_id: "0123456789abcdef0123456789abcdef", ...fields });
  return subjectAgainstAccount({
    intent,
    subject: resolveSubject(incident),
    incident,
    entities: {},
    tools,
    timeoutMs: 5_000,
  });
}

const namedIds = (result: Awaited<ReturnType<typeof resolve>>) => result.subject.named.map((resource) => resource.id);

describe("subjectAgainstAccount", () => {
  it("resolves a job the short description names in prose, saying what it rejected", async () => {
    const result = await resolve("glue_etl_failure", { short_description: "the spending pots ETL failed again" });
    expect(namedIds(result)).toEqual(["SPENDING_POTS_ETL"]);
    expect(result.entities.glue_job_name).toBe("SPENDING_POTS_ETL");
    expect(result.findings[0]?.summary).toMatch(/not SPENDING_POTS_ETL_BACKFILL \(lacks backfill\)/);
  });

  it("replaces a named job the account does not have with the one the words mean", async () => {
    const result = await resolve("glue_etl_failure", {
      short_description: "product-catalog dedupe glue job out of disk again",
    });
    expect(namedIds(result)).toEqual(["product_catalog_dedupe"]);
  });

  it("says two equally good matches are ambiguous and resolves nothing", async () => {
    const result = await resolve("glue_etl_failure", {
      short_description: "daily load failed for orders and refunds (glue)",
    });
    expect(result.subject.named).toEqual([]);
    expect(result.findings[0]?.summary).toMatch(/could mean orders_daily_load or refunds_daily_load/);
  });

  it("resolves an EMR cluster the configuration item names, to its id", async () => {
    const result = await resolve("emr_failure", {
      short_description: "EMR step attribution_join failed",
      cmdb_ci: "EMR - ads-attribution-emr",
      description: "The real failure is on j-BBBBBBBBBBBBB, re-add its step.",
    });
    expect(namedIds(result)).toEqual(["j-AAAAAAAAAAAAA"]);
  });

  it("takes the resource a pasted notification is about", async () => {
    const event = {
      "detail-type": "Glue Job State Change",
      source: "aws.glue",
      detail: { jobName: "orders_daily_load", state: "FAILED", jobRunId: "jr_2", message: "Timeout" },
    };
    const result = await resolve("glue_etl_failure", {
      short_description: "AWS Notification Message",
      description: JSON.stringify(event, null, 2),
    });
    expect(result.subject.named).toEqual([{ type: "glue_job", id: "orders_daily_load", source: "alert" }]);
  });

  it("takes the text's sole resource of the kind only when the subject fields speak of the kind", async () => {
    const spoken = await resolve("emr_failure", {
      short_description: "EMR step failed - sessionize",
      description: "cluster j-BBBBBBBBBBBBB step s-1234567890ABC",
    });
    expect(namedIds(spoken)).toEqual(["j-BBBBBBBBBBBBB"]);
    const silent = await resolve("glue_etl_failure", {
      short_description: "Sales dashboard is stale",
      description: "Glue job orders_daily_load failed yesterday, that is probably why.",
    });
    expect(silent.subject.named).toEqual([]);
  });

  it("takes a DAG alarm's DAG from its notification's dimensions, and nothing from prose", async () => {
    const message = JSON.stringify({
      AlarmName: "mwaa-dag-failed",
      NewStateValue: "ALARM",
      Trigger: { Namespace: "AmazonMWAA", Dimensions: [{ name: "DAG", value: "supplier_scorecard" }] },
    });
    const alarm = await resolve("dag_alarm", {
      short_description: "AWS Notification Message",
      description: JSON.stringify({ Type: "Notification", Message: message }),
    });
    expect(alarm.subject.named).toEqual([{ type: "dag", id: "supplier_scorecard", source: "alert" }]);
    const prose = await resolve("dag_alarm", {
      short_description: "Alarm fired",
      description: "DAG payroll_export failed too",
    });
    expect(prose.subject.named).toEqual([]);
  });

  it("changes nothing when list_resources is not connected", async () => {
    const incident = parseIncident({ sys_id: "s", short_description: "the spending pots ETL failed" });
    const subject = resolveSubject(incident);
    const withoutListing = new Map([...tools].filter(([name]) => name !== "list_resources"));
    const result = await subjectAgainstAccount({
      intent: "glue_etl_failure",
      subject,
      incident,
      entities: {},
      tools: withoutListing,
      timeoutMs: 5_000,
    });
    expect(result.subject).toBe(subject);
  });
});
