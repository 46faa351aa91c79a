import { Command } from "commander";
import { ZodError } from "zod";
import { UserInputError, describeZodError } from "../errors.js";
import { classifyCommand } from "./commands/classify.js";
import { demoCommand } from "./commands/demo.js";
import { evalCommand } from "./commands/eval.js";
import { graphCommand } from "./commands/graph.js";
import { mcpCommand } from "./commands/mcp.js";
import { runCommand } from "./commands/run.js";

// A reader that stops early (`… | head`) ends our output, not the program with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = new Command()
  .name("incident-orchestrator")
  .description("Classify, investigate, remediate and decide AWS data-lake incidents from ServiceNow.")
  .showHelpAfterError();

program
  .command("run")
  .description("run one incident through the graph (on the embedded sandbox when --scenario is given, else on AWS)")
  .argument("<incident>", "incident JSON file (ServiceNow fields)")
  .option("-s, --scenario <file>", "scenario file: run against the embedded AWS sandbox")
  .option("-c, --config <file>", "config file (default: ./incident-orchestrator.config.json if present)")
  .option("--dry-run", "report what remediation would do without doing it")
  .option("--in-process", "call the tools in-process instead of over MCP")
  .option("--json", "print only the result JSON")
  .action(runCommand);

program
  .command("classify")
  .description("classify one incident (.json) or many (.jsonl)")
  .argument("<file>", "incident JSON file, or JSON Lines of incidents")
  .option("--json", "print JSON")
  .action(classifyCommand);

program
  .command("eval")
  .description("run a labeled dataset (.jsonl) and report intent, decision and action accuracy and unsafe actions")
  .argument("<dataset>", "eval dataset, JSON Lines (docs/evals.md)")
  .option("-c, --config <file>", "config file (default: ./incident-orchestrator.config.json if present)")
  .option("--concurrency <n>", "cases run at once", "4")
  .option("--json", "print one JSON object")
  .action(evalCommand);

program
  .command("mcp")
  .description("serve the data-lake tools over MCP (stdio by default, Streamable HTTP with --http)")
  .option("--http <port>", "serve Streamable HTTP on this port at /mcp (0 picks a free port)")
  .option("--host <host>", "address to listen on with --http (default 127.0.0.1)")
  .option("--token <token>", "bearer token required with --http (default: env INCIDENT_ORCHESTRATOR_MCP_TOKEN)")
  .action(mcpCommand);

program.command("graph").description("print the graph as Mermaid").action(graphCommand);

program
  .command("demo")
  .description("run every example incident against its scenario on the embedded sandbox and print a table")
  .option("-m, --manifest <file>", "examples manifest", "examples/manifest.json")
  .option("-c, --config <file>", "config file", "examples/config.json")
  .option("--in-process", "call the tools in-process instead of over MCP")
  .option("--json", "print JSON")
  .action(demoCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // User errors: one line naming the problem, no stack trace.
  const message =
    error instanceof UserInputError
      ? error.message
      : error instanceof ZodError
        ? describeZodError("input", error)
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  console.error(`incident-orchestrator: ${message}`);
  process.exitCode = error instanceof UserInputError || error instanceof ZodError ? 2 : 1;
}
