import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasUnsafeCharacters, multiLine, singleLine } from "./control-chars.js";

// Real sequences an attacker would put in a ticket.
const ERASE_LINE_AND_GO_UP = "\x1b[2K\x1b[1A";
const SET_TITLE = "\x1b]0;pwned\x07";
const SET_TITLE_ST = "\x1b]2;pwned\x1b\\";
const HYPERLINK = "\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\";
const C1_CSI_RED = "\x9b31m";
const RIGHT_TO_LEFT_OVERRIDE = "\u202e";

/** Any byte a terminal could act on: C0 (but \n), DEL, C1. */
// eslint-disable-next-line no-control-regex -- asserting their absence
const TERMINAL_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe("singleLine", () => {
  it("removes CSI sequences whole, not just their ESC byte", () => {
    expect(singleLine(`Done${ERASE_LINE_AND_GO_UP} auto_close`)).toBe("Done auto_close");
    expect(singleLine("\x1b[38;5;196mred\x1b[0m")).toBe("red");
  });

  it("removes OSC window titles ended by BEL or by ST", () => {
    expect(singleLine(`a${SET_TITLE}b`)).toBe("ab");
    expect(singleLine(`a${SET_TITLE_ST}b`)).toBe("ab");
  });

  it("keeps an OSC 8 hyperlink's text and drops the link", () => {
    expect(singleLine(`see ${HYPERLINK}.`)).toBe("see click here.");
  });

  it("removes C1 sequences and lone C1 controls", () => {
    expect(singleLine(`a${C1_CSI_RED}b\x9d0;title\x9cc\x85d`)).toBe("abc d");
    expect(singleLine("x\x90dcs payload\x9cy")).toBe("xy");
  });

  it("removes bidi overrides, zero-width characters, the BOM and tag characters", () => {
    expect(singleLine(`txt.${RIGHT_TO_LEFT_OVERRIDE}exe`)).toBe("txt.exe");
    expect(singleLine("ig\u200bno\u200dre\u2066x\u2069\ufeff")).toBe("ignorex");
    expect(singleLine("a\u{e0049}\u{e0047}b")).toBe("ab");
  });

  it("turns line breaks, tabs and other controls into spaces so a field cannot fake a line", () => {
    expect(singleLine("one\ntwo\r\nthree\rfour\u2028five\tsix\x00seven")).toBe("one two three four five six seven");
  });

  it("drops an unterminated OSC up to the line break and keeps what follows", () => {
    expect(singleLine("a\x1b]0;never ends\nnext")).toBe("a next");
  });

  it("keeps ordinary text, spacing and non-Latin letters as they are", () => {
    expect(singleLine("  Glue job PAYROLL_PROD — échec 失败  ")).toBe("  Glue job PAYROLL_PROD — échec 失败  ");
  });
});

describe("multiLine", () => {
  it("keeps \\n, drops \\r and every escape", () => {
    expect(multiLine(`line 1\r\nline 2${ERASE_LINE_AND_GO_UP}\rover\n${SET_TITLE}line 3`)).toBe(
      "line 1\nline 2over\nline 3",
    );
  });

  it("removes C1 controls and bidi overrides", () => {
    expect(multiLine(`a${C1_CSI_RED}b\n${RIGHT_TO_LEFT_OVERRIDE}c\x07`)).toBe("ab\nc");
  });
});

describe("no control character survives", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 200 });
  const hostile = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          ERASE_LINE_AND_GO_UP,
          SET_TITLE,
          SET_TITLE_ST,
          HYPERLINK,
          C1_CSI_RED,
          "\x1b",
          "\x9b",
          "\r",
          "\n",
        ),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join(""));

  it("in either variant, for random and hostile text", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hostile), (text) => {
        const line = singleLine(text);
        const lines = multiLine(text);
        expect(line).not.toMatch(TERMINAL_CONTROL);
        expect(line).not.toContain("\n");
        expect(lines).not.toMatch(TERMINAL_CONTROL);
        expect(hasUnsafeCharacters(line)).toBe(false);
        expect(hasUnsafeCharacters(lines)).toBe(false);
        // Stripping is stable: what is left has nothing more to strip.
        expect(singleLine(line)).toBe(line);
        expect(multiLine(lines)).toBe(lines);
      }),
      { seed: 9, numRuns: 2_000 },
    );
  });

  it("hasUnsafeCharacters sees what a terminal would act on", () => {
    expect(hasUnsafeCharacters("plain\ntext")).toBe(false);
    for (const unsafe of [ERASE_LINE_AND_GO_UP, SET_TITLE, C1_CSI_RED, RIGHT_TO_LEFT_OVERRIDE, "\r", "\u200b"]) {
      expect(hasUnsafeCharacters(`a${unsafe}b`)).toBe(true);
    }
  });

  it("is linear on pathological input", () => {
    const started = performance.now();
    singleLine("\x1b]".repeat(100_000));
    multiLine("\x1b[".repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
