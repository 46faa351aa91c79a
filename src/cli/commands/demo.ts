import Table from "cli-table3";
import pLimit from "p-limit";
import { loadConfigFile } from "../../config/load.js";
import { loadManifest } from "../../examples/manifest.js";
import { runExample, type ExampleRun } from "../../examples/run-example.js";
import { safeLine } from "../../safety/index.js";
import { printBlock, printJson, printLine } from "../print.js";

export interface DemoOptions {
  manifest: string;
  config: string;
  json?: boolean;
  inProcess?: boolean;
}

type DemoRow = ExampleRun;

/** `demo`: every example incident against its own sandbox, as a table. */
export async function demoCommand(options: DemoOptions): Promise<void> {
  const examples = await loadManifest(options.manifest);
  const config = await loadConfigFile(options.config);
  const limit = pLimit(4);
  const transport = options.inProcess ? "in-process" : "mcp";
  // Progress goes to stderr, so `--json` output stays clean; the table comes when all are done.
  printLine(
    `Running ${examples.length} example incidents, each against its own embedded AWS sandbox, tools ${transport === "mcp" ? "over MCP (our server over stdio)" : "in-process"}…`,
    "stderr",
  );
  const rows = await Promise.all(
    examples.map((example) =>
      limit(async () => {
        const row = await runExample(example, config, { transport });
        printLine(
          `  ${row.problems.length === 0 ? "✓" : "✗"} ${example.name} (${(row.latency_ms / 1000).toFixed(1)} s)`,
          "stderr",
        );
        return row;
      }),
    ),
  );
  if (options.json) {
    printJson(rows.map(({ example, result, problems }) => ({ name: example.name, result, problems })));
  } else {
    printTable(rows);
  }
  const failed = rows.filter((row) => row.problems.length > 0);
  if (failed.length > 0) process.exitCode = 1;
}

/**
 * The table goes out through printBlock like any other output, so it has no colour of its own (its
 * escapes would be stripped); each cell is made one safe line first, so the layout holds too.
 */
function printTable(rows: DemoRow[]): void {
  const table = new Table({
    head: ["incident", "intent", "conf.", "root cause", "action", "decision", ""],
    colWidths: [12, 26, 7, 58, 30, 14, 4],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const { incidentNumber, result, problems } of rows) {
    const outcome = result.action.action ? `${result.action.action} (${String(result.action.details.outcome)})` : "—";
    table.push(
      [
        incidentNumber,
        result.classification.intent,
        result.classification.confidence.toFixed(2),
        safeLine(result.investigation.root_cause, 110),
        outcome,
        result.decision.decision,
        problems.length === 0 ? "✓" : "✗",
      ].map((cell) => safeLine(cell)),
    );
  }
  printBlock(table.toString());
  const decisions = new Map<string, number>();
  for (const row of rows)
    decisions.set(row.result.decision.decision, (decisions.get(row.result.decision.decision) ?? 0) + 1);
  printLine("");
  printLine(
    `${rows.length} incidents · ${[...decisions].map(([decision, count]) => `${decision} ${count}`).join(" · ")}`,
  );
  for (const row of rows.filter((r) => r.problems.length > 0)) {
    printLine(`✗ ${row.example.name}: ${row.problems.join("; ")}`);
  }
}
