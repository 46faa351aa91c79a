import { describe, expect, it } from "vitest";
import { resolveConfig } from "./load.js";

describe("resolveConfig", () => {
  it("gives every caller its own copy of the defaults", () => {
    const first = resolveConfig({});
    first.remediation.dry_run = true;
    first.remediation.require_approval.intents.push("glue_etl_failure");
    first.remediation.allow_list.glue_jobs.push("*");
    first.routing.fast_track_intents.push("unknown");

    const second = resolveConfig({});
    expect(second.remediation.dry_run).toBe(false);
    expect(second.remediation.require_approval.intents).toEqual([]);
    expect(second.remediation.allow_list.glue_jobs).toEqual([]);
    expect(second.routing.fast_track_intents).toEqual(["access_denied"]);
  });
});
