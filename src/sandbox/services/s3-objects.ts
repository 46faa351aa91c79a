/**
 * The S3 emulator's data: buckets and objects seeded from a scenario, object bodies (seeded content,
 * or deterministic filler bytes of the declared size) and byte ranges.
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

export function seedBuckets(scenario: Scenario): Map<string, StoredBucket> {
  const buckets = new Map<string, StoredBucket>();
  for (const bucket of scenario.s3.buckets) {
    const objects = bucket.objects
      .map((seed): StoredObject => {
        const content = seed.content === undefined ? undefined : Buffer.from(seed.content, "utf8");
        const size = seed.size ?? content?.length ?? DEFAULT_SIZE;
        // Filler bodies are never materialised just to hash them; their ETag hashes what defines them.
        const hashed = content ?? Buffer.from(`${bucket.name}/${seed.key}:${size}:${seed.last_modified}`);
        const etag = `"${createHash("md5").update(hashed).digest("hex")}"`;
        return { key: seed.key, size, lastModified: new Date(seed.last_modified), etag, content };
      })
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const earliest = Math.min(...objects.map((object) => object.lastModified.getTime()));
    const creationDate = Number.isFinite(earliest) ? new Date(earliest) : new Date(DEFAULT_CREATION);
    buckets.set(bucket.name, { name: bucket.name, creationDate, objects });
  }
  return buckets;
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
