import {
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario.js";
import { startSandbox, type Sandbox } from "../server.js";
import { decodeAwsChunked } from "./s3-objects.js";

const scenario: ScenarioInput = {
  s3: {
    buckets: [
      {
        name: "datalake-raw",
        objects: [
          { key: "sales/dt=2024-06-01/part-0000.parquet", size: 2048, last_modified: "2024-06-01T03:00:00Z" },
          { key: "sales/dt=2024-06-01/_SUCCESS", size: 0, last_modified: "2024-06-01T03:01:00Z" },
          { key: "sales/dt=2024-06-02/part-0000.parquet", size: 4096, last_modified: "2024-06-02T03:00:00Z" },
          { key: "sales/dt=2024-06-03/part-0000.parquet", size: 100, last_modified: "2024-06-03T03:00:00Z" },
          { key: "manifest.json", content: '{"tables":["sales"]}', last_modified: "2024-06-03T04:00:00Z" },
          { key: "notes/readme.txt", last_modified: "2024-05-01T00:00:00Z" },
        ],
      },
      { name: "datalake-curated", objects: [] },
    ],
  },
  faults: [{ service: "s3", operation: "ListObjectsV2", kind: "throttle", times: 2 }],
};

let sandbox: Sandbox;
let s3: S3Client;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario });
  s3 = new S3Client({
    endpoint: sandbox.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
});

afterAll(async () => {
  s3.destroy();
  await sandbox.close();
});

async function keysAndPrefixes(input: { Prefix?: string; Delimiter?: string; MaxKeys?: number }) {
  const pages = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: "datalake-raw", ...input })) {
    pages.push(page);
  }
  return {
    pages,
    keys: pages.flatMap((page) => (page.Contents ?? []).map((object) => object.Key)),
    prefixes: pages.flatMap((page) => (page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix)),
  };
}

