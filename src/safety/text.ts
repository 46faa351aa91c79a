/**
 * The two shapes untrusted text takes on its way out: a line (a field inside one line of output,
 * a reviewer's name, an error message) and a block (work notes, a reviewer's note, Markdown).
 * Both strip control characters first (so an escape cannot split a secret from its pattern),
 * then redact secrets, then cap the length. Pure.
 */
import { multiLine, singleLine } from "./control-chars.js";
import { redactSecrets } from "./redact.js";

/** Text cut to at most `maxChars` characters, ending in "…" when cut, never inside a surrogate pair. */
export function cap(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return "";
  let end = maxChars - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** One line: controls stripped, secrets redacted, whitespace collapsed, trimmed, capped. */
export function safeLine(text: string, maxChars: number = Number.POSITIVE_INFINITY): string {
  return cap(redactSecrets(singleLine(text)).replace(/\s+/g, " ").trim(), maxChars);
}

/** Lines: controls stripped (line breaks kept), secrets redacted, trailing spaces and blank ends trimmed, capped. */
export function safeBlock(text: string, maxChars: number = Number.POSITIVE_INFINITY): string {
  const lines = redactSecrets(multiLine(text))
    .split("\n")
    .map((line) => line.trimEnd());
  return cap(lines.join("\n").replace(/^\n+|\n+$/g, ""), maxChars);
}
