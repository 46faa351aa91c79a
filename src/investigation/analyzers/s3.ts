/**
 * S3 evidence → analysis.
 * - verify_source_data: missing days are missing source data (non-transient: re-running the job
 *   would read the same nothing); zero-byte days likewise; everything present and non-empty is
 *   evidence the data is there now (recovered for a data intent, and the "since arrived" half of a
 *   late upstream file — `succeeded_at` is when the reference day's data last changed).
 * - get_s3_logs: an empty listing says nothing arrived; a read log/manifest may carry an error line.
 */
import type { z } from "zod";
import { GetS3LogsOutput } from "../../tools/s3/get-s3-logs.js";
import { VerifySourceDataOutput } from "../../tools/s3/verify-source-data.js";
import { classifyFailureText } from "../cause-patterns.js";
import { s3Uri } from "../s3-paths.js";
import type { Analysis } from "../types.js";
import { STRENGTH, analysis, clip, evidenceLine, labelled, parseOutput } from "./common.js";

const MAX_LISTED_DATES = 5;

function listDates(dates: readonly string[]): string {
  const shown = dates.slice(0, MAX_LISTED_DATES).join(", ");
  return dates.length > MAX_LISTED_DATES ? `${shown} (+${dates.length - MAX_LISTED_DATES} more)` : shown;
}

function partitionPaths(bucket: string, prefix: string, key: string, dates: readonly string[]): string {
  if (dates.length === 1) return s3Uri(bucket, prefix, key, dates[0]);
  return `${s3Uri(bucket, prefix)}${key}=… for ${listDates(dates)}`;
}

type VerifyOutput = z.infer<typeof VerifySourceDataOutput>;

/** When the reference day's data last changed: the newest last_modified among its partitions. */
function arrivalOf(data: VerifyOutput, day: string | undefined): string | null {
  const times = data.partitions
    .filter((partition) => partition.date === day && partition.last_modified !== null)
    .map((partition) => partition.last_modified as string)
    .sort((a, b) => Date.parse(b) - Date.parse(a));
  return times[0] ?? null;
}

/** Below this share of the other days' median size, a day's data counts as (almost) nothing. */
export const THIN_DAY_RATIO = 0.05;

/** The reference day's bytes when they are far below the other days' median (a header-only file, say). */
function thinDay(data: VerifyOutput, day: string): { bytes: number; median: number } | null {
  const bytesOf = (date: string) =>
    data.partitions.filter((partition) => partition.date === date).reduce((sum, partition) => sum + partition.bytes, 0);
  const others = data.checked_dates
    .filter((date) => date !== day && !data.missing_dates.includes(date))
    .map(bytesOf)
    .filter((bytes) => bytes > 0)
    .sort((a, b) => a - b);
  if (others.length < 2) return null;
  const median = others[Math.floor(others.length / 2)] ?? 0;
  const bytes = bytesOf(day);
  return bytes < median * THIN_DAY_RATIO ? { bytes, median } : null;
}

/** The other present days carry a `_SUCCESS` marker (most of them) but the reference day does not. */
function lacksUsualMarker(data: VerifyOutput, day: string): boolean {
  const markedOn = (date: string) =>
    data.partitions.some((partition) => partition.date === date && partition.success_marker);
  const others = data.checked_dates.filter((date) => date !== day && !data.missing_dates.includes(date));
  const marked = others.filter(markedOn).length;
  return others.length > 0 && marked * 2 > others.length && !markedOn(day);
}

