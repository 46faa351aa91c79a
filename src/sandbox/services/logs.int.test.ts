import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";
import { sandboxClientConfig } from "./test-client-config.js";

const RUN = "jr_" + "c".repeat(64);
const STARTED = Date.parse("2025-03-01T09:00:00Z");

const SCENARIO: ScenarioInput = {
  glue: {
    jobs: [
      {
        name: "payments-etl",
        runs: [
          {
            id: RUN,
            state: "FAILED",
            started_on: "2025-03-01T09:00:00Z",
            error_log: [
              "INFO starting",
              "ERROR AnalysisException: Path does not exist: s3://raw/payments/dt=2025-03-01",
              { timestamp: "2025-03-01T09:05:00Z", message: "ERROR job failed" },
            ],
          },
        ],
      },
    ],
  },
  logs: {
    groups: [
      {
        name: "/app/consumer",
        streams: [
          {
            name: "b-stream",
            events: [
              { timestamp: "2025-03-01T08:00:00Z", message: "WARN slow poll" },
              { timestamp: "2025-03-01T08:02:00Z", message: "ERROR CommitFailedException" },
            ],
          },
          { name: "a-stream", events: [{ timestamp: "2025-03-01T08:01:00Z", message: "error: rebalance" }] },
        ],
      },
    ],
  },
};

describe("CloudWatch Logs emulator", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  async function logs(): Promise<CloudWatchLogsClient> {
    sandbox = await startSandbox({ scenario: SCENARIO });
    return new CloudWatchLogsClient(sandboxClientConfig(sandbox));
  }

  it("serves each Glue run's error_log as a stream of /aws-glue/jobs/error, plain lines 1 s apart", async () => {
    const client = await logs();
    const { events } = await client.send(
      new GetLogEventsCommand({ logGroupName: "/aws-glue/jobs/error", logStreamName: RUN, startFromHead: true }),
    );
    expect(events?.map((event) => [event.timestamp, event.message])).toEqual([
      [STARTED + 1000, "INFO starting"],
      [STARTED + 2000, "ERROR AnalysisException: Path does not exist: s3://raw/payments/dt=2025-03-01"],
      [Date.parse("2025-03-01T09:05:00Z"), "ERROR job failed"],
    ]);
  });

  it("filters events across streams by terms, case-insensitively, oldest first", async () => {
    const client = await logs();
    const { events } = await client.send(
      new FilterLogEventsCommand({ logGroupName: "/app/consumer", filterPattern: "ERROR" }),
    );
    expect(events?.map((event) => [event.logStreamName, event.message])).toEqual([
      ["a-stream", "error: rebalance"],
      ["b-stream", "ERROR CommitFailedException"],
    ]);
  });

  it("filters by stream names and time window, and pages with nextToken", async () => {
    const client = await logs();
    const windowed = await client.send(
      new FilterLogEventsCommand({
        logGroupName: "/app/consumer",
        logStreamNames: ["b-stream"],
        startTime: Date.parse("2025-03-01T08:01:00Z"),
      }),
    );
    expect(windowed.events?.map((event) => event.message)).toEqual(["ERROR CommitFailedException"]);

    const first = await client.send(new FilterLogEventsCommand({ logGroupName: "/app/consumer", limit: 2 }));
    expect(first.events).toHaveLength(2);
    const rest = await client.send(
      new FilterLogEventsCommand({ logGroupName: "/app/consumer", limit: 2, nextToken: first.nextToken }),
    );
    expect(rest.events?.map((event) => event.message)).toEqual(["ERROR CommitFailedException"]);
    expect(rest.nextToken).toBeUndefined();
  });

  it("reads the tail by default and pages backward and forward with GetLogEvents", async () => {
    const client = await logs();
    const tail = await client.send(
      new GetLogEventsCommand({ logGroupName: "/aws-glue/jobs/error", logStreamName: RUN, limit: 1 }),
    );
    expect(tail.events?.map((event) => event.message)).toEqual(["ERROR job failed"]);
    const before = await client.send(
      new GetLogEventsCommand({
        logGroupName: "/aws-glue/jobs/error",
        logStreamName: RUN,
        limit: 1,
        nextToken: tail.nextBackwardToken,
      }),
    );
    expect(before.events?.[0]?.message).toMatch(/AnalysisException/);
    const end = await client.send(
      new GetLogEventsCommand({
        logGroupName: "/aws-glue/jobs/error",
        logStreamName: RUN,
        nextToken: tail.nextForwardToken,
      }),
    );
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(tail.nextForwardToken);
  });

  it("describes streams, by name or by last event time", async () => {
    const client = await logs();
    const byName = await client.send(new DescribeLogStreamsCommand({ logGroupName: "/app/consumer" }));
    expect(byName.logStreams?.map((stream) => stream.logStreamName)).toEqual(["a-stream", "b-stream"]);
    const latest = await client.send(
      new DescribeLogStreamsCommand({
        logGroupName: "/app/consumer",
        orderBy: "LastEventTime",
        descending: true,
        limit: 1,
      }),
    );
    expect(latest.logStreams?.[0]).toMatchObject({
      logStreamName: "b-stream",
      lastEventTimestamp: Date.parse("2025-03-01T08:02:00Z"),
    });
  });

  it("answers an unknown group or stream with ResourceNotFoundException", async () => {
    const client = await logs();
    await expect(client.send(new FilterLogEventsCommand({ logGroupName: "/nope" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      client.send(new GetLogEventsCommand({ logGroupName: "/app/consumer", logStreamName: "nope" })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
