/**
 * The schema of examples/manifest.json: which incident goes with which scenario, and what the
 * orchestrator is expected to conclude. Evals and the example test read it through this schema.
 */
import { z } from "zod";
import { DecisionKindSchema, IntentSchema } from "../src/state/intents.js";
import { MUTATING_TOOLS } from "../src/tools/names.js";

/** One value, or a list of values any of which is acceptable (for genuinely ambiguous examples). */
const oneOrAnyOf = <T extends z.ZodType>(value: T) =>
  z.union([
    value,
    z
      .array(value)
      .min(1)
      .refine((values) => new Set(values).size === values.length, "acceptable values must not repeat"),
  ]);

export const ExpectedOutcomeSchema = z.strictObject({
  intent: oneOrAnyOf(IntentSchema),
  decision: oneOrAnyOf(DecisionKindSchema),
  /** The remediation the orchestrator should have started, or null when it must not act. */
  action: z.enum(MUTATING_TOOLS).nullable(),
  /** Lowercase substrings that must all appear in the (lowercased) root cause. */
  root_cause_contains: z
    .array(
      z
        .string()
        .min(1)
        .regex(/^[^A-Z]+$/, "root_cause_contains entries are lowercase"),
    )
    .default([]),
});
export type ExpectedOutcome = z.infer<typeof ExpectedOutcomeSchema>;

export const ExampleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "example names are kebab-case"),
  /** Paths relative to examples/. */
  incident: z.string().regex(/^incidents\/[a-z0-9-]+\.json$/, "incident paths look like incidents/<name>.json"),
  scenario: z.string().regex(/^scenarios\/[a-z0-9-]+\.json$/, "scenario paths look like scenarios/<name>.json"),
  expected: ExpectedOutcomeSchema,
});
export type Example = z.infer<typeof ExampleSchema>;

export const ExampleManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  examples: z
    .array(ExampleSchema)
    .min(1)
    .superRefine((examples, context) => {
      const seen = new Set<string>();
      for (const [index, example] of examples.entries()) {
        if (seen.has(example.name)) {
          context.addIssue({
            code: "custom",
            message: `duplicate example name ${example.name}`,
            path: [index, "name"],
          });
        }
        seen.add(example.name);
      }
    }),
});
export type ExampleManifest = z.infer<typeof ExampleManifestSchema>;

/** The acceptable values of an expectation that may be one value or a list. */
export function acceptableValues<T>(expected: T | readonly T[]): readonly T[] {
  return Array.isArray(expected) ? (expected as readonly T[]) : [expected as T];
}
