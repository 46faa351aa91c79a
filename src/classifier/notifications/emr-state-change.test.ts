import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEmrStateChange } from "./emr-state-change.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

describe("parseEmrStateChange", () => {
  it("reads the failed step: the step by name, its id as the run, its cluster as related", () => {
    expect(parseEmrStateChange(fixture("eventbridge_emr_step_state_change-1.txt"))).toEqual({
      format: "eventbridge_emr_step_state_change",
      service: "emr",
      resource: { type: "emr_step", name: "CustomJAR" },
      related: [{ type: "emr_cluster", name: "j-123456789ABCD" }],
      run_id: "s-ZYXWVUTSRQPON",
      state: "FAILED",
      time: "2016-12-16T20:53:09.000Z",
      error:
        "Step s-ZYXWVUTSRQPON (CustomJAR) in Amazon EMR cluster j-123456789ABCD (Development Cluster) failed at " +
        "2016-12-16 20:53 UTC.",
    });
  });

  it("reads a cluster terminated on request, which is no error", () => {
    expect(parseEmrStateChange(fixture("eventbridge_emr_cluster_state_change-1.txt"))).toEqual({
      format: "eventbridge_emr_cluster_state_change",
      service: "emr",
      resource: { type: "emr_cluster", name: "j-123456789ABCD" },
      related: [],
      run_id: null,
      state: "TERMINATED",
      time: "2016-12-16T21:00:23.000Z",
      error: null,
    });
  });

  it("takes the cause of TERMINATED_WITH_ERRORS from stateChangeReason", () => {
    expect(parseEmrStateChange(fixture("eventbridge_emr_cluster_state_change-2.txt"))).toEqual({
      format: "eventbridge_emr_cluster_state_change",
      service: "emr",
      resource: { type: "emr_cluster", name: "j-2AXXXXXXGAPLF" },
      related: [],
      run_id: null,
      state: "TERMINATED_WITH_ERRORS",
      time: "2026-11-23T02:41:05.000Z",
      error: "On the master instance (i-0123456789abcdef0), bootstrap action 1 returned a non-zero return code",
    });
  });

  it("uses the step id when the step has no name, and gives a running step no error", () => {
    const event = JSON.parse(fixture("eventbridge_emr_step_state_change-1.txt"));
    delete event.detail.name;
    event.detail.state = "RUNNING";
    expect(parseEmrStateChange(JSON.stringify(event))).toMatchObject({
      resource: { type: "emr_step", name: "s-ZYXWVUTSRQPON" },
      state: "RUNNING",
      error: null,
    });
  });

  it("returns null for other EMR events and for prose", () => {
    const scaling = fixture("eventbridge_emr_step_state_change-1.txt").replace(
      "EMR Step Status Change",
      "EMR Auto Scaling Policy State Change",
    );
    expect(parseEmrStateChange(scaling)).toBeNull();
    expect(parseEmrStateChange("EMR step s-ZYXWVUTSRQPON failed on cluster j-123456789ABCD")).toBeNull();
  });
});
