/**
 * Text from a ticket, a tool, a log or a reviewer is data. Before it reaches a terminal or a ticket
 * it loses everything a terminal (or a reader) would take as an instruction rather than as text:
 *
 * - whole escape sequences, not just their ESC byte: CSI (`ESC [ … final`, or C1 `\x9b`), OSC
 *   (`ESC ] … BEL|ST`: window titles, OSC 8 hyperlinks, clipboard writes), DCS/SOS/PM/APC strings
 *   and two-byte escapes. A bare ESC dropped alone would leave `[2K` behind, and in some terminals
 *   a lone C1 byte starts the same sequence;
 * - the remaining C0 and C1 controls and DEL (carriage returns that overwrite a line, backspaces,
 *   bells, NULs);
 * - invisible formatting: bidi embeddings, overrides and isolates (a line that reads backwards),
 *   zero-width characters, the BOM, and Unicode tag characters (invisible ASCII smuggling).
 *
 * Two variants: `singleLine` for a field printed inside one line (line breaks and tabs become
 * spaces, so a field cannot fake a line of its own), `multiLine` for text that is meant to have
 * lines (work notes, Markdown): `\n` is kept, `\r\n` becomes `\n`, a lone `\r` is dropped.
 * Neither collapses other whitespace, so a caller's own alignment survives. Pure; every regex here
 * is linear in the length of the text.
 */

// Sequences first, so their parameters go with them. Unterminated strings end at a line break.
/* eslint-disable no-control-regex -- matching control characters is the point of this module */
const ESCAPE_SEQUENCES = new RegExp(
  [
    // OSC, DCS, SOS, PM, APC: ESC ] / P / X / ^ / _ (or their C1 forms), a payload, BEL or ST.
    String.raw`(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?`,
    // CSI: ESC [ (or C1 \x9b), parameter bytes, intermediate bytes, a final byte.
    String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`,
    // Any other escape: ESC, intermediate bytes, a final byte (ESC ( B, ESC 7, ESC c …).
    String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]?`,
  ].join("|"),
  "g",
);

/** Invisible formatting characters, removed without a trace (they never separate words). */
const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/gu;
/** Controls that remain once the sequences are gone, except \t, \n and \r (handled per variant). */
const OTHER_CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029\u0085]/g;
/* eslint-enable no-control-regex */

function withoutSequences(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(INVISIBLE, "");
}

/** One line: escapes and invisible characters removed, line breaks, tabs and other controls → space. */
export function singleLine(text: string): string {
  return withoutSequences(text).replace(LINE_BREAKS, " ").replace(/\t/g, " ").replace(OTHER_CONTROLS, " ");
}

/** Lines: like `singleLine`, but `\n` (and `\r\n`, U+2028, U+2029) stays a line break; a lone `\r` goes. */
export function multiLine(text: string): string {
  return withoutSequences(text)
    .replace(/\r\n/g, "\n")
    .replace(/\r/g, "")
    .replace(/[\u2028\u2029\u0085]/g, "\n")
    .replace(/\t/g, " ")
    .replace(OTHER_CONTROLS, "");
}

/* eslint-disable no-control-regex -- detecting control characters is the point */
const UNSAFE =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;
/* eslint-enable no-control-regex */

/** Whether text still holds anything `multiLine` removes (a line break alone does not count). */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}
