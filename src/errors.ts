import type { z } from "zod";

/**
 * An error the user caused (bad incident, config, scenario or arguments). The CLI prints its
 * message as one line and exits non-zero, without a stack trace.
 */
export class UserInputError extends Error {
  override readonly name = "UserInputError";
}

/** "incident.sys_id: must be a non-empty string; incident.priority: …" — one line, every bad field named. */
export function describeZodError(subject: string, error: z.ZodError): string {
  const issues = error.issues.map((issue) => {
    const path = [subject, ...issue.path.map(String)].join(".");
    return `${path}: ${issue.message}`;
  });
  return issues.join("; ");
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, subject: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UserInputError(`invalid ${subject}: ${describeZodError(subject, parsed.error)}`);
  return parsed.data;
}
