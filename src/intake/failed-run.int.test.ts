/**
 * A run that fails is said on the ticket and the ticket is left to people: here the ticket cannot
 * even be read as an incident (a person blanked its short description), so no thread runs; the
 * failure is noted once, and later passes neither claim nor note it again.
 */
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../config/load.js";
import { loadManifest } from "../examples/manifest.js";
import { openExampleQueue } from "../examples/servicenow-world.js";
import { tableQuery } from "../servicenow/query.js";
import { fieldValue } from "../servicenow/ticket-system.js";

describe("a ticket whose run fails", () => {
  it("gets one note saying automated processing failed, and is left to people", async () => {
    const examples = (await loadManifest("examples/manifest.json")).filter(
      (example) => example.name === "glue-s3-access-denied",
    );
    const queue = await openExampleQueue(examples, {
      config: await loadConfigFile("examples/config.json"),
      transport: "in-process",
    });
    try {
      const sysId = queue.tickets[0]?.sysId ?? "";
      await queue.clientAs("sam.onlooker").update("incident", sysId, { short_description: "" });
      const worker = await queue.worker();
      expect(await worker.pass()).toMatchObject({ claimed: 1, ran: 0, failed: 1 });
      const notesOf = async () =>
        (
          await queue.client.list("sys_journal_field", {
            query: tableQuery("sys_journal_field").where("element_id", "=", sysId).orderBy("sys_created_on").build(),
          })
        ).records.map((record) => fieldValue(record, "value") ?? "");
      const notes = await notesOf();
      expect(notes).toHaveLength(2);
      expect(notes[1]).toMatch(
        /^incident-orchestrator: automated processing failed \(.*short_description.*\)\. The ticket is left to people/,
      );
      const ticket = await queue.client.get("incident", sysId);
      expect(ticket && fieldValue(ticket, "assigned_to")).toBe("");

      expect(await worker.pass()).toMatchObject({ claimed: 0, ran: 0, failed: 0, skipped: 1 });
      expect(await notesOf()).toHaveLength(2);
    } finally {
      await queue.close();
    }
  }, 60_000);
});
