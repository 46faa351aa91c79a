/**
 * S3 over its REST-XML protocol, path-style only (`/bucket/key`: the clients set forcePathStyle with
 * the sandbox endpoint): ListBuckets, HeadBucket, GetBucketLocation, ListObjectsV2, GetObject (with
 * single byte ranges), HeadObject and PutObject (single part; a plain or aws-chunked body), on the
 * buckets of `scenario.s3.buckets`. Buckets are not created or deleted; objects put live as long
 * as the sandbox.
 */
import { createHash } from "node:crypto";
import { XMLBuilder } from "fast-xml-parser";
import { requestId } from "../protocols/aws-json.js";
import type { Scenario } from "../scenario.js";
import type { EmulatorContext, SandboxRequest, SandboxResponse, ServiceEmulator } from "../types.js";
import { decodeContinuationToken, encodeContinuationToken, listPage, resumeAfter } from "./s3-listing.js";
import {
  decodeAwsChunked,
  etagOf,
  objectBytes,
  parseRange,
  seedBuckets,
  withObject,
  type StoredBucket,
  type StoredObject,
} from "./s3-objects.js";

const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
const MAX_KEYS = 1000;
/** The sandbox builds bodies in memory; larger objects must be read with a Range. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const OWNER = { ID: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", DisplayName: "sandbox" };

const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressBooleanAttributes: false });

interface S3Target {
  readonly bucket: string;
  readonly key: string;
}

/** Path-style addressing: the first path segment is the bucket, the rest (decoded) the key. */
function targetOf(url: URL): S3Target {
  const [, bucket = "", ...keySegments] = url.pathname.split("/");
  return {
    bucket: decodeURIComponent(bucket),
    key: keySegments.map((segment) => decodeURIComponent(segment)).join("/"),
  };
}

export function s3Operation(request: SandboxRequest): string {
  const { bucket, key } = targetOf(request.url);
  const { method, url } = request;
  if (bucket === "") return method === "GET" ? "ListBuckets" : "Unknown";
  if (key === "") {
    if (method === "HEAD") return "HeadBucket";
    if (method !== "GET") return "Unknown";
    if (url.searchParams.has("location")) return "GetBucketLocation";
    return url.searchParams.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects";
  }
  if (method === "GET") return "GetObject";
  if (method === "HEAD") return "HeadObject";
  if (method === "PUT") return putOperation(request);
  return "Unknown";
}

/**
 * A PUT on a key is PutObject unless it copies (x-amz-copy-source) or names a subresource
 * (?tagging, ?acl, ?partNumber&uploadId …); the SDK adds only `x-id=PutObject` to a plain one.
 */
function putOperation(request: SandboxRequest): string {
  if (header(request, "x-amz-copy-source") !== undefined) return "CopyObject";
  const subresources = [...request.url.searchParams.keys()].filter((name) => name !== "x-id");
  return subresources.length === 0 ? "PutObject" : "Unknown";
}

/** Operations the sandbox names (for faults and the call log) but does not implement. */
const NOT_IMPLEMENTED = new Set(["Unknown", "ListObjects", "CopyObject"]);

function xmlResponse(status: number, root: Record<string, unknown>): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/xml", "x-amz-request-id": requestId(), "x-amz-id-2": "sandbox" },
    body: xml.build({ "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" }, ...root }),
  };
}

export function s3Error(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): SandboxResponse {
  return xmlResponse(status, { Error: { Code: code, Message: message, ...extra, RequestId: requestId() } });
}

/**
 * Faults arrive as generic (429 ThrottlingException, 503 ServiceUnavailable); S3 signals throttling
 * with 503 SlowDown, which the SDK classifies as throttling and retries.
 */
function s3FaultError(status: number, code: string, message: string): SandboxResponse {
  if (code === "ThrottlingException" || status === 429)
    return s3Error(503, "SlowDown", "Please reduce your request rate.");
  return s3Error(status, code, message);
}

/** HEAD responses carry the status and headers only. */
function withoutBody(response: SandboxResponse): SandboxResponse {
  return { status: response.status, headers: { ...response.headers }, body: undefined };
}

