/**
 * Letters that only look like ASCII ("с" Cyrillic es for "c", full-width or mathematical forms) read
 * as the ASCII letter they imitate, for resource names only. AWS names Glue jobs, DAGs, clusters and
 * queries in ASCII, so a lookalike can only mean the resource it imitates: a ticket naming
 * "сustomer_360_features" is about customer_360_features, and never about a second resource whose
 * name differs from the subject's by one invisible detail. ASCII itself is left alone (the Unicode
 * confusables table would also read "m" as "rn" and "0" as "O").
 */
import unhomoglyph from "unhomoglyph";

const ASCII_NAME_PART = /^[A-Za-z0-9_.-]+$/;

export function foldLookalikes(text: string): string {
  let folded = "";
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) {
      folded += char;
      continue;
    }
    const base = unhomoglyph(char);
    folded += ASCII_NAME_PART.test(base) ? base : char;
  }
  return folded;
}
