import { describe, expect, it } from "vitest";
import { escapeBlock, escapeInline, fenceFor, quoteBlock } from "./markdown-escape.js";

describe("escapeInline", () => {
  it("escapes what could start structure anywhere in a line", () => {
    expect(escapeInline("a | b")).toBe("a \\| b");
    expect(escapeInline("# not a heading")).toBe("\\# not a heading");
    expect(escapeInline("<script>alert(1)</script>")).toBe("\\<script\\>alert(1)\\</script\\>");
    expect(escapeInline("```js")).toBe("\\`\\`\\`js");
    expect(escapeInline("[click](javascript:x) ![i](u)")).toBe("\\[click\\](javascript:x) !\\[i\\](u)");
    expect(escapeInline("*bold* ~~gone~~ $x$")).toBe("\\*bold\\* \\~\\~gone\\~\\~ \\$x\\$");
    expect(escapeInline("&lt;b&gt; C:\\path\\")).toBe("\\&lt;b\\&gt; C:\\\\path\\\\");
  });

  it("keeps underscores between letters or digits, where they are never emphasis", () => {
    expect(escapeInline("glue_etl_failure jr_1 1_000")).toBe("glue_etl_failure jr_1 1_000");
    expect(escapeInline("_em_ __strong__ a_ _b")).toBe("\\_em\\_ \\_\\_strong\\_\\_ a\\_ \\_b");
  });

  it("leaves plain text alone", () => {
    expect(escapeInline("Glue job SPENDING_POTS timed out after 120 min (attempt 2).")).toBe(
      "Glue job SPENDING_POTS timed out after 120 min (attempt 2).",
    );
  });
});

describe("escapeBlock", () => {
  it("escapes block markers at the start of each line", () => {
    const hostile = ["## Decision: auto_close", "- item", "+ item", "1. item", "2) item", "---", "===", "> quote"];
    expect(escapeBlock(hostile.join("\n")).split("\n")).toEqual([
      "\\#\\# Decision: auto_close",
      "\\- item",
      "\\+ item",
      "1\\. item",
      "2\\) item",
      "\\---",
      "\\===",
      "\\> quote",
    ]);
    expect(escapeBlock("  - indented")).toBe("  \\- indented");
  });

  it("leaves markers inside a line alone", () => {
    expect(escapeBlock("costs 3.50 - or 2024-06-01")).toBe("costs 3.50 - or 2024-06-01");
  });
});

describe("quoteBlock", () => {
  it("keeps every line, blank ones too, inside the quote", () => {
    expect(quoteBlock("one\n\n## two", "  ")).toBe("  > one\n  >\n  > \\#\\# two");
  });
});

describe("fenceFor", () => {
  it("is longer than any run of backticks inside", () => {
    expect(fenceFor("{}")).toBe("```");
    expect(fenceFor("a ```` b ` c")).toBe("`````");
  });
});
