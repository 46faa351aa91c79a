/**
 * Where a document lives, by name: `<number or sys_id>/<thread_id>`, each part made a safe file
 * name (and S3 key segment). Ticket numbers are ticket data: `../../etc` or `a/b` must not pick
 * the folder. Pure.
 */
import { createHash } from "node:crypto";
import type { RcaDocument } from "./document.js";

/** Well under every file system's limit (255 bytes), with room for the extension and a temp suffix. */
const MAX_NAME_CHARS = 100;
const UNSAFE_CHARS = /[^A-Za-z0-9._-]/g;
const HASH_CHARS = 8;

/**
 * A name of `[A-Za-z0-9._-]` only, that is never `.`, `..` or hidden (no leading dot), never empty
 * and at most 100 characters. A name that had to change gets a short hash of the original, so two
 * names that differ only in unsafe characters (`INC/1`, `INC:1`) still get two files.
 */
export function safeName(name: string): string {
  const cleaned = name.replace(UNSAFE_CHARS, "_").replace(/^\.+/, (dots) => "_".repeat(dots.length));
  if (cleaned === name && name !== "" && name.length <= MAX_NAME_CHARS) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, HASH_CHARS);
  return `${cleaned.slice(0, MAX_NAME_CHARS - HASH_CHARS - 1) || "_"}-${hash}`;
}

export interface RcaName {
  /** The incident's folder: its number, or its sys_id when it has none. */
  readonly folder: string;
  /** The run's file name without extension: its thread id. */
  readonly base: string;
}

export function rcaNameOf(doc: RcaDocument): RcaName {
  return { folder: safeName(doc.incident.number ?? doc.incident.sys_id), base: safeName(doc.thread_id) };
}
