import type { ActionAttempt } from "../state/action.js";

export { countAttemptsUsed as attemptsUsed } from "../policy/input.js";

export function lastAttempt(attempts: readonly ActionAttempt[]): ActionAttempt | null {
  return attempts.at(-1) ?? null;
}