describe("S3 emulator", () => {
  // Runs first: the scenario throttles the first two ListObjectsV2 calls.
  it("absorbs injected SlowDown throttling through the SDK's retries", async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "datalake-raw" }));
    expect(listed.$metadata.attempts).toBe(3);
    expect(listed.KeyCount).toBe(6);
    const throttled = sandbox.calls.filter((call) => call.operation === "ListObjectsV2" && call.fault === "throttle");
    expect(throttled.map((call) => call.status)).toEqual([503, 503]);
  });

  it("lists buckets", async () => {
    const result = await s3.send(new ListBucketsCommand({}));
    expect(result.Buckets?.map((bucket) => bucket.Name)).toEqual(["datalake-curated", "datalake-raw"]);
    expect(result.Buckets?.find((bucket) => bucket.Name === "datalake-raw")?.CreationDate).toEqual(
      new Date("2024-05-01T00:00:00Z"),
    );
  });

  it("answers HeadBucket, and NotFound for an unknown bucket", async () => {
    const found = await s3.send(new HeadBucketCommand({ Bucket: "datalake-curated" }));
    expect(found.$metadata.httpStatusCode).toBe(200);
    const missing = await s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(S3ServiceException);
    expect((missing as S3ServiceException).$metadata.httpStatusCode).toBe(404);
  });

  it("reports the bucket location", async () => {
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: "datalake-raw" }));
    expect(location.LocationConstraint ?? "").toBe("");
  });

  it("lists objects in key order with sizes, dates and ETags", async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "datalake-raw", Prefix: "sales/dt=2024-06-01/" }));
    expect(listed.Contents?.map((object) => [object.Key, object.Size])).toEqual([
      ["sales/dt=2024-06-01/_SUCCESS", 0],
      ["sales/dt=2024-06-01/part-0000.parquet", 2048],
    ]);
    expect(listed.Contents?.[1]?.LastModified).toEqual(new Date("2024-06-01T03:00:00Z"));
    expect(listed.Contents?.[1]?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(listed.KeyCount).toBe(2);
    expect(listed.IsTruncated).toBe(false);
    expect(listed.NextContinuationToken).toBeUndefined();
  });

  it("rolls keys up into common prefixes with a delimiter", async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket: "datalake-raw", Delimiter: "/" }));
    expect(top.Contents?.map((object) => object.Key)).toEqual(["manifest.json"]);
    expect(top.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(["notes/", "sales/"]);
    expect(top.KeyCount).toBe(3);

    const partitions = await s3.send(
      new ListObjectsV2Command({ Bucket: "datalake-raw", Prefix: "sales/", Delimiter: "/" }),
    );
    expect(partitions.Contents ?? []).toEqual([]);
    expect(partitions.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual([
      "sales/dt=2024-06-01/",
      "sales/dt=2024-06-02/",
      "sales/dt=2024-06-03/",
    ]);
  });

  it("pages with max-keys and continuation tokens, keys and prefixes alike", async () => {
    const flat = await keysAndPrefixes({ Prefix: "sales/", MaxKeys: 2 });
    expect(flat.pages.map((page) => page.KeyCount)).toEqual([2, 2]);
    expect(flat.pages[0]?.IsTruncated).toBe(true);
    expect(flat.pages[0]?.NextContinuationToken).toBeTruthy();
    expect(flat.pages[1]?.IsTruncated).toBe(false);
    expect(flat.keys).toEqual([
      "sales/dt=2024-06-01/_SUCCESS",
      "sales/dt=2024-06-01/part-0000.parquet",
      "sales/dt=2024-06-02/part-0000.parquet",
      "sales/dt=2024-06-03/part-0000.parquet",
    ]);

    const rolled = await keysAndPrefixes({ Prefix: "sales/", Delimiter: "/", MaxKeys: 1 });
    expect(rolled.pages).toHaveLength(3);
    expect(rolled.prefixes).toEqual(["sales/dt=2024-06-01/", "sales/dt=2024-06-02/", "sales/dt=2024-06-03/"]);
  });

  it("starts after a given key", async () => {
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: "datalake-raw", Prefix: "sales/", StartAfter: "sales/dt=2024-06-02/" }),
    );
    expect(listed.StartAfter).toBe("sales/dt=2024-06-02/");
    expect(listed.Contents?.map((object) => object.Key)).toEqual([
      "sales/dt=2024-06-02/part-0000.parquet",
      "sales/dt=2024-06-03/part-0000.parquet",
    ]);
  });

  it("fails a listing of an unknown bucket with NoSuchBucket", async () => {
    const error = await s3.send(new ListObjectsV2Command({ Bucket: "missing-bucket" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect((error as NoSuchBucket).$metadata.httpStatusCode).toBe(404);
  });

  it("gets an object's seeded content with its metadata", async () => {
    const object = await s3.send(new GetObjectCommand({ Bucket: "datalake-raw", Key: "manifest.json" }));
    expect(await object.Body?.transformToString()).toBe('{"tables":["sales"]}');
    expect(object.ContentLength).toBe(20);
    expect(object.ContentType).toBe("application/json");
    expect(object.LastModified).toEqual(new Date("2024-06-03T04:00:00Z"));
    expect(object.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("serves filler bytes of the declared size when an object has no content", async () => {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: "datalake-raw", Key: "sales/dt=2024-06-02/part-0000.parquet" }),
    );
    const bytes = await object.Body?.transformToByteArray();
    expect(bytes?.length).toBe(4096);
    expect(object.ContentLength).toBe(4096);

    const defaulted = await s3.send(new HeadObjectCommand({ Bucket: "datalake-raw", Key: "notes/readme.txt" }));
    expect(defaulted.ContentLength).toBe(1024);
  });

  it("serves byte ranges consistent with the whole object", async () => {
    const key = "sales/dt=2024-06-01/part-0000.parquet";
    const whole = await s3.send(new GetObjectCommand({ Bucket: "datalake-raw", Key: key }));
    const all = Buffer.from((await whole.Body?.transformToByteArray()) ?? []);
    const part = await s3.send(new GetObjectCommand({ Bucket: "datalake-raw", Key: key, Range: "bytes=100-199" }));
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe("bytes 100-199/2048");
    expect(Buffer.from((await part.Body?.transformToByteArray()) ?? [])).toEqual(all.subarray(100, 200));

    const tail = await s3.send(
      new GetObjectCommand({ Bucket: "datalake-raw", Key: "manifest.json", Range: "bytes=-4" }),
    );
    expect(await tail.Body?.transformToString()).toBe('s"]}');
  });

  it("answers HeadObject with size, date and ETag", async () => {
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: "datalake-raw", Key: "sales/dt=2024-06-03/part-0000.parquet" }),
    );
    expect(head.ContentLength).toBe(100);
    expect(head.LastModified).toEqual(new Date("2024-06-03T03:00:00Z"));
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("fails GetObject of a missing key with NoSuchKey and HeadObject with a bodiless 404", async () => {
    const get = await s3
      .send(new GetObjectCommand({ Bucket: "datalake-raw", Key: "sales/dt=2024-06-04/part-0000.parquet" }))
      .catch((error: unknown) => error);
    expect(get).toBeInstanceOf(NoSuchKey);
    expect((get as NoSuchKey).message).toBe("The specified key does not exist.");

    const head = await s3
      .send(new HeadObjectCommand({ Bucket: "datalake-raw", Key: "nope" }))
      .catch((error: unknown) => error);
    expect(head).toBeInstanceOf(S3ServiceException);
    expect((head as S3ServiceException).name).toBe("NotFound");
    expect((head as S3ServiceException).$metadata.httpStatusCode).toBe(404);

    const getFromMissingBucket = await s3
      .send(new GetObjectCommand({ Bucket: "missing-bucket", Key: "x" }))
      .catch((error: unknown) => error);
    expect(getFromMissingBucket).toBeInstanceOf(NoSuchBucket);
  });

  it("names every call by its S3 operation in the call log", () => {
    const operations = new Set(sandbox.calls.map((call) => call.operation));
    for (const operation of ["ListObjectsV2", "GetObject", "HeadObject", "ListBuckets", "HeadBucket"]) {
      expect(operations).toContain(operation);
    }
  });
});

