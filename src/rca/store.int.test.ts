import { GetObjectCommand, ListObjectsV2Command, NoSuchBucket, S3Client } from "@aws-sdk/client-s3";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSandbox, type Sandbox } from "../sandbox/server.js";
import { sandboxClientConfig } from "../sandbox/services/test-client-config.js";
import { RcaConfigSchema } from "./config.js";
import { RcaDocumentSchema, type RcaDocument } from "./document.js";
import { renderRcaMarkdown } from "./markdown.js";
import { THREAD_ID, fixtureDocument } from "./rca.fixture.js";
import { localRcaStore, rcaStoreFor, s3RcaStore } from "./store.js";

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const parsed = async (file: string): Promise<RcaDocument> =>
  RcaDocumentSchema.parse(JSON.parse(await readFile(file, "utf8")));

describe("localRcaStore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rca-store-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes <number>/<thread_id>.json and .md", async () => {
    const doc = fixtureDocument();
    const location = await localRcaStore(dir).put(doc);
    expect(location).toEqual({
      json: path.join(dir, "INC0012345", `${THREAD_ID}.json`),
      markdown: path.join(dir, "INC0012345", `${THREAD_ID}.md`),
    });
    expect(await parsed(location.json)).toEqual(doc);
    expect(await readFile(location.markdown, "utf8")).toBe(renderRcaMarkdown(doc));
  });

  it("uses the sys_id when the ticket has no number", async () => {
    const doc = fixtureDocument({ incident: { number: undefined } });
    const location = await localRcaStore(dir).put(doc);
    expect(path.relative(dir, location.json)).toBe(path.join(doc.incident.sys_id, `${THREAD_ID}.json`));
  });

  it("is idempotent: the same document again leaves one pair of files, with the latest content", async () => {
    const store = localRcaStore(dir);
    await store.put(fixtureDocument());
    const later = fixtureDocument({ incident: { short_description: "Glue job failed again" } });
    const location = await store.put(later);
    expect(await filesUnder(dir)).toEqual([`INC0012345/${THREAD_ID}.json`, `INC0012345/${THREAD_ID}.md`]);
    expect((await parsed(location.json)).incident.short_description).toBe("Glue job failed again");
    expect(await readFile(location.markdown, "utf8")).toContain("Glue job failed again");
  });

  it("keeps a hostile number or thread id inside the directory", async () => {
    const store = localRcaStore(path.join(dir, "rca"));
    for (const number of ["../../etc", "/etc/passwd", "..", ".hidden", "a/../../b", "INC\\..\\x"]) {
      const location = await store.put(fixtureDocument({ incident: { number }, threadId: "../../../tmp/x" }));
      for (const file of [location.json, location.markdown]) {
        const relative = path.relative(path.join(dir, "rca"), file);
        expect(relative.startsWith("..") || path.isAbsolute(relative)).toBe(false);
        expect(relative.split(path.sep)).toHaveLength(2);
        for (const part of relative.split(path.sep)) expect(part).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
      }
    }
    const files = await filesUnder(dir);
    expect(files).toHaveLength(12);
    expect(files.every((file) => file.startsWith(`rca${path.sep}`))).toBe(true);
  });

  it("leaves no temp file behind when a write fails", async () => {
    // A directory where the JSON file belongs: the rename onto it fails.
    await mkdir(path.join(dir, "INC0012345", `${THREAD_ID}.json`), { recursive: true });
    await expect(localRcaStore(dir).put(fixtureDocument())).rejects.toThrow();
    expect(await filesUnder(dir)).toEqual([]);
  });
});

