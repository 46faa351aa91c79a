/**
 * JSON for a terminal. `JSON.stringify` already escapes C0 controls (ESC becomes `\u001b`), but it
 * leaves DEL, the C1 controls (`\x9b` starts a CSI sequence in some terminals), bidi overrides,
 * zero-width characters and line separators as they are. Those can only occur inside JSON strings,
 * so writing them as `\uXXXX` escapes keeps the document valid and its data identical. Pure.
 */

const UNESCAPED = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Unicode tag characters (invisible ASCII look-alikes), as the surrogate pairs they are in a JS string. */
const TAGS = /\udb40[\udc00-\udc7f]/g;

/** `JSON.stringify(value, null, space)` with every invisible or control character escaped. */
export function terminalJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space) ?? "null";
  return escapeInvisible(text);
}

/** Escapes what `JSON.stringify` leaves raw; for JSON text only (outside strings there is nothing to escape). */
export function escapeInvisible(json: string): string {
  return json.replace(UNESCAPED, unicodeEscape).replace(TAGS, (pair) => [...pair].map(unicodeEscape).join(""));
}

function unicodeEscape(char: string): string {
  return [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");
}
