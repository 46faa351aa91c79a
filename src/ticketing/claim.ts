/**
 * Claiming a ticket before working it: In Progress and assigned to the agent's user. The write is
 * compare-before-write on sys_mod_count, so of two workers that read the same ticket the second
 * usually sees the count moved and leaves it; the Table API's window between read and write can
 * let both through, and then both write the same two values. Nothing that must happen once is in
 * the claim itself: the thread lock and the thread derived from the sys_id (src/runs/thread-id.ts)
 * keep the ticket from being run twice, and the claim's work note goes through the outbox under
 * one key (write-plan.ts `claimWrites`), so it is written once.
 */
import { fieldValue, type TicketSystemClient } from "../servicenow/ticket-system.js";
import type { Directory } from "./directory.js";
import type { Ticket } from "./ticket.js";

export type ClaimResult =
  | { readonly outcome: "claimed" }
  /** Assigned to the agent already: a claim of ours, by this worker or another, stands. */
  | { readonly outcome: "ours" }
  | { readonly outcome: "skipped"; readonly why: string };

export async function claimTicket(
  client: TicketSystemClient,
  ticket: Ticket,
  directory: Directory,
): Promise<ClaimResult> {
  if (ticket.assigned_to === directory.agent.sys_id) return { outcome: "ours" };
  // A person took it: never take a ticket from someone.
  if (ticket.assigned_to !== "") return { outcome: "skipped", why: "assigned to someone else" };
  if (ticket.state !== "1" && ticket.state !== "2") return { outcome: "skipped", why: `state ${ticket.state}` };
  const result = await client.updateIfUnchanged("incident", ticket.sys_id, ticket.mod_count, {
    state: "2",
    assigned_to: directory.agent.sys_id,
  });
  if (result.outcome === "updated") {
    if (!result.concurrentWrite) return { outcome: "claimed" };
    // Someone wrote the ticket between our read and our write: claimed only if it is still ours.
    const now = await client.get("incident", ticket.sys_id, { fields: ["assigned_to"] });
    const assignee = now ? fieldValue(now, "assigned_to") : undefined;
    return assignee === directory.agent.sys_id
      ? { outcome: "claimed" }
      : { outcome: "skipped", why: "someone else wrote the ticket while it was being claimed" };
  }
  if (result.outcome === "not_found") return { outcome: "skipped", why: "no longer on the instance" };
  return { outcome: "skipped", why: "changed since it was read (another worker claimed it)" };
}
