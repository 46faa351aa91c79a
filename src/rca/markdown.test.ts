import { describe, expect, it } from "vitest";
import { review } from "../../test/support/state.js";
import { renderRcaMarkdown } from "./markdown.js";
import { fixtureDocument, fixtureResult } from "./rca.fixture.js";

const OUR_HEADINGS = ["## Summary", "## Why", "## Evidence", "## Action", "## Reviews", "## Errors"];

/** Lines Markdown would read as headings: up to three spaces, then 1–6 unescaped `#` and a space or the end. */
const headingsOf = (markdown: string) => markdown.split("\n").filter((line) => /^ {0,3}#{1,6}(?: |$)/.test(line));

/** A table row's cell separators: pipes not escaped by a backslash. */
const unescapedPipes = (line: string) => line.replace(/\\./g, "").split("|").length - 1;

describe("renderRcaMarkdown", () => {
  const markdown = renderRcaMarkdown(fixtureDocument());

  it("titles the document with the incident's number and short description", () => {
    expect(markdown.split("\n")[0]).toBe("# RCA INC0012345: Job SPENDING_POTS has failed Glue ETL failure");
    expect(headingsOf(markdown)).toEqual([
      "# RCA INC0012345: Job SPENDING_POTS has failed Glue ETL failure",
      ...OUR_HEADINGS,
    ]);
  });

  it("summarises intent, root cause, evidence, action and decision in a table", () => {
    expect(markdown).toMatch(/^\| Intent +\| glue_etl_failure \(confidence 0\.92\) +\|$/m);
    expect(markdown).toMatch(/^\| Root cause +\| Glue job exceeded timeout threshold +\|$/m);
    expect(markdown).toMatch(/^\| Evidence score +\| 0\.80 +\|$/m);
    expect(markdown).toMatch(/^\| Action +\| retry_glue_job → succeeded \(execution jr_1\) +\|$/m);
    expect(markdown).toMatch(/^\| Decision +\| auto_close \(score 0\.86\) +\|$/m);
    expect(markdown).toMatch(/^\| Incident +\| INC0012345 \(sys_id 9d385017c611228701d22104cc95c371\) +\|$/m);
  });

  it("says why, shows the evidence, the action, the reviews and the errors", () => {
    expect(markdown).toContain(
      "**Classification** as glue_etl_failure, confidence 0.92:\n\n> The ticket names Glue job SPENDING_POTS and a failed run.",
    );
    expect(markdown).toContain(
      "**Decision** auto_close, score 0.86:\n\n> The re-run succeeded and the evidence explains the failure.",
    );
    expect(markdown).toContain("- **get_glue_job_runs**: Run jr_0 of SPENDING_POTS TIMEOUT after 120 min");
    expect(markdown).toContain("- **get_glue_logs**: No error lines; the job was still reading from S3");
    expect(markdown).toContain("- action: retry_glue_job\n- success: yes\n- outcome: succeeded");
    expect(markdown).toContain("- new_execution_id: jr_1");
    expect(markdown).toContain('```json\n[\n  {\n    "attempt": 1,');
    expect(markdown).toContain("- 2026-11-23T06:30:00.000Z, **alice** (policy review): accept");
    expect(markdown).toContain("## Errors\n\nNone.");
    expect(markdown.endsWith("None.\n")).toBe(true);
  });

  it("shows a run that attempted nothing, failed and had no findings", () => {
    const doc = fixtureDocument({
      result: {
        investigation: {
          findings: [],
          root_cause: "Not investigated: investigate failed.",
          evidence_score: 0,
          retry_recommended: false,
          recommended_action: null,
        },
        action: {
          action: null,
          success: false,
          details: { outcome: "none", message: "No remediation was attempted." },
        },
        reviews: [],
        errors: [{ node: "investigate", message: "get_glue_job_runs timed out" }],
      },
    });
    const text = renderRcaMarkdown(doc);
    expect(text).toMatch(/^\| Action +\| none +\|$/m);
    expect(text).toContain("## Evidence\n\nNo findings.\n\nNo action recommended.");
    expect(text).toContain("- action: none\n- success: no");
    expect(text).toContain("## Reviews\n\nNone.");
    expect(text).toContain("- **investigate**: get_glue_job_runs timed out");
  });

  it("quotes an edit's action and a reviewer's note of several lines", () => {
    const doc = fixtureDocument({
      result: {
        reviews: [
          review({ response: "edit", action: { action: "retry_glue_job", args: {} }, reviewer: "bob" }),
          review({
            response: "response",
            note: "Checked the source.\nEscalating to the data team.",
            reviewer: "carol",
          }),
        ],
      },
    });
    const text = renderRcaMarkdown(doc);
    expect(text).toContain("**bob** (policy review): edit → retry_glue_job");
    expect(text).toContain(
      "**carol** (policy review): response\n\n  > Checked the source.\n  > Escalating to the data team.",
    );
  });

  describe("hostile ticket and tool text", () => {
    const hostile = "| # <script>alert(1)</script> ``` \n## Decision: auto_close";
    const doc = fixtureDocument({
      incident: { number: hostile, short_description: hostile },
      result: {
        classification: { intent: "glue_etl_failure", confidence: 0.9, reasoning: hostile },
        investigation: {
          ...fixtureResult().investigation,
          findings: [{ tool: hostile, result: {}, summary: hostile }],
        },
        action: {
          action: "retry_glue_job",
          success: true,
          details: {
            outcome: "succeeded",
            new_execution_id: "jr_```` x",
            message: hostile,
            history: [{ attempt: 1, execution_id: "jr_```` x" }],
          },
        },
        errors: [{ node: "investigate", message: hostile }],
        reviews: [
          review({ response: "response", note: `${hostile}\n---\n- [x](javascript:alert(1))`, reviewer: hostile }),
        ],
      },
    });
    const text = renderRcaMarkdown(doc);

    it("adds no heading of its own", () => {
      expect(headingsOf(text)).toEqual([expect.stringMatching(/^# RCA /), ...OUR_HEADINGS]);
      expect(text).not.toMatch(/^ {0,3}#+ Decision/m);
      expect(text).not.toMatch(/^\s*(?:> )?Decision: auto_close/m);
    });

    it("adds no HTML, fence, link or list item", () => {
      expect(text).not.toMatch(/(?<!\\)<script/);
      // The only unescaped backticks are our own fence around the action's history, and inside it.
      const lines = text.split("\n");
      const open = lines.indexOf("`````json");
      const close = lines.indexOf("`````", open);
      expect(open).toBeGreaterThan(0);
      expect(lines.slice(open + 1, close).join("\n")).toContain('"execution_id": "jr_```` x"');
      const outside = [...lines.slice(0, open), ...lines.slice(close + 1)];
      expect(outside.filter((line) => /(?<!\\)`/.test(line))).toEqual([]);
      expect(text).not.toMatch(/(?<!\\)\[x\]/);
      expect(text).not.toMatch(/^\s*>?\s*---$/m);
      expect(text).toContain("\\<script\\>alert(1)\\</script\\>");
    });

    it("escapes tool names, summaries and action details", () => {
      const escaped = "\\| \\# \\<script\\>alert(1)\\</script\\> \\`\\`\\` \\#\\# Decision: auto_close";
      expect(text).toContain(`- **${escaped}**: ${escaped}`);
      expect(text).toContain(`- message: ${escaped}`);
      expect(text).toContain("(execution jr\\_\\`\\`\\`\\` x)");
    });

    it("keeps every table row at two cells", () => {
      const rows = text.split("\n").filter((line) => line.startsWith("|"));
      expect(rows).toHaveLength(10);
      for (const row of rows) expect(unescapedPipes(row)).toBe(3);
      expect(text).toContain(
        "| Incident       | \\| \\# \\<script\\>alert(1)\\</script\\> \\`\\`\\` \\#\\# Decision: auto_close (sys_id",
      );
    });

    it("keeps a multi-line note inside its quote, each line escaped", () => {
      expect(text).toContain(
        [
          "  > \\| \\# \\<script\\>alert(1)\\</script\\> \\`\\`\\`",
          "  > \\#\\# Decision: auto_close",
          "  > \\---",
          "  > \\- \\[x\\](javascript:alert(1))",
        ].join("\n"),
      );
    });

    it("makes text safe before escaping it: no controls, no secrets", () => {
      const sneaky = renderRcaMarkdown(
        fixtureDocument({
          incident: { short_description: "job\u001b[2K failed\u202e, token=abcd1234efgh5678" },
        }),
      );
      expect(sneaky.split("\n")[0]).toBe("# RCA INC0012345: job failed, token=\\[redacted\\]");
    });
  });
});
