import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseText } from "../text.js";
import { ALL_NOTIFICATION_PARSERS, NOTIFICATION_FORMATS, NotificationFactsSchema, parseNotification } from "./index.js";

const FIXTURES = new URL("./fixtures/", import.meta.url);
const fixtureNames = readdirSync(FIXTURES).filter((name) => name.endsWith(".txt"));
const raw = (name: string): string => readFileSync(new URL(name, FIXTURES), "utf8");
const body = (name: string): string => raw(name).replace(/^(?:#[^\n]*\n)+/, "");

describe("fixtures", () => {
  it("are named <format>-<n>.txt after a known format", () => {
    expect(fixtureNames.length).toBeGreaterThan(0);
    for (const name of fixtureNames) {
      const format = /^([a-z_]+)-\d+\.txt$/.exec(name)?.[1];
      expect(NOTIFICATION_FORMATS as readonly string[], name).toContain(format);
    }
  });

  it("say where they come from: a first line '# source: <URL>', and URLs on every source or wrapper line", () => {
    for (const name of fixtureNames) {
      const lines = raw(name).split("\n");
      expect(lines[0], name).toMatch(/^# source: https:\/\/\S+$/);
      for (const line of lines.filter((text) => /^# (?:source|wrapper):/.test(text))) {
        expect(() => new URL(line.replace(/^# (?:source|wrapper): /, "")), `${name}: ${line}`).not.toThrow();
      }
    }
  });

  it("each parse, through parseNotification, as the format they are named after", () => {
    for (const name of fixtureNames) {
      expect(parseNotification(body(name))?.format, name).toBe(name.replace(/-\d+\.txt$/, ""));
    }
  });
});

describe("parseNotification", () => {
  it("reads every fixture the same after the classifier's own normaliseText (what buildTicketText applies)", () => {
    for (const name of fixtureNames) {
      expect(parseNotification(normaliseText(body(name))), name).toEqual(parseNotification(body(name)));
    }
  });

  it("covers every format with a parser", () => {
    const covered = new Set(ALL_NOTIFICATION_PARSERS.flatMap((parser) => parser.formats));
    expect([...covered].sort()).toEqual([...NOTIFICATION_FORMATS].sort());
  });

  it("prefers the structured event to the Glue failure text its message repeats", () => {
    expect(parseNotification(body("eventbridge_glue_job_state_change-1.txt"))?.format).toBe(
      "eventbridge_glue_job_state_change",
    );
  });

  it.each([
    "Glue job orders_v2 failed last night, please rerun",
    "The daily_sales DAG has been failing since Monday; the scheduler seems slow",
    "CloudWatch alarm prod-dag-failures fired at 2am, Athena query 5d1c7e2a-9b3f-4c1d-8e6a-2f4b6c8d0e1a timed out",
    "EMR cluster j-123456789ABCD terminated with errors, step s-ZYXWVUTSRQPON failed",
    'Please look at {"jobName": "orders_v2", "state": "FAILED"} in the logs',
    "",
    "   \n  ",
  ])("returns null for a ticket that only talks about an incident: %j", (text) => {
    expect(parseNotification(text)).toBeNull();
  });

  it("never throws, and returns null or facts that fit the schema, whatever the text", () => {
    const pieces = fc.constantFrom(
      '{"detail-type":"Glue Job State Change","source":"aws.glue","detail":{',
      '"jobName":"x"',
      '"AlarmName":"a","NewStateValue":"ALARM"',
      "<TaskInstance: d.t r [failed]>",
      "Try 1 out of 2<br>Exception:<br>",
      "The scheduler does not appear to be running.",
      'You are receiving this email because your Amazon CloudWatch Alarm "a" in the X region has entered the ALARM state',
      "{",
      "}",
      '\\"',
      "&quot;",
      "> ",
      "\n",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const facts = parseNotification(parts.join(""));
        expect(facts === null || NotificationFactsSchema.safeParse(facts).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("does bounded work on a 200 KB ticket built to make naive patterns backtrack", () => {
    const unit =
      '{"detail-type":"Glue Job State Change","source":"aws.glue","message":"' +
      "a".repeat(60) +
      ' because "x at "Threshold <TaskInstance: a.b ' +
      "Glue failure detected for job: * The Glue job, x, failed with error: JobName:a and JobRunId:jr_0000 " +
      "The scheduler does not appear to be running. Last heartbeat was received ".repeat(2) +
      "- Dimensions: [a = b, ".repeat(5) +
      '{\\"AlarmName\\" &amp; > > >\n';
    const ticket = unit.repeat(Math.ceil(200_000 / unit.length));
    expect(ticket.length).toBeGreaterThanOrEqual(200_000);
    const started = performance.now();
    for (const parser of ALL_NOTIFICATION_PARSERS) parser.parse(ticket);
    const facts = parseNotification(`${ticket}\n${body("cloudwatch_alarm_email-2.txt")}`);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(facts?.resource).toEqual({ type: "alarm", name: "prod-daily-sales-task-failures" });
  });
});
