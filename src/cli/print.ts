/**
 * Everything the CLI prints goes through here. What it prints comes from tickets, tools, logs,
 * reviewers and the run store, and a terminal obeys escape sequences in it (erase a line, move the
 * cursor, set the window title, fake a "Done … auto_close"). So every line loses its control
 * characters and its secrets on the way out (src/safety), and a line meant to be one line cannot
 * become two. JSON keeps its data: JSON.stringify escapes C0 controls, and terminalJson the rest.
 */
import { multiLine, redactSecrets, singleLine, terminalJson } from "../safety/index.js";

type Stream = "stdout" | "stderr";

function write(stream: Stream, text: string): void {
  if (stream === "stdout") console.log(text);
  else console.error(text);
}

/** One line of output: line breaks in it become spaces. */
export function printLine(text: string, stream: Stream = "stdout"): void {
  write(stream, redactSecrets(singleLine(text)));
}

/** Text with lines of its own (Markdown, a table, pretty JSON): line breaks are kept. */
export function printBlock(text: string, stream: Stream = "stdout"): void {
  write(stream, redactSecrets(multiLine(text)));
}

/** A JSON document, for programs: the data as it is, escaped so a terminal shows it as text. */
export function printJson(value: unknown, space?: number, stream: Stream = "stdout"): void {
  write(stream, terminalJson(value, space));
}
