import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSchedulerBanner } from "./scheduler-banner.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

const banner = (age: string): string =>
  `The scheduler does not appear to be running. Last heartbeat was received ${age} ago. ` +
  "The DAGs list may not update, and new tasks will not be scheduled.";

describe("parseSchedulerBanner", () => {
  it("reads the banner pasted in an Airflow issue, its line break collapsed", () => {
    expect(parseSchedulerBanner(fixture("airflow_scheduler_banner-1.txt"))).toEqual({
      format: "airflow_scheduler_banner",
      service: "airflow",
      resource: null,
      related: [],
      run_id: null,
      state: null,
      time: null,
      error: banner("X hour"),
    });
  });

  it("reads the banner at the start of a ticket", () => {
    expect(parseSchedulerBanner(fixture("airflow_scheduler_banner-2.txt"))).toMatchObject({
      service: "airflow",
      resource: null,
      error: banner("5 hours"),
    });
  });

  it("reads the MWAA variant, with the environment the ticket names", () => {
    expect(parseSchedulerBanner(fixture("airflow_scheduler_banner-3.txt"))).toEqual({
      format: "airflow_scheduler_banner",
      service: "mwaa",
      resource: { type: "mwaa_environment", name: "prod-data-airflow" },
      related: [],
      run_id: null,
      state: null,
      time: null,
      error: banner("14 minutes"),
    });
  });

  it("reads the short banner, the triggerer's, and 'a few seconds ago'", () => {
    expect(parseSchedulerBanner("UI says: The scheduler does not appear to be running.")?.error).toBe(
      "The scheduler does not appear to be running.",
    );
    expect(
      parseSchedulerBanner(
        "The triggerer does not appear to be running. Last heartbeat was received a few seconds ago.",
      )?.error,
    ).toBe("The triggerer does not appear to be running. Last heartbeat was received a few seconds ago.");
  });

  it("names the environment from an MWAA ARN, and none from prose", () => {
    const arn = "arn:aws:airflow:us-east-1:123456789012:environment/analytics-mwaa";
    expect(parseSchedulerBanner(`${arn}\n${banner("3 minutes")}`)?.resource).toEqual({
      type: "mwaa_environment",
      name: "analytics-mwaa",
    });
    expect(parseSchedulerBanner(`On MWAA the environment is down. ${banner("3 minutes")}`)?.resource).toBeNull();
  });

  it("returns null when the scheduler is only talked about", () => {
    expect(parseSchedulerBanner("Is the scheduler running? DAGs are not being scheduled")).toBeNull();
  });
});
