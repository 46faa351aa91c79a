import { describe, expect, it } from "vitest";
import { focusOnSubject } from "./focus.js";
import { resolveSubject } from "./resolve.js";

const glueTicket = {
  sys_id: "1",
  short_description: "Glue job orders_daily failed",
  description: [
    "AWS Glue job orders_daily run failed: KeyError: 'tier'",
    "Also EMR step s-1XXXXXXXXXXA on j-2AXXXXXXGAPLF failed: Container killed by YARN. Re-add the step.",
    "FYI Glue job crm_sync also failed last night: Access Denied (403).",
    "Dashboards are stale.",
  ].join("\n"),
};

describe("focusOnSubject", () => {
  it("leaves out the lines that name only other resources, and keeps the rest", () => {
    const focused = focusOnSubject(glueTicket, resolveSubject(glueTicket));
    expect(focused.description).toBe("AWS Glue job orders_daily run failed: KeyError: 'tier'\nDashboards are stale.");
    expect(focused.short_description).toBe(glueTicket.short_description);
  });

  it("keeps a line that names the subject beside another resource", () => {
    const ticket = { ...glueTicket, description: "Glue job orders_daily failed after Glue job crm_sync timed out." };
    expect(focusOnSubject(ticket, resolveSubject(ticket))).toEqual(ticket);
  });

  it("reads a ticket whose subject fields name no resource whole", () => {
    const vague = { sys_id: "2", short_description: "Things are broken", description: glueTicket.description };
    expect(focusOnSubject(vague, resolveSubject(vague))).toBe(vague);
  });
});
