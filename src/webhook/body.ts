/**
 * Reads a request body with a byte limit. The limit is checked twice: on Content-Length (a declared
 * oversized body is refused before a byte of it is read) and on the bytes that actually arrive,
 * because a chunked body declares nothing and a declared length is only a claim.
 */

export type BoundedBody =
  | { readonly kind: "ok"; readonly bytes: Uint8Array }
  | { readonly kind: "too_large" }
  | { readonly kind: "bad_length" };

const DECIMAL = /^\d+$/;

export async function readBoundedBody(request: Request, maxBytes: number): Promise<BoundedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!DECIMAL.test(declared.trim())) return { kind: "bad_length" };
    if (Number(declared.trim()) > maxBytes) return { kind: "too_large" };
  }
  if (!request.body) return { kind: "ok", bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading; the Node adapter drains (bounded) and closes what the sender still pushes.
      await reader.cancel().catch(() => undefined);
      return { kind: "too_large" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: "ok", bytes };
}