function header(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** S3 timestamps in XML: ISO 8601 with milliseconds. */
function isoTime(date: Date): string {
  return date.toISOString();
}

function listObjectsV2(bucket: StoredBucket, url: URL): SandboxResponse {
  const params = url.searchParams;
  const prefix = params.get("prefix") ?? "";
  const delimiter = params.get("delimiter") ?? "";
  const maxKeysParam = params.get("max-keys");
  const maxKeys = maxKeysParam === null ? MAX_KEYS : Number(maxKeysParam);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    return s3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range", {
      ArgumentName: "max-keys",
      ArgumentValue: maxKeysParam ?? "",
    });
  }
  const continuationToken = params.get("continuation-token") ?? undefined;
  const tokenEntry = continuationToken === undefined ? undefined : decodeContinuationToken(continuationToken);
  if (continuationToken !== undefined && tokenEntry === undefined) {
    return s3Error(400, "InvalidArgument", "The continuation token provided is incorrect", {
      ArgumentName: "continuation-token",
    });
  }
  const startAfter = params.get("start-after") ?? undefined;
  const urlEncoded = params.get("encoding-type") === "url";
  const encode = (value: string): string => (urlEncoded ? encodeURIComponent(value).replaceAll("%2F", "/") : value);
  const fetchOwner = params.get("fetch-owner") === "true";

  const page = listPage(bucket.objects, {
    prefix,
    delimiter,
    maxKeys: Math.min(maxKeys, MAX_KEYS),
    after: resumeAfter(startAfter, tokenEntry),
  });
  const contents = page.contents.map((object: StoredObject) => ({
    Key: encode(object.key),
    LastModified: isoTime(object.lastModified),
    ETag: object.etag,
    Size: object.size,
    ...(fetchOwner ? { Owner: OWNER } : {}),
    StorageClass: "STANDARD",
  }));
  return xmlResponse(200, {
    ListBucketResult: {
      "@_xmlns": S3_NAMESPACE,
      Name: bucket.name,
      Prefix: encode(prefix),
      ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
      MaxKeys: maxKeys,
      KeyCount: page.contents.length + page.commonPrefixes.length,
      IsTruncated: page.isTruncated,
      ...(urlEncoded ? { EncodingType: "url" } : {}),
      ...(continuationToken === undefined ? {} : { ContinuationToken: continuationToken }),
      ...(page.isTruncated && page.lastEntry !== undefined
        ? { NextContinuationToken: encodeContinuationToken(page.lastEntry) }
        : {}),
      ...(startAfter === undefined ? {} : { StartAfter: encode(startAfter) }),
      Contents: contents,
      CommonPrefixes: page.commonPrefixes.map((commonPrefix) => ({ Prefix: encode(commonPrefix) })),
    },
  });
}

function listBuckets(buckets: ReadonlyMap<string, StoredBucket>, region: string, url: URL): SandboxResponse {
  const prefix = url.searchParams.get("prefix") ?? "";
  const selected = [...buckets.values()]
    .filter((bucket) => bucket.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return xmlResponse(200, {
    ListAllMyBucketsResult: {
      "@_xmlns": S3_NAMESPACE,
      Owner: OWNER,
      Buckets: {
        Bucket: selected.map((bucket) => ({
          Name: bucket.name,
          CreationDate: isoTime(bucket.creationDate),
          BucketRegion: region,
        })),
      },
      ...(prefix ? { Prefix: prefix } : {}),
    },
  });
}

function objectHeaders(object: StoredObject): Record<string, string> {
  return {
    "last-modified": object.lastModified.toUTCString(),
    etag: object.etag,
    "accept-ranges": "bytes",
    "content-type": object.contentType ?? contentTypeOf(object.key),
    "x-amz-request-id": requestId(),
    "x-amz-id-2": "sandbox",
  };
}

/** What S3 would have stored as Content-Type had the object been uploaded with a sensible one. */
function contentTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf(".") + 1).toLowerCase();
  const types: Record<string, string> = {
    json: "application/json",
    csv: "text/csv",
    txt: "text/plain",
    log: "text/plain",
    parquet: "application/octet-stream",
  };
  return types[extension] ?? "binary/octet-stream";
}

function getObject(object: StoredObject, request: SandboxRequest): SandboxResponse {
  const range = parseRange(header(request, "range"), object.size);
  if (range === "unsatisfiable") {
    return s3Error(416, "InvalidRange", "The requested range is not satisfiable", {
      RangeRequested: header(request, "range") ?? "",
      ActualObjectSize: String(object.size),
    });
  }
  const served = range ?? { start: 0, end: object.size - 1 };
  const length = served.end - served.start + 1;
  if (length > MAX_BODY_BYTES) {
    return s3Error(500, "InternalError", `The sandbox serves at most ${MAX_BODY_BYTES} bytes per request; use a Range`);
  }
  const headers: Record<string, string> = { ...objectHeaders(object), "content-length": String(length) };
  if (range) headers["content-range"] = `bytes ${range.start}-${range.end}/${object.size}`;
  return { status: range ? 206 : 200, headers, body: objectBytes(object, served) };
}

function headObject(object: StoredObject): SandboxResponse {
  return { status: 200, headers: { ...objectHeaders(object), "content-length": String(object.size) } };
}

