import { describe, expect, it } from "vitest";
import { StartCounter } from "./start-counter.js";

describe("StartCounter", () => {
  it("counts real starts per (tool, resource)", () => {
    const counter = new StartCounter();
    counter.reserve("retry_glue_job", "a", "k1").settle("started");
    counter.reserve("retry_glue_job", "a", "k2").settle("started");
    counter.reserve("retry_glue_job", "b", "k3").settle("started");
    expect(counter.usage("retry_glue_job", "a", "new")).toEqual({ starts: 2, repeat: false });
    expect(counter.usage("retry_glue_job", "b", "new")).toEqual({ starts: 1, repeat: false });
    expect(counter.usage("retry_emr", "a", "new")).toEqual({ starts: 0, repeat: false });
  });

  it("counts a call in flight, so concurrent calls cannot all pass the same check", () => {
    const counter = new StartCounter();
    const first = counter.reserve("retry_glue_job", "a", "k1");
    expect(counter.usage("retry_glue_job", "a", "k2").starts).toBe(1);
    first.settle("failed");
    expect(counter.usage("retry_glue_job", "a", "k2").starts).toBe(0);
  });

  it("does not count a failed call or a reused run; a known key is a repeat", () => {
    const counter = new StartCounter();
    counter.reserve("retry_glue_job", "a", "k1").settle("failed");
    expect(counter.usage("retry_glue_job", "a", "k1")).toEqual({ starts: 0, repeat: false });
    counter.reserve("retry_glue_job", "a", "k1").settle("reused");
    expect(counter.usage("retry_glue_job", "a", "k1")).toEqual({ starts: 0, repeat: true });
    counter.reserve("retry_glue_job", "a", "k2").settle("started");
    expect(counter.usage("retry_glue_job", "a", "k2")).toEqual({ starts: 1, repeat: true });
  });

  it("settles a reservation once", () => {
    const counter = new StartCounter();
    const reservation = counter.reserve("retry_glue_job", "a", "k1");
    reservation.settle("started");
    reservation.settle("started");
    expect(counter.usage("retry_glue_job", "a", "x").starts).toBe(1);
  });

  it("keeps resources apart whatever their names contain", () => {
    const counter = new StartCounter();
    counter.reserve("retry_glue_job", 'a","b', "k").settle("started");
    expect(counter.usage("retry_glue_job", "a", "k").starts).toBe(0);
    expect(counter.usage("retry_glue_job", 'a","b', "k").starts).toBe(1);
  });
});
