/**
 * Markdown escaping for text that is data (a ticket, a tool's output, a reviewer's note), so that
 * it reads as the characters it holds and never as structure: no heading, list, quote, table cell,
 * code span or fence, link, emphasis or HTML of its own. CommonMark lets a backslash escape any
 * ASCII punctuation, so escaping is always safe; we escape only what can start structure, so the
 * raw file stays readable. No Markdown library is a dependency, and this is all we need of one.
 *
 * These functions only escape: controls, secrets and length are src/safety's (safeLine/safeBlock
 * first, then escape, so a cap never cuts an escape in half). Pure.
 */

/**
 * Characters that mean something anywhere in a line: backslash (an escape of its own, or a hard
 * break at a line's end), code spans and fences (`` ` `` and `~`), emphasis (`*`, `_`), links and
 * images (`[`, `]`), HTML, autolinks and quotes (`<`, `>`), entities (`&`), table cells (`|`),
 * headings (`#`) and GitHub's math (`$`). Underscores are escaped unless they sit between letters or
 * digits, where CommonMark never reads them as emphasis (so `glue_etl_failure` stays as it is).
 */
const INLINE_SPECIALS = /[\\`*[\]<>&|#~$]|_+/g;
const WORD_CHAR = /[A-Za-z0-9]/;

/** What starts a block only at the start of a line: lists (`-`, `+`, `1.`, `1)`), breaks and setext underlines (`-`, `=`). */
const LINE_START = /^(\s*)(?:([-+=])|(\d+)([.)]))/;

/** One line of text inside a line of ours (a table cell, a list item, after a label). */
export function escapeInline(text: string): string {
  return text.replace(INLINE_SPECIALS, (match: string, offset: number) => {
    if (!match.startsWith("_")) return `\\${match}`;
    const before = text[offset - 1] ?? "";
    const after = text[offset + match.length] ?? "";
    return WORD_CHAR.test(before) && WORD_CHAR.test(after) ? match : match.replace(/_/g, "\\_");
  });
}

/**
 * Lines of text, each of which could start a block: escaped inline, and a leading list marker,
 * thematic break or setext underline escaped too ("---" under a line would make it a heading).
 */
export function escapeBlock(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      escapeInline(line).replace(
        LINE_START,
        (_match, indent: string, marker?: string, digits?: string, dot?: string) =>
          marker === undefined ? `${indent}${digits ?? ""}\\${dot ?? ""}` : `${indent}\\${marker}`,
      ),
    )
    .join("\n");
}

/** Lines of text as a Markdown block quote: every line (blank ones too) stays inside the quote. */
export function quoteBlock(text: string, indent = ""): string {
  return escapeBlock(text)
    .split("\n")
    .map((line) => (line === "" ? `${indent}>` : `${indent}> ${line}`))
    .join("\n");
}

/** A fence of backticks longer than any run inside `text`, so nothing in it can close the block. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}
