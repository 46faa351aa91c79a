import { createHash } from "node:crypto";

/**
 * What identifies one side effect: the occurrence (the thread the run is on), the incident, the
 * action, its target and which attempt it is. The thread is part of it so that a recurrence handled
 * on a new thread re-runs the remediation, while a resumed or re-run thread finds its own start.
 */
export interface IdempotencyParts {
  thread_id: string;
  sys_id: string;
  action: string;
  resource_id: string;
  attempt: number;
}

const KEY_PREFIX = "io-";
const HEX_CHARS = 40;

/**
 * A stable key for one remediation attempt, so a resumed or re-run graph finds the run it already
 * started instead of starting another. 43 characters of `[a-z0-9-]`: within every tool's key rules
 * (Athena's ClientRequestToken needs at least 32). Parts are joined with NUL, which cannot occur in
 * ticket ids or AWS names, so ("a", "bc") and ("ab", "c") never collide.
 */
export function idempotencyKey(parts: IdempotencyParts): string {
  const material = [parts.thread_id, parts.sys_id, parts.action, parts.resource_id, String(parts.attempt)].join(
    "\u0000",
  );
  const digest = createHash("sha256").update(material, "utf8").digest("hex");
  return KEY_PREFIX + digest.slice(0, HEX_CHARS);
}
