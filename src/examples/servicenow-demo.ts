/**
 * The demo: the examples' tickets on the emulated ServiceNow instance, one intake pass through the
 * whole graph (each ticket against its example's AWS sandbox), and each ticket as it was before and
 * as the pass left it. A row's problems are where the result departs from the example's
 * expectation, or where the ticket does not show its decision (state, group, close fields, note).
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { judge } from "../evals/judge.js";
import type { PassReport } from "../intake/worker.js";
import type { RcaStore } from "../rca/store.js";
import type { ToolTransport } from "../sandbox/session.js";
import { tableQuery } from "../servicenow/query.js";
import { fieldValue, type TableRecord, type TicketSystemClient } from "../servicenow/ticket-system.js";
import type { OrchestrationResult } from "../state/result.js";
import { isOurNote } from "../ticketing/marker.js";
import type { ResolvedExample } from "./manifest.js";
import { openExampleQueue } from "./servicenow-world.js";

/** A ticket as a person glances at it. */
export interface TicketView {
  readonly number: string;
  readonly state: string;
  readonly group: string;
  readonly close_code: string;
  /** Its last work note's first line ("" when it has none). */
  readonly last_note: string;
  /** Whether that note is incident-orchestrator's outcome note (ours, and not the claim). */
  readonly last_note_outcome: boolean;
}

export interface DemoTicket {
  readonly example: ResolvedExample;
  readonly before: TicketView;
  readonly after: TicketView;
  /** undefined when the ticket was never run. */
  readonly result: OrchestrationResult | undefined;
  readonly problems: readonly string[];
}

export interface DemoRun {
  readonly tickets: readonly DemoTicket[];
  readonly pass: PassReport;
}

export async function runServiceNowDemo(
  examples: readonly ResolvedExample[],
  config: OrchestratorConfig,
  options: { transport: ToolTransport; rca?: RcaStore; log?: (line: string) => void },
): Promise<DemoRun> {
  const queue = await openExampleQueue(examples, {
    config,
    transport: options.transport,
    rca: options.rca,
    log: options.log,
  });
  try {
    const before = new Map<string, TicketView>();
    for (const { sysId } of queue.tickets) before.set(sysId, await viewOf(queue.client, sysId));
    const pass = await (await queue.worker()).pass();
    const tickets: DemoTicket[] = [];
    for (const { sysId, example } of queue.tickets) {
      const after = await viewOf(queue.client, sysId);
      const outcome = await queue.outcomeOf(sysId);
      const result = outcome?.result;
      const problems = result
        ? [...judge(result, example.expected).problems, ...ticketProblems(result, after, outcome?.status === "paused")]
        : ["never ran"];
      tickets.push({ example, before: before.get(sysId) ?? after, after, result, problems });
    }
    return { tickets, pass };
  } finally {
    await queue.close();
  }
}

/** Where the ticket does not show what the run decided. */
function ticketProblems(result: OrchestrationResult, ticket: TicketView, paused: boolean): string[] {
  const expected = paused
    ? { state: "On Hold" }
    : {
        auto_close: { state: "Resolved" },
        auto_retry: { state: "In Progress" },
        escalate: { state: "In Progress", group: "Data Platform Experts" },
        human_review: {},
      }[result.decision.decision];
  const problems: string[] = [];
  if ("state" in expected && ticket.state !== expected.state)
    problems.push(`ticket ${ticket.state}, expected ${expected.state}`);
  if ("group" in expected && ticket.group !== expected.group)
    problems.push(`ticket in ${ticket.group}, expected ${expected.group}`);
  if (ticket.state === "Resolved" && ticket.close_code === "") problems.push("resolved without a close code");
  if (!ticket.last_note_outcome) problems.push(`the last work note is not the outcome's: ${ticket.last_note}`);
  return problems;
}

async function viewOf(client: TicketSystemClient, sysId: string): Promise<TicketView> {
  const record = await client.get("incident", sysId, {
    fields: ["number", "state", "assignment_group", "close_code"],
    displayValue: "true",
  });
  const { records } = await client.list("sys_journal_field", {
    query: tableQuery("sys_journal_field")
      .where("element_id", "=", sysId)
      .where("element", "=", "work_notes")
      .orderBy("sys_created_on")
      .build(),
    fields: ["value"],
  });
  // Oldest first and the last one: notes written in the same second keep the order they were written in.
  const lastRecord = records.at(-1);
  const last = lastRecord ? (fieldValue(lastRecord, "value") ?? "") : "";
  const shown = (field: string) => (record ? (fieldValue(record as TableRecord, field) ?? "") : "");
  return {
    number: shown("number"),
    state: shown("state"),
    group: shown("assignment_group"),
    close_code: shown("close_code"),
    last_note: last.split("\n")[0] ?? "",
    last_note_outcome: isOurNote(last) && !last.trimEnd().endsWith(":claim]"),
  };
}
