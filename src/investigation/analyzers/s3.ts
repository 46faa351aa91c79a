/**
 * S3 evidence → analysis.
 * - verify_source_data: missing days are missing source data (non-transient: re-running the job
 *   would read the same nothing); zero-byte days likewise; everything present and non-empty is
 *   evidence the data is there now (recovered for a data intent, and the "since arrived" half of a
 *   late upstream file — `succeeded_at` is when the reference day's data last changed).
 * - get_s3_logs: an empty listing says nothing arrived; a read log/manifest may carry an error line.
 */
import type { z } from "zod";
import { GetS3LogsOutput, VerifySourceDataOutput } from "../../tools/schemas.js";
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

  const objects = data.partitions.reduce((sum, partition) => sum + partition.objects, 0);
  const arrived = arrivalOf(data, referenceDay);
  const text = `Expected data is present under ${s3Uri(data.bucket, data.prefix)}: ${objects} objects over ${data.checked_dates.length} days up to ${referenceDay}, last modified ${arrived ?? "unknown"}`;
  return analysis(tool, {
    summary: text,
    root_cause: text,
    cause_kind: "recovered",
    strength: STRENGTH.unclassified,
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
