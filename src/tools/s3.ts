/**
 * S3 tools: whether a dataset's date partitions arrived (and are not empty) over a lookback window,
 * and a listing of objects (logs, manifests, markers) with the first lines of one of them.
 */
import { gunzipSync, constants as zlibConstants } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, type _Object } from "@aws-sdk/client-s3";
import pLimit from "p-limit";
import type { z } from "zod";
import type { AwsClients } from "./aws-clients.js";
import { firstLines, isAwsErrorNamed, isoOrNull } from "./convert.js";
import type {
  GetS3LogsInput,
  GetS3LogsOutput,
  PartitionStatusSchema,
  VerifySourceDataInput,
  VerifySourceDataOutput,
} from "./schemas.js";

const LISTING_CONCURRENCY = 4;
/** get_s3_logs sorts by LastModified, so it lists more than it returns; this caps that. */
const LOG_LISTING_MAX_KEYS = 5_000;
/** Only the head of an object is read: enough for read_lines lines of a log. */
const READ_BYTES = 1024 * 1024;

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

export async function getS3Logs(
  clients: AwsClients,
  input: z.infer<typeof GetS3LogsInput>,
): Promise<z.infer<typeof GetS3LogsOutput>> {
  const listing = await listUpTo(clients, input.bucket, input.prefix, LOG_LISTING_MAX_KEYS);
  const newest = [...listing.objects].sort(
    (a, b) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0),
  );
  const content = input.read_key ? await readHead(clients, input.bucket, input.read_key) : "";
  return {
    bucket: input.bucket,
    prefix: input.prefix,
    objects: newest.slice(0, input.max_keys).map((object) => ({
      key: object.Key ?? "",
      size: object.Size ?? 0,
      last_modified: isoOrNull(object.LastModified),
    })),
    truncated: listing.truncated || newest.length > input.max_keys,
    read_key: input.read_key ?? null,
    content_excerpt: firstLines(content, input.read_lines),
  };
}

async function listAll(clients: AwsClients, bucket: string, prefix: string): Promise<_Object[]> {
  return (await listUpTo(clients, bucket, prefix, Number.POSITIVE_INFINITY)).objects;
}

async function listUpTo(
  clients: AwsClients,
  bucket: string,
  prefix: string,
  maxKeys: number,
): Promise<{ objects: _Object[]; truncated: boolean }> {
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
    );
    objects.push(...(page.Contents ?? []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && objects.length < maxKeys);
  return { objects, truncated: token !== undefined };
}

/** The start of an object as text; gzip (EMR and many app logs) is decompressed as far as read. */
async function readHead(clients: AwsClients, bucket: string, key: string): Promise<string> {
  const range = `bytes=0-${READ_BYTES - 1}`;
  const out = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range })).catch((error) => {
    // S3 answers a range request on an empty object (a _SUCCESS marker) with 416.
    if (isAwsErrorNamed(error, "InvalidRange")) return undefined;
    throw error;
  });
  if (!out) return "";
  const bytes = Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array()).subarray(0, READ_BYTES);
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzipped) return bytes.toString("utf8");
  // A range cuts the stream short: a sync flush decompresses what is there instead of failing.
  return gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString("utf8");
}

/** A dataset prefix always names a folder: "raw/payments" and "raw/payments/" mean the same. */
function asFolder(prefix: string): string {
  return prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
}
