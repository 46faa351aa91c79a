import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifyBearer, verifyHmacSignature } from "./signature.js";

const SECRET = "0123456789abcdef-webhook-secret";
const body = new TextEncoder().encode('{"sys_id":"abc","short_description":"Glue job failed"}');
const hex = signBody(body, SECRET);
const base64 = Buffer.from(hex, "hex").toString("base64");

describe("signBody", () => {
  it("is the lowercase hex HMAC-SHA256 of the bytes", () => {
    expect(hex).toBe(createHmac("sha256", SECRET).update(body).digest("hex"));
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("verifyHmacSignature", () => {
  it("accepts the signature of the exact body", () => {
    expect(verifyHmacSignature(body, hex, SECRET)).toBe(true);
  });

  it("accepts hex (either case), base64 (padded or not, URL alphabet) and a sha256= prefix", () => {
    const base64url = Buffer.from(hex, "hex").toString("base64url");
    for (const header of [
      hex.toUpperCase(),
      `sha256=${hex}`,
      `SHA256=${hex}`,
      base64,
      base64.replace(/=$/, ""),
      `sha256=${base64}`,
      base64url,
      `  ${hex}  `,
    ]) {
      expect(verifyHmacSignature(body, header, SECRET), header).toBe(true);
    }
  });

  it("refuses a tampered body, even one byte", () => {
    const tampered = Uint8Array.from(body);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    expect(verifyHmacSignature(tampered, hex, SECRET)).toBe(false);
    expect(verifyHmacSignature(new Uint8Array([...body, 0x20]), hex, SECRET)).toBe(false);
  });

  it("refuses the signature made with another secret", () => {
    expect(verifyHmacSignature(body, signBody(body, `${SECRET}x`), SECRET)).toBe(false);
  });

  it("refuses a missing or empty header and an empty secret", () => {
    expect(verifyHmacSignature(body, undefined, SECRET)).toBe(false);
    expect(verifyHmacSignature(body, "", SECRET)).toBe(false);
    expect(verifyHmacSignature(body, "sha256=", SECRET)).toBe(false);
    expect(verifyHmacSignature(body, signBody(body, ""), "")).toBe(false);
  });

  it("refuses a digest of the wrong length or alphabet without throwing", () => {
    for (const header of [
      hex.slice(0, 62),
      `${hex}00`,
      createHmac("sha1", SECRET).update(body).digest("hex"),
      createHmac("sha512", SECRET).update(body).digest("base64"),
      base64.slice(0, 40),
      `${hex.slice(0, 63)}g`,
      "sha1=" + hex,
      "x".repeat(10_000),
    ]) {
      expect(verifyHmacSignature(body, header, SECRET), header).toBe(false);
    }
  });
});

describe("verifyBearer", () => {
  const TOKEN = "a-token-of-sufficient-length";

  it("accepts `Bearer <token>`, the scheme in any case", () => {
    expect(verifyBearer(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(verifyBearer(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it("refuses another token, a prefix of it, another scheme, a missing header and an empty token", () => {
    expect(verifyBearer(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(verifyBearer(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(verifyBearer(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(verifyBearer(TOKEN, TOKEN)).toBe(false);
    expect(verifyBearer("Bearer ", TOKEN)).toBe(false);
    expect(verifyBearer(undefined, TOKEN)).toBe(false);
    expect(verifyBearer("Bearer ", "")).toBe(false);
  });
});
