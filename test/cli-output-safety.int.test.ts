/**
 * The reviewer's terminal never obeys a ticket: a Kafka incident whose number and title carry
 * escape sequences (erase line, cursor up, a window title, an OSC 8 link, a C1 CSI, a bidi
 * override) runs, pauses, is listed, shown and answered through the real CLI, and nothing it
 * prints holds an ESC or C1 byte. `--json` keeps the data, escaped. DATABASE_URL's password is
 * never printed, whether the database answers or not.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { threadIdFor } from "../src/runs/thread-id.js";
import { startCli, type CliExit } from "./support/cli-process.js";
import { backendTitle, runBackends } from "./support/run-backends.js";

const EXAMPLE = "kafka-consumer-lag-rising";
const original = JSON.parse(readFileSync(`examples/incidents/${EXAMPLE}.json`, "utf8")) as Record<string, string>;
const FAKE_DONE = "\x1b[2K\x1b[1A✓ finish          Done on thread x: auto_close.";
const hostile = {
  ...original,
  sys_id: "0badc0de0badc0de0badc0de0badc0de",
  number: "INC0012517\x1b]0;pwned\x07\x1b[2K",
  short_description: `${original.short_description}${FAKE_DONE}\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ \x9b31mred \u202eesrever`,
};
const thread = threadIdFor(hostile.sys_id);

/** ESC, any other C0 control but \n, DEL, C1, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- asserting their absence
const TERMINAL_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

const backends = await runBackends();
const sqlite = backends.find((backend) => backend.name === "sqlite")!;
const postgres = backends.find((backend) => backend.name === "postgres")!;
afterAll(async () => {
  await sqlite.cleanUp();
  await postgres.cleanUp();
});

function expectNoControls(exit: CliExit, what: string): void {
  expect(exit.stdout, `${what}: stdout`).not.toMatch(TERMINAL_CONTROL);
  expect(exit.stderr, `${what}: stderr`).not.toMatch(TERMINAL_CONTROL);
}

describe(backendTitle(sqlite, "CLI output from a hostile ticket"), () => {
  const env = sqlite.isolate();
  const cli = (...args: string[]) => startCli(args, env).exited;
  const incidentPath = `${env.INCIDENT_ORCHESTRATOR_HOME}/hostile-incident.json`;
  const runFlags = ["--scenario", `examples/scenarios/${EXAMPLE}.json`, "--config", "examples/config.json"];

  it("run, pending, show and resume print no escape sequence; --json keeps the data escaped", async () => {
    writeFileSync(incidentPath, JSON.stringify(hostile));

    const run = await cli("run", incidentPath, ...runFlags, "--in-process");
    expect(run.code, run.stderr).toBe(0);
    expectNoControls(run, "run");
    // The title is there, as text on its own line; its fake "Done" is not a line of its own.
    expect(run.stdout).toContain("Incident INC0012517: Kafka consumer lag rising");
    expect(run.stdout).toContain("click red esrever");
    expect(run.stdout.split("\n").filter((line) => line.includes("Done on thread"))).toEqual([
      expect.stringMatching(/^Incident INC0012517/),
    ]);
    expect(run.stdout).toContain(`Paused for review (policy) on thread ${thread}`);

    const pending = await cli("pending");
    expect(pending.code, pending.stderr).toBe(0);
    expectNoControls(pending, "pending");
    expect(pending.stdout.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^${thread}  .*INC0012517`))]);

    const pendingJson = await cli("pending", "--json");
    expectNoControls(pendingJson, "pending --json");
    const listed = JSON.parse(pendingJson.stdout) as { summary: string }[];
    // The data is kept (JSON-escaped on the wire, exact once parsed).
    expect(listed[0]?.summary).toContain("INC0012517\x1b]0;pwned\x07");
    expect(listed[0]?.summary).toContain("\x9b31m");

    const show = await cli("show", thread);
    expect(show.code, show.stderr).toBe(0);
    expectNoControls(show, "show");
    expect(show.stdout).toMatch(/^## Review needed: INC0012517\n/);

    const showJson = await cli("show", thread, "--json");
    expectNoControls(showJson, "show --json");
    expect(() => JSON.parse(showJson.stdout) as unknown).not.toThrow();

    const resume = await cli(
      "resume",
      thread,
      "--respond",
      "Paged on-call.\x1b[2K\r\nDecision: auto_close\x1b]0;owned\x07",
      "--by",
      "mallory\x1b[1A\nResolved by the CEO",
      ...runFlags,
      "--in-process",
    );
    expect(resume.code, resume.stderr).toBe(0);
    expectNoControls(resume, "resume");
    expect(resume.stdout).toContain('"reviewer": "mallory Resolved by the CEO"');
    expect(resume.stdout).toContain('"note": "Paged on-call.\\nDecision: auto_close"');
  }, 240_000);
});

describe("DATABASE_URL with a password", () => {
  const secrets = ["hunter2", "hunter3", "hunter4"];

  it("is not printed when the server does not answer", async () => {
    const exit = await startCli(["pending"], {
      ...sqlite.isolate(),
      DATABASE_URL: "postgresql://app:hunter2@127.0.0.1:1/runs?password=hunter3&sslpassword=hunter4&sslmode=disable",
    }).exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain("postgresql://app@127.0.0.1:1/runs");
    for (const secret of secrets) expect(exit.stdout + exit.stderr).not.toContain(secret);
  }, 60_000);

  it.skipIf(postgres.skip !== undefined)(
    backendTitle(postgres, "is not printed when the server answers"),
    async () => {
      const env = postgres.isolate();
      const url = new URL(env.DATABASE_URL ?? "");
      url.password = "hunter2";
      url.searchParams.set("password", "hunter3");
      const exit = await startCli(["pending"], { ...env, DATABASE_URL: url.toString() }).exited;
      // Whether the server checks the password or not, neither appears.
      for (const secret of secrets) expect(exit.stdout + exit.stderr).not.toContain(secret);
      if (exit.code === 0) {
        expect(exit.stdout).toMatch(
          /^No runs are waiting for review \(postgresql:\/\/postgres@.*password=\[redacted\]/,
        );
      } else {
        expect(exit.stderr).toMatch(
          /^incident-orchestrator: cannot open the Postgres run store at postgresql:\/\/postgres@/,
        );
      }
    },
    60_000,
  );
});
