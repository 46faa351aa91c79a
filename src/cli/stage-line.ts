import type { StageEvent } from "../orchestrator.js";

/** One line per completed stage, for people watching a run. Pure. */
export function stageLine({ node, update }: StageEvent): string {
  const error = update.errors?.at(-1);
  if (error) return `✗ ${node.padEnd(15)} error: ${error.message}`;
  const detail = (() => {
    if (update.classification) {
      const c = update.classification;
      return `${c.intent} (confidence ${c.confidence.toFixed(2)}) — ${c.reasoning}`;
    }
    if (update.investigation) {
      const i = update.investigation;
      const action = i.recommended_action ? `; recommends ${i.recommended_action}` : "";
      return `evidence ${i.evidence_score.toFixed(2)}, ${i.findings.length} finding(s) — ${i.root_cause}${action}`;
    }
    const attempt = update.attempts?.at(-1);
    if (attempt) return `${attempt.action} attempt ${attempt.attempt}: ${attempt.outcome} — ${attempt.message}`;
    const decision = update.decisions?.at(-1);
    if (decision && !update.result)
      return `${decision.decision} (score ${decision.score.toFixed(2)}) — ${decision.reasoning}`;
    if (update.ticket_update) return `ticket → ${update.ticket_update.state}`;
    return "next attempt";
  })();
  return `✓ ${node.padEnd(15)} ${detail}`;
}
