/**
 * The Markdown a reviewer reads (Agent Inbox, Studio, `incident-orchestrator show`): the incident,
 * why the run paused, the classification, the evidence, the proposal and how to answer. Pure.
 */
import type { RemediationCheck } from "../actions/guardrails.js";
import type { OrchestratorConfig } from "../config/schema.js";
import { unresolvedErrors } from "../progress/review-progress.js";
import { redactJson, safeLine, terminalJson } from "../safety/index.js";
import type { Decision } from "../state/decision.js";
import type { GraphState } from "../state/graph-state.js";
import type { ActionRequest, ReviewReason } from "../state/review.js";

export interface DescribeInput {
  state: GraphState;
  config: OrchestratorConfig;
  reason: ReviewReason;
  /** The decision recorded for an error review (otherwise the policy's last one is shown). */
  decision: Decision | null;
  proposal: ActionRequest;
  proposes_remediation: boolean;
  /** Why no remediation is proposed, when the guardrails refused one. */
  refusal: string | null;
  editable_actions: readonly string[];
  /** For an approval review: the permitted remediation that awaits approval. */
  awaiting_approval_of: RemediationCheck | null;
}

const FINDINGS_SHOWN = 8;

export function describeReview(input: DescribeInput): string {
  const { state } = input;
  const incident = state.incident;
  const sections = [
    `## Review needed: ${oneLine(incident.number ?? incident.sys_id)}`,
    `**${oneLine(incident.short_description)}**`,
    `### Why the run paused\n${whyPaused(input)}`,
    classificationSection(state),
    investigationSection(state),
    attemptsSection(state),
    proposalSection(input),
    answersSection(input),
  ];
  return sections.filter((section) => section !== "").join("\n\n");
}

function whyPaused(input: DescribeInput): string {
  const { state, reason } = input;
  if (reason === "error") {
    const errors = unresolvedErrors(state).map((error) => `- \`${error.node}\` failed: ${oneLine(error.message)}`);
    return ["The run stopped on an error; nothing after it ran.", ...errors].join("\n");
  }
  if (reason === "approval") {
    const check = input.awaiting_approval_of;
    const target = check?.permitted ? ` on ${check.resource.type} \`${oneLine(check.resource.id)}\`` : "";
    return `The guardrails allow \`${input.proposal.action}\`${target}, and \`remediation.require_approval\` asks a person to approve it before it starts.`;
  }
  const decision = input.decision ?? state.decisions.at(-1);
  return decision
    ? `The policy engine decided **human_review** (score ${decision.score.toFixed(2)}): ${oneLine(decision.reasoning)}`
    : "The policy engine decided **human_review**.";
}

function classificationSection(state: GraphState): string {
  const classification = state.classification;
  if (!classification) return "### Classification\nNot classified.";
  return [
    "### Classification",
    `\`${classification.intent}\`, confidence ${classification.confidence.toFixed(2)}: ${oneLine(classification.reasoning)}`,
  ].join("\n");
}

function investigationSection(state: GraphState): string {
  const investigation = state.investigation;
  if (!investigation) return "";
  const findings = investigation.findings
    .slice(0, FINDINGS_SHOWN)
    .map((finding) => `- \`${finding.tool}\`: ${oneLine(finding.summary)}`);
  const more = investigation.findings.length - FINDINGS_SHOWN;
  return [
    "### Investigation",
    `**Root cause:** ${oneLine(investigation.root_cause)}`,
    `Evidence ${investigation.evidence_score.toFixed(2)}, cause ${investigation.cause_kind.replace("_", "-")}.`,
    ...(findings.length > 0 ? ["", "Findings:", ...findings] : []),
    ...(more > 0 ? [`- … and ${more} more`] : []),
  ].join("\n");
}

function attemptsSection(state: GraphState): string {
  if (state.attempts.length === 0) return "";
  const lines = state.attempts.map(
    (attempt) =>
      `- attempt ${attempt.attempt}: \`${attempt.action}\` → **${attempt.outcome}**: ${oneLine(attempt.message)}`,
  );
  return ["### Actions so far", ...lines].join("\n");
}

function proposalSection(input: DescribeInput): string {
  const { state, config, proposal } = input;
  if (!input.proposes_remediation) {
    const why = input.refusal ? ` No remediation can run: ${oneLine(input.refusal)}` : "";
    // An errored run was not investigated to the end: closing its ticket is not offered.
    if (input.reason === "error") return `### Proposed action\nNone: look into the error above first.${why}`;
    return `### Proposed action\nClose the ticket.${why}`;
  }
  const intent = state.classification?.intent ?? "unknown";
  const budget = config.remediation.budgets[intent];
  return [
    "### Proposed action",
    `Run \`${proposal.action}\` (attempt ${state.attempts.length + 1}; budget ${budget} for ${intent}) with:`,
    "```json",
    // The arguments run as proposed; what the reviewer reads has their secrets redacted.
    terminalJson(redactJson(proposal.args), 2),
    "```",
    config.remediation.dry_run ? "Dry run is on: accepting records what would run, and starts nothing." : "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

function answersSection(input: DescribeInput): string {
  const accept = input.proposes_remediation
    ? `- **accept**: run \`${input.proposal.action}\` as proposed, then verify it`
    : input.reason === "error"
      ? ""
      : "- **accept**: close the ticket as resolved";
  const edit =
    input.editable_actions.length > 0
      ? `- **edit**: run another action instead (${input.editable_actions.map((name) => `\`${name}\``).join(", ")}), after the same allow-list and budget checks`
      : "";
  return [
    "### Your answer",
    accept,
    edit,
    "- **respond**: add a note and escalate to an expert",
    "- **ignore**: leave the ticket to people; incident-orchestrator does nothing more",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * Ticket text and tool output are data: one line (no Markdown structure of their own), no control
 * characters or escape sequences, secrets redacted, capped (src/safety).
 */
function oneLine(text: string): string {
  return safeLine(text, 600);
}