/** What S3 stores when a PUT names no Content-Type. */
const DEFAULT_PUT_CONTENT_TYPE = "binary/octet-stream";

/** The object's bytes as sent: the body itself, or the payload of its aws-chunked framing. */
function uploadedBytes(request: SandboxRequest): Buffer | SandboxResponse {
  const chunked =
    (header(request, "x-amz-content-sha256") ?? "").startsWith("STREAMING-") ||
    (header(request, "content-encoding") ?? "").split(",").some((coding) => coding.trim() === "aws-chunked");
  if (!chunked) return request.body;
  const decoded = decodeAwsChunked(request.body);
  const declared = header(request, "x-amz-decoded-content-length");
  if (decoded === undefined || (declared !== undefined && Number(declared) !== decoded.length)) {
    return s3Error(
      400,
      "IncompleteBody",
      "You did not provide the number of bytes specified by the Content-Length HTTP header.",
    );
  }
  return decoded;
}

/** S3 checks a Content-MD5 when one is sent (the SDK's flexible checksums are not checked here). */
function digestError(request: SandboxRequest, bytes: Buffer): SandboxResponse | undefined {
  const given = header(request, "content-md5");
  if (given === undefined) return undefined;
  if (Buffer.from(given, "base64").length !== 16) {
    return s3Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.", { "Content-MD5": given });
  }
  const actual = createHash("md5").update(bytes).digest("base64");
  if (actual === given) return undefined;
  return s3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.", {
    ExpectedDigest: given,
    CalculatedDigest: actual,
  });
}

/** Stores the object (replacing one under the same key) and answers with its ETag, as S3 does. */
function putObject(
  buckets: Map<string, StoredBucket>,
  bucket: StoredBucket,
  key: string,
  request: SandboxRequest,
  now: Date,
): SandboxResponse {
  const bytes = uploadedBytes(request);
  if (!Buffer.isBuffer(bytes)) return bytes;
  const badDigest = digestError(request, bytes);
  if (badDigest) return badDigest;
  const object: StoredObject = {
    key,
    size: bytes.length,
    lastModified: now,
    etag: etagOf(bytes),
    content: Buffer.from(bytes),
    contentType: header(request, "content-type") ?? DEFAULT_PUT_CONTENT_TYPE,
  };
  buckets.set(bucket.name, withObject(bucket, object));
  // S3 echoes a checksum sent as a header; one sent as a trailer is not echoed here.
  const checksums = Object.fromEntries(
    Object.keys(request.headers)
      .filter((name) => name.startsWith("x-amz-checksum-") && name !== "x-amz-checksum-type")
      .map((name) => [name, header(request, name) ?? ""]),
  );
  return {
    status: 200,
    headers: { etag: object.etag, ...checksums, "x-amz-request-id": requestId(), "x-amz-id-2": "sandbox" },
  };
}

export function createS3Emulator(scenario: Scenario, context: EmulatorContext): ServiceEmulator {
  const buckets = seedBuckets(scenario);
  const noSuchBucket = (name: string): SandboxResponse =>
    s3Error(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: name });

  function route(request: SandboxRequest, operation: string): SandboxResponse {
    if (operation === "ListBuckets") return listBuckets(buckets, scenario.region, request.url);
    const { bucket: bucketName, key } = targetOf(request.url);
    const bucket = buckets.get(bucketName);
    if (NOT_IMPLEMENTED.has(operation)) {
      return s3Error(501, "NotImplemented", `The sandbox does not implement ${request.method} ${operation}`);
    }
    if (!bucket) return noSuchBucket(bucketName);
    switch (operation) {
      case "HeadBucket":
        return { status: 200, headers: { "x-amz-bucket-region": scenario.region, "x-amz-request-id": requestId() } };
      case "GetBucketLocation":
        // us-east-1 is reported as an empty LocationConstraint, as S3 does.
        return xmlResponse(200, {
          LocationConstraint: {
            "@_xmlns": S3_NAMESPACE,
            "#text": scenario.region === "us-east-1" ? "" : scenario.region,
          },
        });
      case "ListObjectsV2":
        return listObjectsV2(bucket, request.url);
      case "PutObject":
        return putObject(buckets, bucket, key, request, context.now());
    }
    const object = bucket.objects.find((candidate) => candidate.key === key);
    if (!object) return s3Error(404, "NoSuchKey", "The specified key does not exist.", { Key: key });
    return operation === "HeadObject" ? headObject(object) : getObject(object, request);
  }

  return {
    service: "s3",
    operation: s3Operation,
    handle(request) {
      const response = route(request, s3Operation(request));
      return request.method === "HEAD" ? withoutBody(response) : response;
    },
    error: s3FaultError,
  };
}
