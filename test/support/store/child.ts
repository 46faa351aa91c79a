/**
 * Running hold-lock.ts in a child process, for tests that need a lock held by another live (and
 * then dead) process. Everything is awaited on events: the "locked" line, the exit.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const script = fileURLToPath(new URL("./hold-lock.ts", import.meta.url));

export interface LockHolder {
  readonly pid: number;
  /** SIGKILL, resolved once the child has exited (and been reaped, so its pid is gone). */
  kill(): Promise<void>;
}

/** Resolves once the child holds the lock; rejects with its stderr if it exits first. */
export async function spawnLockHolder(args: string[]): Promise<LockHolder> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => void (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line === "locked") resolve();
      else reject(new Error(`lock holder said ${JSON.stringify(line)}`));
    });
    void exited.then(() => reject(new Error(`lock holder exited (${child.exitCode ?? child.signalCode}): ${stderr}`)));
    child.once("error", reject);
  });

  const pid = child.pid;
  if (pid === undefined) throw new Error("lock holder has no pid");
  return {
    pid,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Runs a process that exits at once and returns its pid, which no process has now (barring reuse). */
export async function pidOfExitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "process.exit(0)"], { stdio: "ignore" });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", () => resolve());
    child.once("error", reject);
  });
  if (child.pid === undefined) throw new Error("no pid");
  return child.pid;
}
