/**
 * Stores an RCA document twice, as JSON and as Markdown: in a local directory, or in S3. Both are
 * idempotent (the same document again replaces its files, so a resumed or re-run thread leaves
 * one pair, the latest) and never leave half a document: S3 writes an object whole, and the local
 * store writes a temp file that is renamed into place.
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import { terminalJson } from "../safety/index.js";
import type { RcaConfig } from "./config.js";
import { RcaDocumentSchema, type RcaDocument } from "./document.js";
import { renderRcaMarkdown } from "./markdown.js";
import { rcaNameOf } from "./names.js";

/** Where the two files went: file paths, or `s3://bucket/key` URIs. The work note links to them. */
export const RcaLocationSchema = z.strictObject({ json: z.string(), markdown: z.string() });
export type RcaLocation = z.infer<typeof RcaLocationSchema>;

export interface RcaStore {
  put(doc: RcaDocument): Promise<RcaLocation>;
}

export const RCA_JSON_CONTENT_TYPE = "application/json";
export const RCA_MARKDOWN_CONTENT_TYPE = "text/markdown; charset=utf-8";

/** The two files' contents; what is stored is checked to be a document its readers can parse. */
function rcaFiles(doc: RcaDocument): { json: string; markdown: string } {
  const checked = RcaDocumentSchema.parse(doc);
  return { json: `${terminalJson(checked, 2)}\n`, markdown: renderRcaMarkdown(checked) };
}

/** `<directory>/<number or sys_id>/<thread_id>.json` and `.md`; a relative directory is resolved now. */
export function localRcaStore(directory: string): RcaStore {
  const root = path.resolve(directory);
  return {
    async put(doc) {
      const { folder, base } = rcaNameOf(doc);
      const dir = path.join(root, folder);
      // safeName already rules out separators and dot names; this keeps it true if that ever changes.
      const relative = path.relative(root, dir);
      if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
        throw new Error(`RCA store: ${JSON.stringify(folder)} is not a folder inside ${root}`);
      }
      const files = rcaFiles(doc);
      await mkdir(dir, { recursive: true });
      const location = { json: path.join(dir, `${base}.json`), markdown: path.join(dir, `${base}.md`) };
      await writeAtomically(location.json, files.json);
      await writeAtomically(location.markdown, files.markdown);
      return location;
    },
  };
}

/**
 * Writes to a temp file beside the target, flushes it to disk, then renames it over the target
 * (atomic on one file system): a reader sees the old file or the new one, never a part of one,
 * and a crash leaves at most a hidden `.…tmp` file.
 */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export interface S3RcaStoreOptions {
  client: S3Client;
  bucket: string;
  /** Put before `<number>/<thread_id>.json` as is: end it in "/" for a folder. */
  prefix: string;
}

/** `s3://<bucket>/<prefix><number or sys_id>/<thread_id>.json` and `.md`, one PutObject each. */
export function s3RcaStore({ client, bucket, prefix }: S3RcaStoreOptions): RcaStore {
  async function putObject(key: string, body: string, contentType: string): Promise<string> {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    return `s3://${bucket}/${key}`;
  }
  return {
    async put(doc) {
      // The same safe names as on disk: a `..` segment would be folded away by URL handling on the way.
      const { folder, base } = rcaNameOf(doc);
      const files = rcaFiles(doc);
      const key = `${prefix}${folder}/${base}`;
      return {
        json: await putObject(`${key}.json`, files.json, RCA_JSON_CONTENT_TYPE),
        markdown: await putObject(`${key}.md`, files.markdown, RCA_MARKDOWN_CONTENT_TYPE),
      };
    },
  };
}

export interface RcaStoreDependencies {
  /** Needed when `config.s3` is set (the app's shared client: src/tools/aws-clients.ts). */
  s3Client?: S3Client;
}

/** The store the config asks for: S3 when `s3` is set, else the directory; null when RCA documents are off. */
export function rcaStoreFor(config: RcaConfig, deps: RcaStoreDependencies = {}): RcaStore | null {
  if (!config.enabled) return null;
  if (config.s3 === undefined) return localRcaStore(config.directory);
  if (deps.s3Client === undefined) throw new Error("RCA store: rca.s3 is configured, but no S3 client was given");
  return s3RcaStore({ client: deps.s3Client, bucket: config.s3.bucket, prefix: config.s3.prefix });
}
