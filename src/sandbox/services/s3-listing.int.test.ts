import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commonPrefixOf,
  decodeContinuationToken,
  encodeContinuationToken,
  listPage,
  resumeAfter,
  type ListingOptions,
} from "./s3-listing.js";

const sortedObjects = (keys: readonly string[]) =>
  [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => ({ key }));

/** Every entry (key or common prefix) of a listing, following continuation tokens page by page. */
function listAll(objects: readonly { key: string }[], options: Omit<ListingOptions, "after">): string[] {
  const entries: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const page = listPage(objects, { ...options, after });
    entries.push(...page.contents.map((object) => object.key), ...page.commonPrefixes);
    if (!page.isTruncated) return entries.sort();
    after = decodeContinuationToken(encodeContinuationToken(page.lastEntry ?? ""));
  }
  throw new Error("listing did not terminate");
}

describe("S3 listing", () => {
  it("rolls up keys at the first delimiter after the prefix", () => {
    expect(commonPrefixOf("a/b/c", "a/", "/")).toBe("a/b/");
    expect(commonPrefixOf("a/b", "a/", "/")).toBeUndefined();
    expect(commonPrefixOf("a/b", "", "")).toBeUndefined();
  });

  it("counts keys and common prefixes towards max-keys", () => {
    const objects = sortedObjects(["a.txt", "b/1", "b/2", "c/1", "d.txt"]);
    const page = listPage(objects, { prefix: "", delimiter: "/", maxKeys: 3 });
    expect(page.contents.map((object) => object.key)).toEqual(["a.txt"]);
    expect(page.commonPrefixes).toEqual(["b/", "c/"]);
    expect(page.isTruncated).toBe(true);
    expect(page.lastEntry).toBe("c/");
    const next = listPage(objects, { prefix: "", delimiter: "/", maxKeys: 3, after: "c/" });
    expect(next.contents.map((object) => object.key)).toEqual(["d.txt"]);
    expect(next.isTruncated).toBe(false);
  });

  it("is not truncated when the last page ends exactly at max-keys", () => {
    const page = listPage(sortedObjects(["a", "b"]), { prefix: "", delimiter: "", maxKeys: 2 });
    expect(page.isTruncated).toBe(false);
  });

  it("rejects tokens it did not issue and resumes after the later of start-after and token", () => {
    expect(decodeContinuationToken("garbage")).toBeUndefined();
    expect(resumeAfter("b", "c")).toBe("c");
    expect(resumeAfter("d", "c")).toBe("d");
    expect(resumeAfter("", undefined)).toBeUndefined();
  });

  it("pages to exactly the entries of one unbounded listing, whatever the page size", () => {
    const key = fc
      .array(fc.constantFrom("a", "b", "/", "x", "-"), { minLength: 1, maxLength: 6 })
      .map((chars) => chars.join(""));
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 30 }),
        fc.constantFrom("", "a", "a/", "b"),
        fc.constantFrom("", "/", "-"),
        fc.integer({ min: 1, max: 7 }),
        (keys, prefix, delimiter, maxKeys) => {
          const objects = sortedObjects(keys);
          const whole = listAll(objects, { prefix, delimiter, maxKeys: 1000 });
          expect(listAll(objects, { prefix, delimiter, maxKeys })).toEqual(whole);
          expect(new Set(whole).size).toBe(whole.length);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
