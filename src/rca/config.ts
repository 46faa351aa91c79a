/**
 * Where RCA documents go: a local directory by default, or S3 when `s3` is set (then the directory
 * is not used). Meant as the `rca` section of the app config; docs/rca.md documents the keys.
 */
import { z } from "zod";

/** S3's bucket naming rules (lower case, digits, dots, hyphens; 3 to 63 long), checked at load time, not at the first write. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const RcaS3ConfigSchema = z.strictObject({
  bucket: z.string().regex(BUCKET_NAME, "must be an S3 bucket name"),
  /**
   * Put before `<number>/<thread_id>.json` as is, so it ends in "/" to be a folder; empty puts the
   * documents at the bucket's top.
   */
  prefix: z
    .string()
    .refine((prefix) => prefix === "" || (prefix.endsWith("/") && !prefix.startsWith("/")), {
      message: 'must be empty or end in "/" (and not start with one)',
    })
    .default("rca/"),
});
export type RcaS3Config = z.infer<typeof RcaS3ConfigSchema>;

export const RcaConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Relative paths are resolved against the working directory. */
  directory: z.string().trim().min(1).default("rca"),
  s3: RcaS3ConfigSchema.optional(),
});
export type RcaConfig = z.infer<typeof RcaConfigSchema>;
export type RcaConfigInput = z.input<typeof RcaConfigSchema>;

/** The defaults, for a parent schema's `.default(…)` (zod 4 does not parse a default value). */
export const DEFAULT_RCA_CONFIG: RcaConfig = RcaConfigSchema.parse({});
