/**
 * verify_source_data: whether a dataset's date partitions arrived in S3, and are not empty, over a
 * lookback window.
 */
import type { _Object } from "@aws-sdk/client-s3";
import pLimit from "p-limit";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { isoOrNull } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime } from "../schemas.js";
import { listAll } from "./list-objects.js";

const LISTING_CONCURRENCY = 4;

export const VerifySourceDataInput = z.object({
  bucket: z.string().min(1),
  prefix: z.string().describe("Dataset prefix without the partition, e.g. raw/payments/"),
  partition_key: z.string().default("dt"),
  date: z.string().optional().describe("The expected date (YYYY-MM-DD); default: today (UTC)"),
  lookback_days: z.number().int().min(1).max(90).default(7),
  min_bytes: z.number().int().min(0).default(1),
});
export const PartitionStatusSchema = z.object({
  date: z.string(),
  objects: z.number().int(),
  bytes: z.number(),
  last_modified: isoTime.nullable(),
  /** A `_SUCCESS` marker is there: the writer finished the partition. */
  success_marker: z.boolean(),
});
export const VerifySourceDataOutput = z.object({
  bucket: z.string(),
  prefix: z.string(),
  /** The dates checked, oldest first: `date` and the `lookback_days - 1` days before it. */
  checked_dates: z.array(z.string()),
  partitions: z.array(PartitionStatusSchema),
  missing_dates: z.array(z.string()),
  /** Present but every object is smaller than min_bytes. */
  empty_dates: z.array(z.string()),
  last_available_date: z.string().nullable(),
});

export const verifySourceDataTool = defineTool({
  name: "verify_source_data",
  title: "Verify S3 source partitions",
  description:
    "Read-only. Checks that a dataset's date partitions exist in S3 (s3://bucket/prefix/<partition_key>=YYYY-MM-DD/) " +
    "for `date` (default today, UTC) and the lookback_days-1 days before it. Returns objects, bytes and last " +
    "modification per date, the missing dates, the dates whose objects are all smaller than min_bytes (_SUCCESS " +
    "markers alone count as empty), and the last date with data.",
  mutating: false,
  input: VerifySourceDataInput,
  output: VerifySourceDataOutput,
  run: verifySourceData,
});

type PartitionStatus = z.infer<typeof PartitionStatusSchema>;
interface Partition extends PartitionStatus {
  /** Some object other than a marker reaches min_bytes. */
  has_data: boolean;
}

export async function verifySourceData(
  clients: AwsClients,
  input: z.infer<typeof VerifySourceDataInput>,
): Promise<z.infer<typeof VerifySourceDataOutput>> {
  const dates = lookbackDates(input.date ?? new Date().toISOString().slice(0, 10), input.lookback_days);
  const prefix = asFolder(input.prefix);
  const limit = pLimit(LISTING_CONCURRENCY);
  const partitions = await Promise.all(
    dates.map((date) =>
      limit(async () => {
        const objects = await listAll(clients, input.bucket, `${prefix}${input.partition_key}=${date}/`);
        return partitionStatus(date, objects, input.min_bytes);
      }),
    ),
  );
  return {
    bucket: input.bucket,
    prefix: input.prefix,
    checked_dates: dates,
    partitions: partitions.map(({ has_data: _hasData, ...status }) => status),
    missing_dates: partitions.filter((p) => p.objects === 0).map((p) => p.date),
    empty_dates: partitions.filter((p) => p.objects > 0 && !p.has_data).map((p) => p.date),
    last_available_date: partitions.filter((p) => p.has_data).at(-1)?.date ?? null,
  };
}

/** `date` and the `days - 1` days before it, oldest first (YYYY-MM-DD, UTC). */
export function lookbackDates(date: string, days: number): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Error(`date must be YYYY-MM-DD, got "${date}"`);
  }
  const end = Date.parse(`${date}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** Markers (`_SUCCESS`, folder placeholders) prove a writer ran, not that data arrived. */
export function isMarker(key: string): boolean {
  return key.endsWith("/") || /(^|\/)_SUCCESS$/.test(key) || /_\$folder\$$/.test(key);
}

export function partitionStatus(date: string, objects: readonly _Object[], minBytes: number): Partition {
  let bytes = 0;
  let latest: Date | undefined;
  for (const object of objects) {
    bytes += object.Size ?? 0;
    if (object.LastModified && (!latest || object.LastModified > latest)) latest = object.LastModified;
  }
  const hasData = objects.some((object) => !isMarker(object.Key ?? "") && (object.Size ?? 0) >= minBytes);
  const successMarker = objects.some((object) => /(^|\/)_SUCCESS$/.test(object.Key ?? ""));
  return {
    date,
    objects: objects.length,
    bytes,
    last_modified: isoOrNull(latest),
    success_marker: successMarker,
    has_data: hasData,
  };
}

/** A dataset prefix always names a folder: "raw/payments" and "raw/payments/" mean the same. */
function asFolder(prefix: string): string {
  return prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
}
