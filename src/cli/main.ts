import { Command, Option } from "commander";
import { ZodError } from "zod";
import { UserInputError, describeZodError } from "../errors.js";
import { classifyCommand } from "./commands/classify.js";
import { demoCommand } from "./commands/demo.js";
import { evalCommand } from "./commands/eval.js";
import { graphCommand } from "./commands/graph.js";
import { mcpCommand } from "./commands/mcp.js";
import { pendingCommand } from "./commands/pending.js";
import { printLine } from "./print.js";
import { resumeCommand } from "./commands/resume.js";
import { runCommand } from "./commands/run.js";
import { serveCommand } from "./commands/serve.js";
import { showCommand } from "./commands/show.js";

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
  .description(
    "run incidents through the graph, each on its own durable thread (on the embedded sandbox when --scenario is given, else on AWS)",
  )
  .argument("<incidents>", "incident JSON file (ServiceNow fields), or JSON Lines of incidents")
  .option("-s, --scenario <file>", "scenario file: run against the embedded AWS sandbox")
  .option("-c, --config <file>", "config file (default: ./incident-orchestrator.config.json if present)")
  .option("--dry-run", "report what remediation would do without doing it")
  .option("--in-process", "call the tools in-process instead of over MCP")
  .option("--thread <name>", "run on this thread (a UUID, or a name) instead of the one derived from the sys_id")
  .option("--concurrency <n>", "incidents of a .jsonl run at once", "1")
  .option("--json", "print only the result JSON (one line per incident for .jsonl)")
  .action(runCommand);

program
  .command("serve")
  .description(
    "work the ServiceNow queue the config's `serve` section names: poll, claim, run, write back, answer reviews from the ticket (docs/servicenow.md)",
  )
  .option("-c, --config <file>", "config file with a `serve` section (default: ./incident-orchestrator.config.json)")
  .option("-s, --scenario <file>", "scenario file: the tools run against the embedded AWS sandbox")
  .option("--in-process", "call the tools in-process instead of over MCP")
  .option("--once", "make one pass and exit")
  .option("--webhook <port>", "also take incidents pushed by a ServiceNow business rule on this port")
  .option("--host <host>", "address the webhook listens on (default 127.0.0.1)")
  .action(serveCommand);

program
  .command("pending")
  .description("list the runs paused for human review")
  .option("--json", "print JSON")
  .action(pendingCommand);

program
  .command("show")
  .description("print the review a paused run asks for")
  .argument("<thread>", "thread id, or the incident's sys_id")
  .option("--json", "print JSON")
  .action(showCommand);

program
  .command("resume")
  .description("answer a paused review: accept the proposal, edit it, respond with a note, or ignore")
  .argument("<thread>", "thread id, or the incident's sys_id")
  .option("--accept", "run the proposed action (or close the ticket when none is proposed)")
  .option("--edit <json>", 'run this action instead: {"action": "retry_glue_job", "args": {...}}')
  .option("--respond <text>", "record a note and escalate to an expert")
  .option("--ignore", "leave the ticket to people")
  .option("--by <name>", "who is answering (default: your user name)")
  .option("-s, --scenario <file>", "default: the scenario the run used (another one is refused)")
  .option("-c, --config <file>", "default: the config the run used (another one is refused)")
  .option("--in-process", "default: as the run called its tools (a run over MCP refuses it)")
  .option("--json", "print only the result JSON")
  .action(resumeCommand);

program
  .command("classify")
  .description("classify one incident (.json) or many (.jsonl)")
  .argument("<file>", "incident JSON file, or JSON Lines of incidents")
  .option("--config <file>", "config whose agents.classifier classifies")
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
  .description(
    "serve the data-lake tools over MCP (stdio by default, Streamable HTTP with --http); mutating tools keep to the config's remediation policy",
  )
  .option("--http <port>", "serve Streamable HTTP on this port at /mcp (0 picks a free port)")
  .option("--host <host>", "address to listen on with --http (default 127.0.0.1)")
  .option(
    "--token-file <path>",
    "file holding the bearer token required with --http (or set env INCIDENT_ORCHESTRATOR_MCP_TOKEN)",
  )
  .option("-c, --config <file>", "config file (default: ./incident-orchestrator.config.json if present)")
  // Refused with a clear line: a token in argv is visible in `ps`.
  .addOption(new Option("--token [token]").hideHelp())
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
  // An error can quote a ticket, a tool or a connection string: printed as one safe line.
  printLine(`incident-orchestrator: ${message}`, "stderr");
  process.exitCode = error instanceof UserInputError || error instanceof ZodError ? 2 : 1;
}
