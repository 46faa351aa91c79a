import { dirname, resolve } from "node:path";
import { z } from "zod";
import { parseOrThrow } from "../errors.js";
import { readJsonFile } from "../io/read-json.js";
import { DecisionKindSchema, IntentSchema } from "../state/intents.js";
import { MUTATING_TOOLS } from "../tools/catalog.js";

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)]);

/** What an example (or an eval case) should come to; lists hold every acceptable answer. */
export const ExpectationSchema = z.strictObject({
  intent: oneOrMany(IntentSchema),
  decision: oneOrMany(DecisionKindSchema).optional(),
  /** The remediation tool, or null for "no remediation". */
  action: z.enum(MUTATING_TOOLS).nullable().optional(),
  /** Case-insensitive substrings of the root cause. */
  root_cause_contains: z.array(z.string().min(1)).default([]),
  /**
   * Case-insensitive substrings, one per entry of the run's `errors[]` (a run whose tools all
   * failed records why). Omitted: the run records no error.
   */
  errors_contain: z.array(z.string().min(1)).optional(),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

export const ExampleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "example names are kebab-case"),
  /** Paths relative to the manifest. */
  incident: z.string().min(1),
  scenario: z.string().min(1),
  description: z.string().optional(),
  expected: ExpectationSchema,
});
export type Example = z.infer<typeof ExampleSchema>;

export const ManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  examples: z
    .array(ExampleSchema)
    .min(1)
    .refine((examples) => new Set(examples.map((example) => example.name)).size === examples.length, {
      message: "example names must be unique",
    }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export interface ResolvedExample extends Example {
  incidentPath: string;
  scenarioPath: string;
}

export async function loadManifest(path: string): Promise<ResolvedExample[]> {
  const manifest = parseOrThrow(ManifestSchema, await readJsonFile(path, "manifest"), "manifest");
  const base = dirname(path);
  return manifest.examples.map((example) => ({
    ...example,
    incidentPath: resolve(base, example.incident),
    scenarioPath: resolve(base, example.scenario),
  }));
}

/** The acceptable values of an expectation that may be one value or a list. */
export const asList = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);
