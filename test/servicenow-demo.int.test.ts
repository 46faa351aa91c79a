/**
 * `npm run demo`'s pass, in-process: after one intake pass over the examples' tickets on the
 * emulated instance, every ticket carries the right state, group, close fields and note, and every
 * result meets its example's expectation.
 */
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { loadManifest } from "../src/examples/manifest.js";
import { runServiceNowDemo } from "../src/examples/servicenow-demo.js";

describe("the ServiceNow demo", () => {
  it("leaves every example ticket showing its decision", async () => {
    const examples = await loadManifest("examples/manifest.json");
    const demo = await runServiceNowDemo(examples, await loadConfigFile("examples/config.json"), {
      transport: "in-process",
    });
    expect(demo.pass).toMatchObject({
      listed: examples.length,
      claimed: examples.length,
      ran: examples.length,
      failed: 0,
    });
    expect(demo.pass.writes.failed).toBe(0);
    const problems = demo.tickets.filter((ticket) => ticket.problems.length > 0);
    expect(problems.map((ticket) => `${ticket.example.name}: ${ticket.problems.join("; ")}`)).toEqual([]);
    const states = new Set(demo.tickets.map((ticket) => ticket.after.state));
    expect([...states].sort()).toEqual(["In Progress", "On Hold", "Resolved"]);
  }, 120_000);
});
