/**
 * The RCA document as Markdown, for people: a summary table, why the run decided what it did, the
 * evidence, the action, the reviews and the errors. Every piece of ticket, tool or reviewer text
 * is made safe (src/safety: controls, secrets, length) and then escaped (./markdown-escape.ts), so
 * nothing a ticket says can become a heading, a table row, a fence or HTML of ours. Pure.
 */
import { markdownTable } from "../io/markdown-table.js";
import { redactJson, safeBlock, safeLine, terminalJson } from "../safety/index.js";
import type { RcaDocument } from "./document.js";
import { escapeInline, fenceFor, quoteBlock } from "./markdown-escape.js";

/** A field inside one line (a table cell, a list item). */
const MAX_FIELD_CHARS = 1_000;
/** Reasoning and notes, which may run over several lines. */
const MAX_BLOCK_CHARS = 4_000;
/** The JSON of the action's structured details (its attempt history). */
const MAX_JSON_CHARS = 8_000;

/** Untrusted text inside one line of ours: one safe line, escaped; a visible mark when nothing is left. */
function inline(text: string, max = MAX_FIELD_CHARS): string {
  const cleaned = safeLine(text, max);
  return cleaned === "" ? "(empty)" : escapeInline(cleaned);
}

/** Untrusted text of several lines, as a quote below a line of ours. */
function quoted(text: string, indent = ""): string {
  const cleaned = safeBlock(text, MAX_BLOCK_CHARS);
  return quoteBlock(cleaned === "" ? "(empty)" : cleaned, indent);
}

const score = (value: number) => value.toFixed(2);

type Scalar = string | number | boolean | null;
const isScalar = (value: unknown): value is Scalar =>
  value === null || ["string", "number", "boolean"].includes(typeof value);
const scalarText = (value: Scalar): string => (value === null ? "none" : String(value));

/** A scalar from the action's open `details` record, as text (undefined when absent or structured). */
function detail(doc: RcaDocument, key: string): string | undefined {
  const value = doc.result.action.details[key];
  return value !== undefined && value !== null && isScalar(value) ? String(value) : undefined;
}

export function renderRcaMarkdown(doc: RcaDocument): string {
  const sections = [title(doc), summary(doc), why(doc), evidence(doc), action(doc), reviews(doc), errors(doc)];
  return `${sections.join("\n\n")}\n`;
}

function title(doc: RcaDocument): string {
  const { incident } = doc;
  return `# RCA ${inline(incident.number ?? incident.sys_id, 256)}: ${inline(incident.short_description, 300)}`;
}

function summary(doc: RcaDocument): string {
  const { result } = doc;
  const { classification, investigation, decision } = result;
  const rows: [string, string][] = [
    [
      "Incident",
      `${inline(doc.incident.number ?? doc.incident.sys_id, 256)} (sys_id ${inline(doc.incident.sys_id, 256)})`,
    ],
    ["Intent", `${inline(classification.intent)} (confidence ${score(classification.confidence)})`],
    ["Root cause", inline(investigation.root_cause)],
    ["Evidence score", score(investigation.evidence_score)],
    ["Action", actionSummary(doc)],
    ["Decision", `${inline(decision.decision)} (score ${score(decision.score)})`],
    [
      "Run",
      `thread ${inline(doc.thread_id, 256)}, ${result.duration_seconds} s, finished ${inline(result.timestamp, 64)}`,
    ],
    ["Generated", inline(doc.generated_at, 64)],
  ];
  return ["## Summary", markdownTable(["Field", "Value"], rows)].join("\n\n");
}

/** "retry_glue_job → succeeded (execution jr_1)", or what was proposed when nothing ran. */
function actionSummary(doc: RcaDocument): string {
  const { action } = doc.result;
  const outcome = detail(doc, "outcome");
  const proposed = detail(doc, "proposed_action");
  const execution = detail(doc, "new_execution_id");
  const name = action.action ?? (proposed ? `none (proposed ${proposed})` : "none");
  return [
    inline(name),
    // "none" is the result's word for no attempt, which `name` already says.
    outcome === undefined || outcome === "none" ? "" : ` → ${inline(outcome)}`,
    execution === undefined ? "" : ` (execution ${inline(execution)})`,
  ].join("");
}

function why(doc: RcaDocument): string {
  const { classification, decision } = doc.result;
  return [
    "## Why",
    `**Classification** as ${inline(classification.intent)}, confidence ${score(classification.confidence)}:`,
    quoted(classification.reasoning),
    `**Decision** ${inline(decision.decision)}, score ${score(decision.score)}:`,
    quoted(decision.reasoning),
  ].join("\n\n");
}

function evidence(doc: RcaDocument): string {
  const { findings, retry_recommended, recommended_action } = doc.result.investigation;
  const lines = findings.map((finding) => `- **${inline(finding.tool, 200)}**: ${inline(finding.summary)}`);
  const recommendation = recommended_action
    ? `Recommended action: ${inline(recommended_action)} (retry ${retry_recommended ? "recommended" : "not recommended"}).`
    : "No action recommended.";
  return ["## Evidence", lines.length > 0 ? lines.join("\n") : "No findings.", recommendation].join("\n\n");
}

function action(doc: RcaDocument): string {
  const { action: result } = doc.result;
  const entries = Object.entries(result.details);
  const scalars = entries.filter((entry): entry is [string, Scalar] => isScalar(entry[1]));
  const structured = entries.filter(([, value]) => !isScalar(value));
  const lines = [
    `- action: ${result.action === null ? "none" : inline(result.action)}`,
    `- success: ${result.success ? "yes" : "no"}`,
    ...scalars.map(([key, value]) => `- ${inline(key, 100)}: ${inline(scalarText(value))}`),
  ];
  const blocks = structured.map(([key, value]) => {
    // Structured details (the attempt history) read best as JSON; a fence keeps them literal.
    const json = safeBlock(terminalJson(redactJson(value), 2), MAX_JSON_CHARS);
    const fence = fenceFor(json);
    return [`${inline(key, 100)}:`, "", `${fence}json`, json, fence].join("\n");
  });
  return ["## Action", lines.join("\n"), ...blocks].join("\n\n");
}

function reviews(doc: RcaDocument): string {
  const items = doc.result.reviews.map((review) => {
    const head = `- ${inline(review.at, 64)}, **${inline(review.reviewer, 200)}** (${inline(review.reason)} review): `;
    if (review.response === "edit" && review.action) return `${head}edit → ${inline(review.action.action)}`;
    if (review.response === "response" && review.note) return `${head}response\n\n${quoted(review.note, "  ")}`;
    return `${head}${inline(review.response)}`;
  });
  return ["## Reviews", items.length > 0 ? items.join("\n") : "None."].join("\n\n");
}

function errors(doc: RcaDocument): string {
  const items = doc.result.errors.map((error) => `- **${inline(error.node, 200)}**: ${inline(error.message)}`);
  return ["## Errors", items.length > 0 ? items.join("\n") : "None."].join("\n\n");
}
