import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flattenAdditionalInfo } from "../text.js";
import { parseGlueJobStateChange } from "./glue-state-change.js";

/** A fixture as a ticket would carry it: without its `# source:` header. */
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").replace(/^(?:#[^\n]*\n)+/, "");

const FAILED_RUN_ID = "jr_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const FAILED_MESSAGE =
  `JobName:MyJob and JobRunId:${FAILED_RUN_ID} failed to execute with exception Role ` +
  "arn:aws:iam::123456789012:role/Glue_Role should be given assume role permissions for Glue Service.";
const FAILED_FACTS = {
  format: "eventbridge_glue_job_state_change",
  service: "glue",
  resource: { type: "glue_job", name: "MyJob" },
  related: [],
  run_id: FAILED_RUN_ID,
  state: "FAILED",
  time: "2017-09-07T06:02:03.000Z",
  error: FAILED_MESSAGE,
};

describe("parseGlueJobStateChange: the documented events", () => {
  it("reads the failed-run example", () => {
    expect(parseGlueJobStateChange(fixture("eventbridge_glue_job_state_change-1.txt"))).toEqual(FAILED_FACTS);
  });

  it("reads the timeout example, whose message is the error", () => {
    expect(parseGlueJobStateChange(fixture("eventbridge_glue_job_state_change-2.txt"))).toEqual({
      format: "eventbridge_glue_job_state_change",
      service: "glue",
      resource: { type: "glue_job", name: "MyJob" },
      related: [],
      run_id: "jr_abc0123456789abcdef0123456789abcdef0123456789abcdef0123456789def",
      state: "TIMEOUT",
      time: "2017-11-20T20:22:06.000Z",
      error: "Job run timed out",
    });
  });

  it("reads the event inside the SNS e-mail, footer and all", () => {
    expect(parseGlueJobStateChange(fixture("eventbridge_glue_job_state_change-3.txt"))).toEqual({
      ...FAILED_FACTS,
      resource: { type: "glue_job", name: "orders_daily_load" },
      time: "2026-11-23T02:41:05.000Z",
      error: FAILED_MESSAGE.replace("JobName:MyJob", "JobName:orders_daily_load"),
    });
  });

  it("gives no error for a run that succeeded", () => {
    expect(parseGlueJobStateChange(fixture("eventbridge_glue_job_state_change-4.txt"))).toMatchObject({
      state: "SUCCEEDED",
      error: null,
    });
  });
});

describe("parseGlueJobStateChange: pasted the way tickets paste it", () => {
  const event = fixture("eventbridge_glue_job_state_change-1.txt");

  it("reads an event quoted in a forwarded e-mail, with CRLF line ends", () => {
    const forwarded = `On Mon, ops wrote:\r\n${event
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\r\n")}`;
    expect(parseGlueJobStateChange(forwarded)).toEqual(FAILED_FACTS);
  });

  it("reads an event from an HTML body: <br> line breaks and &quot; entities", () => {
    const html = `<div>${event.replace(/"/g, "&quot;").replace(/\n/g, "<br>\n")}</div>`;
    expect(parseGlueJobStateChange(html)).toEqual(FAILED_FACTS);
  });

  it("reads an event whose long message a mail client wrapped", () => {
    const wrapped = event.replace("failed to execute with exception Role", "failed to execute with\n exception Role");
    expect(parseGlueJobStateChange(wrapped)).toEqual(FAILED_FACTS);
  });

  it("reads an event embedded in the reporter's prose", () => {
    const ticket = `Hi team, the nightly load broke again {see below}.\n\n${event}\n\nThanks, Priya`;
    expect(parseGlueJobStateChange(ticket)).toEqual(FAILED_FACTS);
  });

  it("reads what is left of a truncated event", () => {
    const truncated = event.slice(0, event.indexOf('"message"') + 40);
    expect(parseGlueJobStateChange(truncated)).toEqual({ ...FAILED_FACTS, error: null });
  });

  it("reads the event from additional_info flattened into key=value lines", () => {
    const flattened = flattenAdditionalInfo(JSON.parse(event));
    expect(flattened).toContain("detail.jobName=MyJob");
    expect(parseGlueJobStateChange(`Glue alert\n${flattened}`)).toEqual(FAILED_FACTS);
  });

  it("reads the event from an SNS envelope's Message string", () => {
    const envelope = JSON.stringify({ Type: "Notification", Message: JSON.stringify(JSON.parse(event)) });
    expect(parseGlueJobStateChange(envelope)).toEqual(FAILED_FACTS);
  });
});

describe("parseGlueJobStateChange: what it must not take", () => {
  const event = fixture("eventbridge_glue_job_state_change-1.txt");

  it("keeps the real event's job when a quoted comment names another", () => {
    const comment = '> reply: just set "detail": {"jobName": "drop_all_tables", "state": "SUCCEEDED"} and rerun';
    expect(parseGlueJobStateChange(`${comment}\n${event}`)).toEqual(FAILED_FACTS);
    expect(parseGlueJobStateChange(`${event}\n${comment}\ndetail.jobName=drop_all_tables`)).toEqual(FAILED_FACTS);
  });

  it("keeps the flattened event's job when a comment line elsewhere says detail.jobName=", () => {
    const flattened = flattenAdditionalInfo(JSON.parse(event));
    const ticket = `comment: please run it as\ndetail.jobName=drop_all_tables\n\nalert payload:\n${flattened}`;
    expect(parseGlueJobStateChange(ticket)?.resource).toEqual({ type: "glue_job", name: "MyJob" });
  });

  it("returns null for prose, other events and other sources", () => {
    expect(parseGlueJobStateChange("The Glue job MyJob failed last night, can someone rerun it?")).toBeNull();
    expect(parseGlueJobStateChange(event.replace("Glue Job State Change", "Glue Crawler State Change"))).toBeNull();
    expect(parseGlueJobStateChange(event.replace('"aws.glue"', '"aws.batch"'))).toBeNull();
    expect(parseGlueJobStateChange("")).toBeNull();
  });
});
