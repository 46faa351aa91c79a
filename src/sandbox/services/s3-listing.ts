/**
 * S3's listing semantics (ListObjectsV2), as pure functions: prefix filtering, delimiter roll-up into
 * common prefixes, max-keys paging and opaque continuation tokens.
 */

export interface ListingOptions {
  readonly prefix: string;
  /** Empty: no roll-up. */
  readonly delimiter: string;
  readonly maxKeys: number;
  /** Resume strictly after this key or common prefix (from start-after or a continuation token). */
  readonly after?: string;
}

export interface ListingPage<T> {
  readonly contents: readonly T[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The last entry returned (a key or a common prefix), to resume from; set when truncated. */
  readonly lastEntry?: string;
}

/**
 * One page of a bucket listing. `sortedObjects` must be in key order. Keys and common prefixes both
 * count towards max-keys, as in S3; a common prefix is emitted once, where its first key sorts.
 */
export function listPage<T extends { readonly key: string }>(
  sortedObjects: readonly T[],
  options: ListingOptions,
): ListingPage<T> {
  const contents: T[] = [];
  const commonPrefixes: string[] = [];
  let lastEntry: string | undefined;
  for (const object of sortedObjects) {
    if (!object.key.startsWith(options.prefix)) continue;
    if (options.after !== undefined && object.key <= options.after) continue;
    const rolledUp = commonPrefixOf(object.key, options.prefix, options.delimiter);
    // A common prefix already returned (on this page or, via the token, on the previous one).
    if (rolledUp !== undefined && (rolledUp === options.after || rolledUp === commonPrefixes.at(-1))) continue;
    if (contents.length + commonPrefixes.length >= options.maxKeys) {
      return { contents, commonPrefixes, isTruncated: options.maxKeys > 0, lastEntry };
    }
    if (rolledUp === undefined) {
      contents.push(object);
      lastEntry = object.key;
    } else {
      commonPrefixes.push(rolledUp);
      lastEntry = rolledUp;
    }
  }
  return { contents, commonPrefixes, isTruncated: false };
}

/** The common prefix a key rolls up into: the prefix plus everything up to the first delimiter after it. */
export function commonPrefixOf(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === "") return undefined;
  const index = key.indexOf(delimiter, prefix.length);
  return index === -1 ? undefined : key.slice(0, index + delimiter.length);
}

const TOKEN_TAG = "sandbox-s3:";

/** Continuation tokens are opaque to clients; ours wrap the last entry returned. */
export function encodeContinuationToken(lastEntry: string): string {
  return Buffer.from(TOKEN_TAG + lastEntry, "utf8").toString("base64url");
}

/** The entry a token resumes after, or undefined when the token is not one of ours. */
export function decodeContinuationToken(token: string): string | undefined {
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  return decoded.startsWith(TOKEN_TAG) ? decoded.slice(TOKEN_TAG.length) : undefined;
}

/** Resume after whichever of start-after and the continuation token's entry sorts later. */
export function resumeAfter(startAfter: string | undefined, tokenEntry: string | undefined): string | undefined {
  if (startAfter === undefined || startAfter === "") return tokenEntry;
  if (tokenEntry === undefined) return startAfter;
  return tokenEntry > startAfter ? tokenEntry : startAfter;
}
