/**
 * The S3 emulator's data: buckets and objects seeded from a scenario or put by a client, object
 * bodies (their content, or deterministic filler bytes of the declared size), byte ranges and the
 * aws-chunked framing the SDK uses to upload a stream.
 */
import { createHash } from "node:crypto";
import type { Scenario } from "../scenario.js";

export interface StoredObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
  /** Quoted, as S3 sends it. */
  readonly etag: string;
  readonly content?: Buffer;
  /** The Content-Type it was put with; seeded objects have none (one is inferred from the key). */
  readonly contentType?: string;
}

export interface StoredBucket {
  readonly name: string;
  readonly creationDate: Date;
  /** In key order, as listings need them. */
  readonly objects: readonly StoredObject[];
}

/** Seeded objects without content and without a size are this large (the scenario's documented default). */
const DEFAULT_SIZE = 1024;
/** Buckets without objects report this creation date (a stable value keeps runs repeatable). */
const DEFAULT_CREATION = "2024-01-01T00:00:00.000Z";

/** S3's ETag of a single-part upload: the MD5 of the body, hex, quoted. */
export function etagOf(bytes: Buffer): string {
  return `"${createHash("md5").update(bytes).digest("hex")}"`;
}

export function seedBuckets(scenario: Scenario): Map<string, StoredBucket> {
  const buckets = new Map<string, StoredBucket>();
  for (const bucket of scenario.s3.buckets) {
    const objects = bucket.objects
      .map((seed): StoredObject => {
        const content = seed.content === undefined ? undefined : Buffer.from(seed.content, "utf8");
        const size = seed.size ?? content?.length ?? DEFAULT_SIZE;
        // Filler bodies are never materialised just to hash them; their ETag hashes what defines them.
        const hashed = content ?? Buffer.from(`${bucket.name}/${seed.key}:${size}:${seed.last_modified}`);
        const etag = etagOf(hashed);
        return { key: seed.key, size, lastModified: new Date(seed.last_modified), etag, content };
      })
      .sort((a, b) => compareKeys(a.key, b.key));
    const earliest = Math.min(...objects.map((object) => object.lastModified.getTime()));
    const creationDate = Number.isFinite(earliest) ? new Date(earliest) : new Date(DEFAULT_CREATION);
    buckets.set(bucket.name, { name: bucket.name, creationDate, objects });
  }
  return buckets;
}

/** S3 orders keys by their UTF-8 bytes; for the keys scenarios use, code-unit order is the same. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The bucket with `object` stored under its key: a new key joins in key order, an existing one is replaced. */
export function withObject(bucket: StoredBucket, object: StoredObject): StoredBucket {
  const others = bucket.objects.filter((candidate) => candidate.key !== object.key);
  const at = others.findIndex((candidate) => compareKeys(candidate.key, object.key) > 0);
  const objects = at === -1 ? [...others, object] : [...others.slice(0, at), object, ...others.slice(at)];
  return { ...bucket, objects };
}

export interface ByteRange {
  readonly start: number;
  /** Inclusive, as in HTTP. */
  readonly end: number;
}

/**
 * Parses a single-range `Range: bytes=...` header against an object size. Returns undefined when
 * there is no usable range (absent or multi-range: S3 then serves the whole object) and "unsatisfiable"
 * when the range lies outside the object.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return end < start ? undefined : { start, end };
}

const FILLER = Buffer.from("sandbox filler bytes for an object seeded without content\n", "utf8");

/** The bytes [start, end] of an object: its content, or a repeating filler pattern of its size. */
export function objectBytes(object: StoredObject, range: ByteRange): Buffer {
  if (object.content) return object.content.subarray(range.start, range.end + 1);
  // Rotate the pattern so byte i of the object is the same whichever range asks for it.
  const phase = range.start % FILLER.length;
  const pattern = Buffer.concat([FILLER.subarray(phase), FILLER.subarray(0, phase)]);
  const bytes = Buffer.alloc(range.end - range.start + 1);
  bytes.fill(pattern);
  return bytes;
}

/**
 * The payload of an `aws-chunked` body (what the SDK sends for a stream: `STREAMING-…` in
 * x-amz-content-sha256): chunks of `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n`, ended by a
 * chunk of size 0 and optional trailers (the checksum). Undefined when the framing is broken.
 */
export function decodeAwsChunked(body: Buffer): Buffer | undefined {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", offset);
    if (lineEnd === -1) return undefined;
    const sizeText = body.subarray(offset, lineEnd).toString("latin1").split(";")[0]?.trim() ?? "";
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return undefined;
    const size = Number.parseInt(sizeText, 16);
    const start = lineEnd + 2;
    if (size === 0) return Buffer.concat(chunks);
    const end = start + size;
    if (end + 2 > body.length || body.toString("latin1", end, end + 2) !== "\r\n") return undefined;
    chunks.push(body.subarray(start, end));
    offset = end + 2;
  }
}
