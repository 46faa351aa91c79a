/**
 * get_s3_logs: a listing of the objects under an S3 prefix (logs, manifests, markers), newest
 * first, with the first lines of one of them.
 */
import { gunzipSync, constants as zlibConstants } from "node:zlib";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { firstLines, isAwsErrorNamed, isoOrNull } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime } from "../schemas.js";
import { listUpTo } from "./list-objects.js";

/** get_s3_logs sorts by LastModified, so it lists more than it returns; this caps that. */
const LOG_LISTING_MAX_KEYS = 5_000;
/** Only the head of an object is read: enough for read_lines lines of a log. */
const READ_BYTES = 1024 * 1024;

export const GetS3LogsInput = z.object({
  bucket: z.string().min(1),
  prefix: z.string().default(""),
  max_keys: z.number().int().min(1).max(200).default(50),
  read_key: z
    .string()
    .optional()
    .describe("An object whose first lines to return (a log, a manifest, a _SUCCESS marker)"),
  read_lines: z.number().int().min(0).max(200).default(40),
});
export const GetS3LogsOutput = z.object({
  bucket: z.string(),
  prefix: z.string(),
  /** Newest first. */
  objects: z.array(z.object({ key: z.string(), size: z.number(), last_modified: isoTime.nullable() })),
  truncated: z.boolean(),
  read_key: z.string().nullable(),
  content_excerpt: z.array(z.string()),
});

export const getS3LogsTool = defineTool({
  name: "get_s3_logs",
  title: "List and read S3 objects",
  description:
    "Read-only. Lists the objects under an S3 prefix, newest first (key, size, last modified), and optionally " +
    "returns the first lines of one object (read_key), e.g. a log file, a manifest or a _SUCCESS marker; " +
    "gzip is decompressed.",
  mutating: false,
  input: GetS3LogsInput,
  output: GetS3LogsOutput,
  run: getS3Logs,
});

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
