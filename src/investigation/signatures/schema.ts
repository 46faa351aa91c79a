/**
 * An error signature: a real error string's type or phrase, what it means for a re-run, and where
 * the string comes from. The catalogue (./catalog.ts) is data, one file per service; the failure
 * classifier (../cause-patterns.ts) consults it for lines its own tables do not recognise. zod is
 * the single source of the shape, so a user's own signatures (config) are checked the same way.
 */
import { z } from "zod";

export const SIGNATURE_SERVICES = [
  "glue",
  "spark",
  "emr",
  "yarn",
  "airflow",
  "mwaa",
  "athena",
  "trino",
  "s3",
  "kafka",
  "iam",
  "lakeformation",
] as const;

/**
 * - transient: a re-run is likely to succeed (a timeout, a network blip, a killed worker);
 * - capacity: transient, but about resources (workers, memory, concurrency): a re-run later, or
 *   with more capacity, is likely to succeed;
 * - permanent: a re-run fails the same way (code, configuration, permissions, data, schema).
 */
export const SignatureNatureSchema = z.enum(["transient", "capacity", "permanent"]);
export type SignatureNature = z.infer<typeof SignatureNatureSchema>;

/** What to do about it: re-run (now), re-run later (capacity, throttling), or no remediation. */
export const SignatureRemediationSchema = z.enum(["rerun", "rerun_later", "none"]);

const REGEX_FLAGS = /^[imsu]*$/;

export const SignatureSchema = z
  .strictObject({
    /** `<service>.<name>`, kebab-case: `glue.worker-capacity`. */
    id: z.string().regex(/^[a-z][a-z0-9]*\.[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids look like glue.worker-capacity"),
    service: z.enum(SIGNATURE_SERVICES),
    /** A short label for root causes: "capacity", "killed by signal", "missing class". */
    label: z.string().trim().min(1).max(60),
    nature: SignatureNatureSchema,
    /** The error's own types or codes (simple names, as failure-text.ts reads them): `ConcurrentRunsExceededException`. */
    types: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
    /** A regular expression matched against the line with its quoted data masked (failure-text.ts). */
    pattern: z
      .string()
      .min(3)
      .refine((source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      }, "pattern must be a valid regular expression")
      .optional(),
    flags: z.string().regex(REGEX_FLAGS, "flags may be i, m, s, u").default("i"),
    remediation: SignatureRemediationSchema,
    /** One sentence: what it means and why the nature. */
    summary: z.string().trim().min(1).max(300),
    /** A real line carrying the signature, verbatim from `source` (names may be changed). */
    example: z.string().min(1),
    /** Where the string comes from: AWS documentation, a public issue, a forum answer. */
    source: z.url(),
  })
  .refine((signature) => signature.types.length > 0 || signature.pattern !== undefined, {
    message: "a signature needs types or a pattern",
  });
export type Signature = z.infer<typeof SignatureSchema>;
export type SignatureInput = z.input<typeof SignatureSchema>;

/** transient and capacity are both worth a re-run; permanent is not. */
export const isTransientNature = (nature: SignatureNature): boolean => nature !== "permanent";
