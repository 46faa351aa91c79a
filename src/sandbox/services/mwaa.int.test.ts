import type { MWAAServiceException } from "@aws-sdk/client-mwaa";
import {
  CreateCliTokenCommand,
  CreateWebLoginTokenCommand,
  GetEnvironmentCommand,
  InternalServerException,
  ListEnvironmentsCommand,
  MWAAClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-mwaa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";

const scenario: ScenarioInput = {
  now: "2024-06-02T06:00:00Z",
  account_id: "111122223333",
  mwaa: {
    environments: [
      { name: "prod-airflow", airflow_version: "2.8.1" },
      {
        name: "etl-airflow",
        status: "UPDATE_FAILED",
        last_update: {
          status: "FAILED",
          created_at: "2024-06-01T22:00:00Z",
          error_code: "INCORRECT_CONFIGURATION",
          error_message: "requirements.txt could not be installed: pandas==9.9 not found",
        },
      },
      { name: "dev-airflow" },
    ],
  },
  faults: [
    { service: "mwaa", operation: "ListEnvironments", kind: "throttle", times: 1 },
    { service: "mwaa", operation: "CreateCliToken", kind: "server_error" },
  ],
};

let sandbox: Sandbox;
let mwaa: MWAAClient;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario });
  mwaa = new MWAAClient({
    endpoint: sandbox.endpoint,
    disableHostPrefix: true,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
});

afterAll(async () => {
  mwaa.destroy();
  await sandbox.close();
});

describe("MWAA emulator", () => {
  it("describes an environment, pointing its webserver at the sandbox", async () => {
    const { Environment } = await mwaa.send(new GetEnvironmentCommand({ Name: "prod-airflow" }));
    expect(Environment).toMatchObject({
      Name: "prod-airflow",
      Status: "AVAILABLE",
      AirflowVersion: "2.8.1",
      Arn: "arn:aws:airflow:us-east-1:111122223333:environment/prod-airflow",
      WebserverUrl: new URL(sandbox.endpoint).host,
    });
    expect(Environment?.CreatedAt).toBeInstanceOf(Date);
    expect(Environment?.LoggingConfiguration?.TaskLogs?.CloudWatchLogGroupArn).toBe(
      "arn:aws:logs:us-east-1:111122223333:log-group:airflow-prod-airflow-Task",
    );
    expect(Environment?.LastUpdate).toBeUndefined();
  });

  it("reports a failed environment update with its error", async () => {
    const { Environment } = await mwaa.send(new GetEnvironmentCommand({ Name: "etl-airflow" }));
    expect(Environment?.Status).toBe("UPDATE_FAILED");
    expect(Environment?.LastUpdate).toEqual({
      Status: "FAILED",
      CreatedAt: new Date("2024-06-01T22:00:00Z"),
      Source: "SERVICE",
      Error: {
        ErrorCode: "INCORRECT_CONFIGURATION",
        ErrorMessage: "requirements.txt could not be installed: pandas==9.9 not found",
      },
    });
  });

  it("fails an unknown environment with ResourceNotFoundException", async () => {
    const error = await mwaa.send(new GetEnvironmentCommand({ Name: "nope" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
    expect((error as ResourceNotFoundException).message).toContain("nope");

    const token = await mwaa.send(new CreateWebLoginTokenCommand({ Name: "nope" })).catch((e: unknown) => e);
    expect(token).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists environments in pages, absorbing an injected throttle", async () => {
    const first = await mwaa.send(new ListEnvironmentsCommand({ MaxResults: 2 }));
    expect(first.$metadata.attempts).toBe(2);
    expect(first.Environments).toEqual(["prod-airflow", "etl-airflow"]);
    expect(first.NextToken).toBeTruthy();
    const second = await mwaa.send(new ListEnvironmentsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Environments).toEqual(["dev-airflow"]);
    expect(second.NextToken).toBeUndefined();
    const throttled = sandbox.calls.find((call) => call.fault === "throttle");
    expect(throttled).toMatchObject({ service: "mwaa", operation: "ListEnvironments", status: 429 });
  });

  it("issues a distinct web login token per call for the sandbox's webserver", async () => {
    const first = await mwaa.send(new CreateWebLoginTokenCommand({ Name: "prod-airflow" }));
    const second = await mwaa.send(new CreateWebLoginTokenCommand({ Name: "prod-airflow" }));
    expect(first.WebServerHostname).toBe(new URL(sandbox.endpoint).host);
    expect(first.WebToken).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(second.WebToken).not.toBe(first.WebToken);
  });

  it("reports injected server errors as InternalServerException", async () => {
    const error = await mwaa.send(new CreateCliTokenCommand({ Name: "prod-airflow" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerException);
    expect((error as MWAAServiceException).$metadata.httpStatusCode).toBe(503);
  });

  it("names every call by its MWAA operation", () => {
    const operations = new Set(sandbox.calls.map((call) => call.operation));
    expect([...operations].sort()).toEqual([
      "CreateCliToken",
      "CreateWebLoginToken",
      "GetEnvironment",
      "ListEnvironments",
    ]);
  });
});
