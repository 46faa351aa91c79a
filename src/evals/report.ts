/** Eval reports for people: a terminal table and a Markdown document. Pure. */
import type { EvalReport } from "./metrics.js";

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function metricRows(report: EvalReport): [string, string, string][] {
  const { counts } = report;
  return [
    ["intent accuracy", pct(report.intent_accuracy), `${counts.intent.correct}/${counts.intent.total}`],
    ["decision accuracy", pct(report.decision_accuracy), `${counts.decision.correct}/${counts.decision.total}`],
    ["action accuracy", pct(report.action_accuracy), `${counts.action.correct}/${counts.action.total}`],
    ["root-cause match", pct(report.root_cause_accuracy), `${counts.root_cause.correct}/${counts.root_cause.total}`],
    [
      "unsafe actions",
      String(report.unsafe_actions),
      `${report.unsafe.remediations} remediation(s), ${report.unsafe.auto_closes} auto_close(s)`,
    ],
    ["tool trajectory", `precision ${pct(report.trajectory.precision)}`, `recall ${pct(report.trajectory.recall)}`],
    ["latency per case", `p50 ${report.latency_ms.p50.toFixed(0)} ms`, `p95 ${report.latency_ms.p95.toFixed(0)} ms`],
    ["model calls", String(report.model_calls.total), `${report.model_calls.per_case} per case`],
  ];
}

function intentRows(report: EvalReport): string[][] {
  return Object.entries(report.by_intent).map(([intent, row]) => [
    intent,
    String(row.cases),
    pct(row.intent_accuracy),
    pct(row.decision_accuracy),
    pct(row.action_accuracy),
  ]);
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

export function renderReportText(report: EvalReport): string {
  const parts = [
    `${report.cases} cases`,
    "",
    table(["metric", "value", "detail"], metricRows(report)),
    "",
    table(["intent", "cases", "intent", "decision", "action"], intentRows(report)),
  ];
  if (report.failures.length > 0) {
    parts.push("", `Failing cases (${report.failures.length}):`);
    for (const failure of report.failures) parts.push(`  ✗ ${failure.id}: ${failure.problems.join("; ")}`);
  }
  return parts.join("\n");
}

function markdownTable(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

export function renderReportMarkdown(report: EvalReport, title = "Eval report"): string {
  const intents = Object.keys(report.confusion_matrix).sort();
  const predicted = [
    ...new Set(Object.values(report.confusion_matrix).flatMap((row) => Object.keys(row ?? {}))),
  ].sort();
  const confusion = intents.map((intent) => [
    intent,
    ...predicted.map((p) =>
      String((report.confusion_matrix as Record<string, Record<string, number>>)[intent]?.[p] ?? ""),
    ),
  ]);
  return [
    `# ${title}`,
    "",
    `${report.cases} cases.`,
    "",
    markdownTable(["metric", "value", "detail"], metricRows(report)),
    "",
    "## By intent",
    "",
    markdownTable(["intent", "cases", "intent", "decision", "action"], intentRows(report)),
    "",
    "## Confusion matrix (rows: expected, columns: predicted)",
    "",
    markdownTable(["expected \\ predicted", ...predicted], confusion),
    "",
    "## Failing cases",
    "",
    report.failures.length === 0
      ? "None."
      : report.failures.map((f) => `- \`${f.id}\`: ${f.problems.join("; ")}`).join("\n"),
    "",
  ].join("\n");
}
