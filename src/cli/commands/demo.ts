import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Table from "cli-table3";
import { loadConfigFile } from "../../config/load.js";
import { loadManifest } from "../../examples/manifest.js";
import { runServiceNowDemo, type DemoTicket, type TicketView } from "../../examples/servicenow-demo.js";
import { passLine } from "../../intake/loop.js";
import { localRcaStore } from "../../rca/store.js";
import { safeLine } from "../../safety/index.js";
import { printBlock, printJson, printLine } from "../print.js";

export interface DemoOptions {
  manifest: string;
  config: string;
  json?: boolean;
  inProcess?: boolean;
}

/**
 * `demo`: the example tickets on an emulated ServiceNow instance, one `serve` pass through the whole
 * graph (each ticket against its example's own embedded AWS sandbox), and every ticket before and
 * after, as a table.
 */
export async function demoCommand(options: DemoOptions): Promise<void> {
  const examples = await loadManifest(options.manifest);
  const config = await loadConfigFile(options.config);
  const transport = options.inProcess ? "in-process" : "mcp";
  const rcaDirectory = await mkdtemp(join(tmpdir(), "incident-orchestrator-demo-rca-"));
  // Progress goes to stderr, so `--json` output stays clean; the table comes when the pass is done.
  printLine(
    `Seeding an emulated ServiceNow instance with ${examples.length} example tickets, then one intake pass: each ticket claimed, run against its own embedded AWS sandbox (tools ${transport === "mcp" ? "over MCP" : "in-process"}) and written back…`,
    "stderr",
  );
  const demo = await runServiceNowDemo(examples, config, { transport, rca: localRcaStore(rcaDirectory) });
  if (options.json) {
    printJson(
      demo.tickets.map(({ example, before, after, result, problems }) => ({
        name: example.name,
        before,
        after,
        result,
        problems,
      })),
    );
  } else {
    printTable(demo.tickets);
    printLine("");
    printLine(passLine(demo.pass));
    printLine(`RCA documents: ${rcaDirectory}`);
    for (const ticket of demo.tickets.filter((row) => row.problems.length > 0)) {
      printLine(`✗ ${ticket.example.name}: ${ticket.problems.join("; ")}`);
    }
  }
  if (demo.tickets.some((ticket) => ticket.problems.length > 0)) process.exitCode = 1;
}

const where = (view: TicketView) => `${view.state} · ${view.group}`;

/**
 * The table goes out through printBlock like any other output, so it has no colour of its own (its
 * escapes would be stripped); each cell is made one safe line first, so the layout holds too.
 */
function printTable(tickets: readonly DemoTicket[]): void {
  const table = new Table({
    head: ["incident", "intent", "decision", "before", "after", "last work note", ""],
    colWidths: [12, 24, 14, 26, 32, 46, 4],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const { before, after, result, problems } of tickets) {
    table.push(
      [
        after.number,
        result?.classification.intent ?? "—",
        result?.decision.decision ?? "—",
        where(before),
        after.state === "Resolved" ? `${where(after)} (${after.close_code})` : where(after),
        safeLine(after.last_note, 90),
        problems.length === 0 ? "✓" : "✗",
      ].map((cell) => safeLine(cell)),
    );
  }
  printBlock(table.toString());
  const decisions = new Map<string, number>();
  for (const { result } of tickets) {
    const decision = result?.decision.decision ?? "not run";
    decisions.set(decision, (decisions.get(decision) ?? 0) + 1);
  }
  printLine(
    `${tickets.length} tickets · ${[...decisions].map(([decision, count]) => `${decision} ${count}`).join(" · ")}`,
  );
}
