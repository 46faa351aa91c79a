import {
  AthenaClient,
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  InvalidRequestException,
  ListQueryExecutionsCommand,
  ListWorkGroupsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";
import { sandboxClientConfig } from "./test-client-config.js";

const FAILED_SQL = "SELECT * FROM payments WHERE dt = '2025-03-01'";
const TOKEN_A = "a".repeat(32);
const TOKEN_B = "b".repeat(32);

const SCENARIO: ScenarioInput = {
  now: "2025-03-01T10:00:00Z",
  athena: {
    executions: [
      {
        id: "q-failed",
        query: FAILED_SQL,
        state: "FAILED",
        state_change_reason: "HIVE_BAD_DATA: Error parsing field value",
        error_category: 2,
        error_type: 1003,
        database: "lake",
        workgroup: "analytics",
        submitted: "2025-03-01T09:00:00Z",
        completed: "2025-03-01T09:00:05Z",
        engine_execution_time_ms: 4200,
        data_scanned_bytes: 1024,
        on_rerun: [
          { result: "FAILED", error_message: "HIVE_BAD_DATA again", polls_to_complete: 1 },
          { result: "SUCCEEDED", polls_to_complete: 0 },
        ],
      },
      {
        id: "q-ok",
        query: "SELECT 1",
        state: "SUCCEEDED",
        workgroup: "analytics",
        submitted: "2025-03-01T08:00:00Z",
        completed: "2025-03-01T08:00:01Z",
      },
      { id: "q-other", query: "SELECT 2", state: "SUCCEEDED", submitted: "2025-03-01T09:30:00Z" },
    ],
  },
};

describe("Athena emulator", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  async function athena(): Promise<AthenaClient> {
    sandbox = await startSandbox({ scenario: SCENARIO });
    return new AthenaClient(sandboxClientConfig(sandbox));
  }

  const rerun = (token: string) =>
    new StartQueryExecutionCommand({
      QueryString: FAILED_SQL,
      ClientRequestToken: token,
      WorkGroup: "analytics",
      QueryExecutionContext: { Database: "lake" },
    });

  it("returns the full QueryExecution shape of a seeded execution", async () => {
    const client = await athena();
    const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: "q-failed" }));
    expect(QueryExecution).toMatchObject({
      QueryExecutionId: "q-failed",
      Query: FAILED_SQL,
      StatementType: "DML",
      QueryExecutionContext: { Database: "lake" },
      WorkGroup: "analytics",
      Status: {
        State: "FAILED",
        StateChangeReason: "HIVE_BAD_DATA: Error parsing field value",
        AthenaError: { ErrorCategory: 2, ErrorType: 1003, Retryable: false },
      },
      Statistics: { EngineExecutionTimeInMillis: 4200, DataScannedInBytes: 1024 },
    });
    expect(QueryExecution?.ResultConfiguration?.OutputLocation).toMatch(/^s3:\/\/.*q-failed\.csv$/);
    expect(QueryExecution?.Status?.SubmissionDateTime).toEqual(new Date("2025-03-01T09:00:00Z"));
    expect(QueryExecution?.Status?.CompletionDateTime).toEqual(new Date("2025-03-01T09:00:05Z"));
  });

  it("answers an unknown id with InvalidRequestException", async () => {
    const client = await athena();
    await expect(client.send(new GetQueryExecutionCommand({ QueryExecutionId: "nope" }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
  });

  it("batch-gets executions and reports unknown ids as unprocessed", async () => {
    const client = await athena();
    const result = await client.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: ["q-ok", "nope"] }));
    expect(result.QueryExecutions?.map((execution) => execution.QueryExecutionId)).toEqual(["q-ok"]);
    expect(result.UnprocessedQueryExecutionIds?.[0]?.QueryExecutionId).toBe("nope");
  });

  it("lists primary and every workgroup an execution ran in, in pages", async () => {
    const client = await athena();
    const all = await client.send(new ListWorkGroupsCommand({}));
    expect(all.WorkGroups?.map((workgroup) => [workgroup.Name, workgroup.State])).toEqual([
      ["primary", "ENABLED"],
      ["analytics", "ENABLED"],
    ]);
    expect(all.WorkGroups?.[0]?.CreationTime).toBeInstanceOf(Date);
    const first = await client.send(new ListWorkGroupsCommand({ MaxResults: 1 }));
    expect(first.WorkGroups?.map((workgroup) => workgroup.Name)).toEqual(["primary"]);
    const second = await client.send(new ListWorkGroupsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect(second.WorkGroups?.map((workgroup) => workgroup.Name)).toEqual(["analytics"]);
    expect(second.NextToken).toBeUndefined();
  });

  it("refuses to list an unknown workgroup, as Athena does", async () => {
    const client = await athena();
    await expect(client.send(new ListQueryExecutionsCommand({ WorkGroup: "nope" }))).rejects.toMatchObject({
      name: "InvalidRequestException",
    });
  });

  it("lists a workgroup's executions newest first, new ones on top", async () => {
    const client = await athena();
    const before = await client.send(new ListQueryExecutionsCommand({ WorkGroup: "analytics" }));
    expect(before.QueryExecutionIds).toEqual(["q-failed", "q-ok"]);
    expect((await client.send(new ListQueryExecutionsCommand({}))).QueryExecutionIds).toEqual(["q-other"]);
    const { QueryExecutionId } = await client.send(rerun(TOKEN_A));
    const after = await client.send(new ListQueryExecutionsCommand({ WorkGroup: "analytics", MaxResults: 2 }));
    expect(after.QueryExecutionIds).toEqual([QueryExecutionId, "q-failed"]);
    const rest = await client.send(
      new ListQueryExecutionsCommand({ WorkGroup: "analytics", MaxResults: 2, NextToken: after.NextToken }),
    );
    expect(rest.QueryExecutionIds).toEqual(["q-ok"]);
  });

  it("returns the same execution for the same ClientRequestToken and starts nothing new", async () => {
    const client = await athena();
    const first = await client.send(rerun(TOKEN_A));
    const again = await client.send(rerun(TOKEN_A));
    expect(again.QueryExecutionId).toBe(first.QueryExecutionId);
    const listed = await client.send(new ListQueryExecutionsCommand({ WorkGroup: "analytics" }));
    expect(listed.QueryExecutionIds).toHaveLength(3);
    await expect(
      client.send(new StartQueryExecutionCommand({ QueryString: "SELECT 3", ClientRequestToken: TOKEN_A })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
  });

  it("runs a re-run of a seeded SQL through that execution's on_rerun sequence", async () => {
    const client = await athena();
    const { QueryExecutionId: firstId } = await client.send(rerun(TOKEN_A));
    const read = async (id: string | undefined) =>
      (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
    expect((await read(firstId))?.Status?.State).toBe("QUEUED");
    const failed = await read(firstId);
    expect(failed?.Status).toMatchObject({
      State: "FAILED",
      StateChangeReason: "HIVE_BAD_DATA again",
      AthenaError: { ErrorCategory: 2, ErrorType: 1003 },
    });
    expect(failed?.Status?.CompletionDateTime).toBeInstanceOf(Date);
    expect(failed?.QueryExecutionContext?.Database).toBe("lake");

    const { QueryExecutionId: secondId } = await client.send(rerun(TOKEN_B));
    expect(secondId).not.toBe(firstId);
    expect((await read(secondId))?.Status?.State).toBe("SUCCEEDED");
  });

  it("succeeds a query with no seeded original after one poll, and stops queries on request", async () => {
    const client = await athena();
    const { QueryExecutionId } = await client.send(new StartQueryExecutionCommand({ QueryString: "SELECT 42" }));
    await client.send(new StopQueryExecutionCommand({ QueryExecutionId }));
    const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    expect(QueryExecution?.Status?.State).toBe("CANCELLED");

    const next = await client.send(new StartQueryExecutionCommand({ QueryString: "SELECT 43" }));
    const states: (string | undefined)[] = [];
    for (let i = 0; i < 2; i += 1) {
      const read = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: next.QueryExecutionId }));
      states.push(read.QueryExecution?.Status?.State);
    }
    expect(states).toEqual(["QUEUED", "SUCCEEDED"]);
  });
});