describe("s3RcaStore against the sandbox's S3", () => {
  let sandbox: Sandbox;
  let client: S3Client;

  beforeAll(async () => {
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    sandbox = await startSandbox({ scenario: { s3: { buckets: [{ name: "rca-docs", objects: [] }] } } });
    client = new S3Client({ ...sandboxClientConfig(sandbox), forcePathStyle: true });
  });
  afterAll(async () => {
    client.destroy();
    await sandbox.close();
    vi.unstubAllEnvs();
  });

  async function getObject(key: string) {
    const object = await client.send(new GetObjectCommand({ Bucket: "rca-docs", Key: key }));
    return { contentType: object.ContentType, body: (await object.Body?.transformToString()) ?? "" };
  }
  const keysUnder = async (prefix: string) =>
    ((await client.send(new ListObjectsV2Command({ Bucket: "rca-docs", Prefix: prefix }))).Contents ?? []).map(
      (object) => object.Key,
    );

  it("puts <prefix><number>/<thread_id>.json and .md with their content types", async () => {
    const doc = fixtureDocument();
    const location = await s3RcaStore({ client, bucket: "rca-docs", prefix: "rca/" }).put(doc);
    expect(location).toEqual({
      json: `s3://rca-docs/rca/INC0012345/${THREAD_ID}.json`,
      markdown: `s3://rca-docs/rca/INC0012345/${THREAD_ID}.md`,
    });
    const json = await getObject(`rca/INC0012345/${THREAD_ID}.json`);
    expect(json.contentType).toBe("application/json");
    expect(RcaDocumentSchema.parse(JSON.parse(json.body))).toEqual(doc);
    const markdown = await getObject(`rca/INC0012345/${THREAD_ID}.md`);
    expect(markdown.contentType).toBe("text/markdown; charset=utf-8");
    expect(markdown.body).toBe(renderRcaMarkdown(doc));
  });

  it("is idempotent: the same document again leaves one object each, with the latest content", async () => {
    const store = s3RcaStore({ client, bucket: "rca-docs", prefix: "again/" });
    await store.put(fixtureDocument());
    await store.put(fixtureDocument({ incident: { short_description: "Glue job failed again" } }));
    expect(await keysUnder("again/")).toEqual([
      `again/INC0012345/${THREAD_ID}.json`,
      `again/INC0012345/${THREAD_ID}.md`,
    ]);
    const json = await getObject(`again/INC0012345/${THREAD_ID}.json`);
    expect(JSON.parse(json.body)).toMatchObject({ incident: { short_description: "Glue job failed again" } });
  });

  it("names keys with the same safe names as files", async () => {
    const location = await s3RcaStore({ client, bucket: "rca-docs", prefix: "hostile/" }).put(
      fixtureDocument({ incident: { number: "../../etc" } }),
    );
    const [key = ""] = await keysUnder("hostile/");
    expect(location.json).toBe(`s3://rca-docs/${key}`);
    expect(key).toMatch(/^hostile\/[A-Za-z0-9_-][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+\.json$/);
  });

  it("fails with NoSuchBucket for a bucket that does not exist", async () => {
    const store = s3RcaStore({ client, bucket: "no-such-bucket", prefix: "rca/" });
    await expect(store.put(fixtureDocument())).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it("is what rcaStoreFor picks when rca.s3 is set", async () => {
    const config = RcaConfigSchema.parse({ s3: { bucket: "rca-docs", prefix: "picked/" } });
    const store = rcaStoreFor(config, { s3Client: client });
    const location = await store?.put(fixtureDocument());
    expect(location?.json).toBe(`s3://rca-docs/picked/INC0012345/${THREAD_ID}.json`);
  });
});

describe("rcaStoreFor", () => {
  it("picks the local directory by default, and nothing when disabled", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rca-store-"));
    try {
      const store = rcaStoreFor(RcaConfigSchema.parse({ directory: dir }));
      expect((await store?.put(fixtureDocument()))?.json).toBe(path.join(dir, "INC0012345", `${THREAD_ID}.json`));
      expect(rcaStoreFor(RcaConfigSchema.parse({ enabled: false, directory: dir }))).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses rca.s3 without an S3 client", () => {
    const config = RcaConfigSchema.parse({ s3: { bucket: "rca-docs" } });
    expect(() => rcaStoreFor(config)).toThrow(/no S3 client/);
  });
});