export function analyzeVerifySourceData(output: unknown, args: Record<string, unknown> = {}): Analysis {
  const tool = "verify_source_data";
  const parsed = parseOutput(tool, VerifySourceDataOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const data = parsed.data;
  const key = typeof args.partition_key === "string" ? args.partition_key : "dt";
  const referenceDay = data.checked_dates.at(-1);
  const lastAvailable = data.last_available_date ?? "none in the window";

  if (data.checked_dates.length === 0) {
    return analysis(tool, {
      summary: `No dates were checked under ${s3Uri(data.bucket, data.prefix)}`,
      strength: STRENGTH.nothing,
    });
  }
  if (data.missing_dates.length > 0 || data.empty_dates.length > 0) {
    const parts: string[] = [];
    if (data.missing_dates.length > 0) {
      parts.push(`No objects under ${partitionPaths(data.bucket, data.prefix, key, data.missing_dates)}`);
    }
    if (data.empty_dates.length > 0) {
      parts.push(`zero bytes under ${partitionPaths(data.bucket, data.prefix, key, data.empty_dates)}`);
    }
    const text = `${parts.join("; ")} (last available: ${lastAvailable})`;
    const referenceGap =
      referenceDay !== undefined &&
      (data.missing_dates.includes(referenceDay) || data.empty_dates.includes(referenceDay));
    const label = data.missing_dates.length > 0 ? "missing source data" : "zero-byte source data";
    return analysis(tool, {
      summary: labelled(
        `${text}; ${data.missing_dates.length} missing and ${data.empty_dates.length} empty of ${data.checked_dates.length} days checked`,
        label,
      ),
      root_cause: text,
      cause_kind: "non_transient",
      cause_label: label,
      strength: referenceGap ? STRENGTH.data_gap : STRENGTH.partial_gap,
    });
  }

  const thin = referenceDay === undefined ? null : thinDay(data, referenceDay);
  if (thin) {
    const text = `Only ${thin.bytes} bytes under ${s3Uri(data.bucket, data.prefix, key, referenceDay)}, against a median of ${thin.median} bytes for the other days: the source delivered (almost) nothing`;
    return analysis(tool, {
      summary: labelled(text, "zero-byte source data"),
      root_cause: text,
      cause_kind: "non_transient",
      cause_label: "zero-byte source data",
      strength: STRENGTH.data_gap,
    });
  }

  if (referenceDay !== undefined && lacksUsualMarker(data, referenceDay)) {
    const text = `Data under ${s3Uri(data.bucket, data.prefix, key, referenceDay)} has no _SUCCESS marker, which the other days have: the writer did not finish the partition`;
    return analysis(tool, {
      summary: labelled(text, "incomplete data"),
      root_cause: text,
      cause_kind: "non_transient",
      cause_label: "incomplete data",
      strength: STRENGTH.partial_gap,
    });
  }

  const objects = data.partitions.reduce((sum, partition) => sum + partition.objects, 0);
  const arrived = arrivalOf(data, referenceDay);
  const text = `Expected data is present under ${s3Uri(data.bucket, data.prefix)}: ${objects} objects over ${data.checked_dates.length} days up to ${referenceDay}, last modified ${arrived ?? "unknown"}`;
  return analysis(tool, {
    summary: text,
    root_cause: text,
    cause_kind: "recovered",
    // Every day of the window is there and none is far smaller than usual: the listing says so plainly.
    strength: STRENGTH.strong,
    recovered: true,
    succeeded_at: arrived,
  });
}

export function analyzeS3Logs(output: unknown): Analysis {
  const tool = "get_s3_logs";
  const parsed = parseOutput(tool, GetS3LogsOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const data = parsed.data;
  const where = s3Uri(data.bucket, data.prefix);

  if (data.read_key !== null) {
    const line = evidenceLine(data.content_excerpt);
    const { kind, label } = classifyFailureText(line);
    if (line && kind !== "undetermined") {
      const text = `s3://${data.bucket}/${data.read_key}: ${clip(line)}`;
      return analysis(tool, {
        summary: labelled(text, label),
        root_cause: text,
        cause_kind: kind,
        cause_label: label,
        strength: STRENGTH.context,
      });
    }
  }
  if (data.objects.length === 0) {
    const text = `No objects under ${where}`;
    return analysis(tool, {
      summary: labelled(text, "missing source data"),
      root_cause: text,
      cause_kind: "non_transient",
      cause_label: "missing source data",
      strength: STRENGTH.context,
    });
  }
  const newest = data.objects[0];
  return analysis(tool, {
    summary: `${data.objects.length}${data.truncated ? "+" : ""} objects under ${where}; newest ${newest?.key} (${newest?.size} bytes) at ${newest?.last_modified ?? "unknown"}`,
    strength: STRENGTH.weak,
  });
}
