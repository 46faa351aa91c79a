/**
 * Reading S3 locations out of entities and error text. A dataset location is the prefix *above*
 * the date partition, because verify_source_data adds `<partition_key>=<date>/` itself.
 */
import { normaliseDay } from "./dates.js";

export interface DatasetLocation {
  bucket: string;
  /** Dataset prefix without the partition, ending in "/" (or "" for the bucket root). */
  prefix: string;
  /** The partition key and day when the location named one (dt=2024-01-15). */
  partition_key: string | null;
  date: string | null;
}

const PARTITION_SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/;
/** s3:// or s3a:// URIs in free text; the key stops at whitespace, quotes and closing brackets. */
const S3_URI = /\bs3a?:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/([^\s"'`<>)\]},;]*)/g;

/**
 * Splits a key prefix at its first `key=YYYY-MM-DD` segment. Without such a segment the whole
 * prefix is the dataset prefix (a trailing file name is dropped when `dropFileName`).
 */
export function splitDatasetPrefix(
  rawPrefix: string,
  dropFileName = false,
): Pick<DatasetLocation, "prefix" | "partition_key" | "date"> {
  const segments = rawPrefix.split("/").filter((segment) => segment.length > 0);
  const index = segments.findIndex((segment) => {
    const match = PARTITION_SEGMENT.exec(segment);
    return match !== null && normaliseDay(match[2]) !== null;
  });
  if (index >= 0) {
    const match = PARTITION_SEGMENT.exec(segments[index] ?? "");
    const dataset = segments.slice(0, index);
    return {
      prefix: dataset.length > 0 ? `${dataset.join("/")}/` : "",
      partition_key: match?.[1] ?? null,
      date: normaliseDay(match?.[2]),
    };
  }
  const last = segments.at(-1) ?? "";
  const kept = dropFileName && last.includes(".") ? segments.slice(0, -1) : segments;
  return { prefix: kept.length > 0 ? `${kept.join("/")}/` : "", partition_key: null, date: null };
}

/**
 * Dataset locations named in free text (an error message, a task log), first occurrence first,
 * deduplicated. Only locations with a date partition are returned: without one, checking "the
 * expected date" under a file's folder would report data missing that never was expected there.
 */
export function datedLocationsInText(text: string): DatasetLocation[] {
  const found = new Map<string, DatasetLocation>();
  for (const match of text.matchAll(S3_URI)) {
    const bucket = match[1] ?? "";
    const split = splitDatasetPrefix(match[2] ?? "", true);
    if (split.date === null) continue;
    const key = `${bucket}/${split.prefix}/${split.partition_key ?? ""}/${split.date}`;
    if (!found.has(key)) found.set(key, { bucket, ...split });
  }
  return [...found.values()];
}

/** The dataset's name: the last segment of its prefix ("raw/payments/" → "payments"). */
export function datasetName(prefix: string | undefined): string | null {
  if (!prefix) return null;
  const split = splitDatasetPrefix(prefix, true);
  const segments = split.prefix.split("/").filter((segment) => segment.length > 0);
  return segments.at(-1) ?? null;
}

export function s3Uri(bucket: string, prefix: string, partitionKey?: string, date?: string): string {
  const partition = partitionKey && date ? `${partitionKey}=${date}/` : "";
  return `s3://${bucket}/${prefix}${partition}`;
}
