/**
 * How a delivery proves it comes from our ServiceNow instance: an HMAC-SHA256 of the exact body
 * bytes under a shared secret, or a bearer token. Pure functions; every comparison is constant-time
 * so the answer's timing says nothing about how much of a guess was right.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const SHA256_BYTES = 32;
const HEX_DIGEST = /^[0-9a-f]{64}$/i;
// 32 bytes are 43 base64 characters and one "=" of padding; senders differ on padding and alphabet.
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL_DIGEST = /^[A-Za-z0-9_-]{43}=?$/;
const SHA256_PREFIX = /^sha256=/i;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The HMAC-SHA256 of `rawBody` under `secret`, as lowercase hex (what a sender puts in the header). */
export function signBody(rawBody: Uint8Array, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

/**
 * True when `header` carries the HMAC-SHA256 of `rawBody` under `secret`: hex or base64 (standard
 * or URL alphabet, padded or not), with or without a `sha256=` prefix. Anything else, a missing
 * header or an empty secret is false — never an exception, so a caller cannot leak one.
 */
export function verifyHmacSignature(rawBody: Uint8Array, header: string | undefined, secret: string): boolean {
  if (!secret || header === undefined) return false;
  const given = decodeDigest(header);
  if (!given) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  // timingSafeEqual throws on unequal lengths; decodeDigest only returns 32 bytes, this keeps it so.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * True when `header` is `Bearer <token>` for exactly `token`. Both sides are hashed first, so the
 * constant-time comparison runs on equal lengths and does not reveal the token's length either.
 */
export function verifyBearer(header: string | undefined, token: string): boolean {
  if (!token || header === undefined) return false;
  const given = BEARER.exec(header)?.[1];
  if (given === undefined) return false;
  const givenDigest = createHash("sha256").update(given, "utf8").digest();
  const expectedDigest = createHash("sha256").update(token, "utf8").digest();
  return timingSafeEqual(givenDigest, expectedDigest);
}

function decodeDigest(header: string): Buffer | undefined {
  const text = header.trim().replace(SHA256_PREFIX, "");
  let digest: Buffer | undefined;
  if (HEX_DIGEST.test(text)) digest = Buffer.from(text, "hex");
  else if (BASE64_DIGEST.test(text)) digest = Buffer.from(text, "base64");
  else if (BASE64URL_DIGEST.test(text)) digest = Buffer.from(text, "base64url");
  return digest?.length === SHA256_BYTES ? digest : undefined;
}
