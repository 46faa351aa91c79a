/**
 * Undoes what mail clients and ticket tools do to a pasted notification, so the parsers can read
 * it: `> ` quoting, HTML line breaks and formatting tags, HTML entities, CRLF. Every pattern here is
 * linear (bounded repetitions, no nested quantifiers), and input past MAX_INPUT_CHARS is ignored,
 * so a ticket with a pasted log of hundreds of kilobytes costs milliseconds.
 */

/** More than any notification; tickets are capped well below this before classification anyway. */
export const MAX_INPUT_CHARS = 262_144;

const LINE_QUOTE = /^[ \t]{0,8}(?:>[ \t]?){1,10}/gm;
const HTML_BREAK = /<(?:br|\/p|\/div|\/li|\/tr|\/h[1-6])\b[^<>]{0,200}>/gi;
// Only formatting tags: "<TaskInstance: dag.task … [failed]>" in an Airflow subject must survive.
const HTML_TAG =
  /<\/?(?:a|p|div|span|b|i|u|strong|em|ul|ol|li|pre|code|table|tbody|thead|tr|td|th|font|h[1-6]|html|head|body|meta|style|tt)\b[^<>]{0,2000}>/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  quot: '"',
  amp: "&",
  lt: "<",
  gt: ">",
  apos: "'",
  nbsp: " ",
  ndash: "-",
  mdash: "-",
  lsquo: "'",
  rsquo: "'",
  ldquo: '"',
  rdquo: '"',
};
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi;

/** Decodes the HTML entities mail clients and ServiceNow's HTML fields produce; unknown ones stay. */
export function decodeEntities(text: string): string {
  return text.replace(
    ENTITY,
    (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/**
 * The text a parser reads: CRLF made LF, entities decoded first (an HTML body pasted escaped, with
 * `&lt;br&gt;`, reads like one pasted raw), HTML breaks made newlines, formatting tags dropped, then
 * quoting removed (a quoted HTML reply has its `&gt;` at the start of each `<br>` line). Only known
 * tags go, so "<TaskInstance: …>" survives either way.
 */
export function cleanNotificationText(raw: string): string {
  return decodeEntities(raw.slice(0, MAX_INPUT_CHARS).replace(/\r\n?/g, "\n"))
    .replace(/\u00a0/g, " ")
    .replace(HTML_BREAK, "\n")
    .replace(HTML_TAG, "")
    .replace(LINE_QUOTE, "");
}

/** One line of text: runs of whitespace (wrapped lines included) become one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
