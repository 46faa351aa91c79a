/**
 * The CLI run once to its end, on a run store of its own (a fresh data directory under `dir`, no
 * Postgres), so no call sees another's threads. For tests of what a command prints and how it exits.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliIsolated(dir: string, args: readonly string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await exec("node", ["bin/incident-orchestrator.js", ...args], {
      env: {
        ...process.env,
        NO_COLOR: "1",
        DATABASE_URL: "",
        INCIDENT_ORCHESTRATOR_HOME: mkdtempSync(join(dir, "home-")),
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