describe("S3 emulator: PutObject", () => {
  const md5 = (text: string) => `"${createHash("md5").update(text).digest("hex")}"`;
  const read = async (key: string) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: "datalake-curated", Key: key }));
    return { object, body: await object.Body?.transformToString() };
  };

  it("stores an object that GetObject, HeadObject and listings then return", async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: "datalake-curated",
        Key: "reports/2024-06-01.json",
        Body: '{"rows":3}',
        ContentType: "application/json",
      }),
    );
    expect(put.ETag).toBe(md5('{"rows":3}'));

    const { object, body } = await read("reports/2024-06-01.json");
    expect(body).toBe('{"rows":3}');
    expect(object.ContentType).toBe("application/json");
    expect(object.ContentLength).toBe(10);
    expect(object.ETag).toBe(put.ETag);

    const head = await s3.send(new HeadObjectCommand({ Bucket: "datalake-curated", Key: "reports/2024-06-01.json" }));
    expect(head.ContentLength).toBe(10);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "datalake-curated", Prefix: "reports/" }));
    expect(listed.Contents?.map((entry) => [entry.Key, entry.Size, entry.ETag])).toEqual([
      ["reports/2024-06-01.json", 10, put.ETag],
    ]);
  });

  it("replaces an object put again under the same key, keeping listings in key order", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "datalake-curated", Key: "reports/b.txt", Body: "first" }));
    await s3.send(new PutObjectCommand({ Bucket: "datalake-curated", Key: "reports/a.txt", Body: "a" }));
    await s3.send(
      new PutObjectCommand({
        Bucket: "datalake-curated",
        Key: "reports/b.txt",
        Body: "second",
        ContentType: "text/plain",
      }),
    );

    const { object, body } = await read("reports/b.txt");
    expect(body).toBe("second");
    expect(object.ContentType).toBe("text/plain");
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "datalake-curated", Prefix: "reports/" }));
    expect(listed.Contents?.map((entry) => entry.Key)).toEqual([
      "reports/2024-06-01.json",
      "reports/a.txt",
      "reports/b.txt",
    ]);
  });

  it("stores the payload of what the SDK sends as aws-chunked for a stream", async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: "datalake-curated",
        Key: "streams/part.bin",
        Body: Readable.from([Buffer.from("abc"), Buffer.from("defg")]),
        ContentLength: 7,
      }),
    );
    const put = sandbox.calls.filter((call) => call.operation === "PutObject").at(-1);
    expect(put?.status).toBe(200);
    const { object, body } = await read("streams/part.bin");
    expect(body).toBe("abcdefg");
    expect(object.ETag).toBe(md5("abcdefg"));
  });

  it("decodes aws-chunked framing, signed or not, and refuses a broken one", () => {
    const framed = (text: string) => decodeAwsChunked(Buffer.from(text, "latin1"))?.toString("latin1");
    expect(framed("3;chunk-signature=ab12\r\nabc\r\n0;chunk-signature=cd34\r\n\r\n")).toBe("abc");
    expect(framed("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n")).toBe("");
    expect(framed("5\r\nabc\r\n0\r\n\r\n")).toBeUndefined();
    expect(framed("zz\r\nabc\r\n")).toBeUndefined();
    expect(framed("3\r\nabc\r\n")).toBeUndefined();
  });

  it("answers 404 NoSuchBucket for an unknown bucket and BadDigest for a wrong Content-MD5", async () => {
    const missing = await s3
      .send(new PutObjectCommand({ Bucket: "missing-bucket", Key: "x.json", Body: "{}" }))
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NoSuchBucket);
    expect((missing as NoSuchBucket).$metadata.httpStatusCode).toBe(404);

    const wrongDigest = createHash("md5").update("something else").digest("base64");
    const bad = await s3
      .send(new PutObjectCommand({ Bucket: "datalake-curated", Key: "x.json", Body: "{}", ContentMD5: wrongDigest }))
      .catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(S3ServiceException);
    expect((bad as S3ServiceException).name).toBe("BadDigest");
    expect((bad as S3ServiceException).$metadata.httpStatusCode).toBe(400);
    const stored = await s3
      .send(new HeadObjectCommand({ Bucket: "datalake-curated", Key: "x.json" }))
      .catch((error: unknown) => error);
    expect((stored as S3ServiceException).$metadata.httpStatusCode).toBe(404);
  });
});
