import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { combine, lagTrend } from "./get-kafka-consumer-status.js";
import { openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

const rising = Array.from({ length: 30 }, (_, i) => 1000 + i * 500);

/** Lag series end at the sandbox's clock; without scenario.now that is the real one, as in production. */
function scenario(): ScenarioInput {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  return {
    kafka: {
      consumers: [
        {
          cluster_name: "events",
          consumer_group: "payments-sink",
          topic: "payments",
          offset_lag: rising,
          time_lag_s: rising.map((lag) => lag / 100),
        },
        { cluster_name: "events", consumer_group: "payments-sink", topic: "refunds", offset_lag: Array(30).fill(10) },
        { cluster_name: "events", consumer_group: "steady", topic: "orders", offset_lag: Array(30).fill(5) },
      ],
    },
    logs: {
      groups: [
        {
          name: "/app/payments-sink",
          streams: [
            {
              name: "worker-1",
              events: [
                { timestamp: minutesAgo(300), message: "ERROR outside the window" },
                { timestamp: minutesAgo(20), message: "INFO polled 500 records" },
                { timestamp: minutesAgo(10), message: "ERROR commit failed: RebalanceInProgressException" },
                { timestamp: minutesAgo(5), message: "org.apache.kafka.common.errors.TimeoutException: expired" },
              ],
            },
          ],
        },
      ],
    },
  };
}

let box: ToolSandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe("get_kafka_consumer_status (sandbox)", () => {
  it("returns the topic's lag series, its rising trend and the consumer's recent errors", async () => {
    box = await openToolSandbox(scenario());
    const out = await box.call("get_kafka_consumer_status", {
      cluster_name: "events",
      consumer_group: "payments-sink",
      topic: "payments",
      log_group: "/app/payments-sink",
    });
    expect(out.offset_lag.map((point) => point.value)).toEqual(rising);
    expect(out.latest_offset_lag).toBe(rising.at(-1));
    expect(out.lag_trend).toBe("rising");
    expect(out.latest_time_lag_s).toBe((rising.at(-1) ?? 0) / 100);
    expect(out.error_excerpt.map((line) => line.message)).toEqual([
      "ERROR commit failed: RebalanceInProgressException",
      "org.apache.kafka.common.errors.TimeoutException: expired",
    ]);
  });

  it("without a topic adds up the lag of every topic the group reads", async () => {
    box = await openToolSandbox(scenario());
    const out = await box.call("get_kafka_consumer_status", {
      cluster_name: "events",
      consumer_group: "payments-sink",
    });
    expect(out.topic).toBeNull();
    expect(out.offset_lag.map((point) => point.value)).toEqual(rising.map((lag) => lag + 10));
    expect(out.latest_time_lag_s).toBe((rising.at(-1) ?? 0) / 100);
  });

  it("says flat for a steady group and no_data for an unknown one", async () => {
    box = await openToolSandbox(scenario());
    const steady = await box.call("get_kafka_consumer_status", { cluster_name: "events", consumer_group: "steady" });
    expect(steady).toMatchObject({ lag_trend: "flat", latest_offset_lag: 5, latest_time_lag_s: null });
    const unknown = await box.call("get_kafka_consumer_status", { cluster_name: "events", consumer_group: "nobody" });
    expect(unknown).toMatchObject({ offset_lag: [], lag_trend: "no_data", latest_offset_lag: null });
  });

  it("treats a log group that does not exist as no errors", async () => {
    box = await openToolSandbox(scenario());
    const out = await box.call("get_kafka_consumer_status", {
      cluster_name: "events",
      consumer_group: "steady",
      topic: "orders",
      log_group: "/app/never-logged",
    });
    expect(out.error_excerpt).toEqual([]);
  });
});

describe("lagTrend", () => {
  it("compares the last third's mean with the first third's", () => {
    expect(lagTrend([])).toBe("no_data");
    expect(lagTrend([5])).toBe("flat");
    expect(lagTrend([100, 100, 100, 111, 111, 112])).toBe("rising");
    expect(lagTrend([100, 100, 100, 109, 109, 109])).toBe("flat");
    expect(lagTrend([100, 100, 100, 89, 89, 89])).toBe("falling");
    expect(lagTrend([0, 0, 0, 0, 0, 1])).toBe("rising");
    expect(lagTrend([0, 0, 0])).toBe("flat");
  });
});

describe("combine", () => {
  it("merges series by timestamp, oldest first", () => {
    const a = [{ timestamp: "2026-01-01T00:01:00.000Z", value: 2 }];
    const b = [
      { timestamp: "2026-01-01T00:00:00.000Z", value: 1 },
      { timestamp: "2026-01-01T00:01:00.000Z", value: 3 },
    ];
    expect(combine([a, b], (x, y) => x + y)).toEqual([
      { timestamp: "2026-01-01T00:00:00.000Z", value: 1 },
      { timestamp: "2026-01-01T00:01:00.000Z", value: 5 },
    ]);
  });
});
