/**
 * The CLI as a real process that a test can SIGKILL at a moment of its choosing (an event it
 * observes, never a timer), and whose exit it awaits.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  readonly child: ChildProcess;
  /** SIGKILL now (if still running). */
  kill(): void;
  readonly exited: Promise<CliExit>;
}

export function startCli(args: readonly string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, ["bin/incident-orchestrator.js", ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => void (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => void (stderr += chunk));
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
