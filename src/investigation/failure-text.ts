/**
 * Reads one line of failure text for its structure, before any cause pattern runs. PURE.
 *
 * Failure text mixes two things: the error's own words (its type, code and message) and data the
 * error merely quotes (the value that did not parse, the row that was rejected, a URL, a file
 * name). Only the first says what went wrong. `ValueError: invalid literal for int() with base 10:
 * 'Connection reset by peer'` is a data error about a cell that happens to contain those words, and
 * `INVALID_FUNCTION_ARGUMENT: Invalid format: "Rate exceeded"` is a bad value, not throttling. So,
 * for each line:
 *
 * 1. control characters and terminal escape sequences go (they are never part of an error);
 * 2. DATA IS MASKED: the contents of quoted strings ('…', "…", `…`, with Python's b/r/u/f prefixes),
 *    and data samples after `value:`, `row:`, `record:`, `sample:`, `input string:`, `payload:`,
 *    `…, got …` and the like, become "…". One exception keeps the error's own message: when the
 *    whole message of a typed error is a literal (Python 2's `AnalysisException: u'Path does not
 *    exist: …'`, a multi-argument exception's `('Connection aborted.', …)`), that literal IS the
 *    message and is read (with its own quotes masked), except for types whose message is by
 *    definition the data (KeyError's message is the missing key);
 * 3. the error's own TYPES are read from what is left: exception class names (`ValueError`,
 *    `java.net.SocketTimeoutException`, `Caused by: …`), AWS error codes (`An error occurred
 *    (ThrottlingException) when calling …`, `Error Code: SlowDown`, `api error ThrottlingException:`,
 *    `ExceptionName: InvalidRequestException`) and Athena/Trino codes (`INVALID_CAST_ARGUMENT:`).
 *
 * Structure is kept: parentheses, `s3://…` paths, `Path does not exist`, `line 1:8:`, `Table '…'
 * not found`. A type written inside quotes is data and is not read as a type.
 */

/** One line as the cause patterns see it. */
export interface FailureLine {
  /** The line with control characters and escape sequences removed, trimmed. */
  text: string;
  /** `text` with quoted data and data samples replaced by "…": what the cause patterns read. */
  masked: string;
  /**
   * Every error type and code the line's structure names, as simple names, in order of
   * appearance, without repeats: `["ClientError", "ThrottlingException"]`.
   */
  types: string[];
  /**
   * True for a line of program source quoted in a stack trace (`raise TimeoutError(…)`, `except
   * KeyError:`, `at org.apache…(File.java:12)`): it names the code that ran, not what happened.
   */
  source: boolean;
  /**
   * The line's own error: the AWS error code when there is one, else the innermost `Type:` of a
   * chain ("… : java.net.SocketTimeoutException: Read timed out"), else an Athena code, else null.
   */
  error_type: string | null;
}

/** Longer lines are read up to here; a literal still open at the cut is data to the end. */
export const MAX_LINE_CHARS = 8_192;
/** How deep a message literal is unwrapped inside another (`u'…'` inside `('…', …)`). */
const MAX_UNWRAP_DEPTH = 2;
const MASK = "…";

// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\w$]/.test(char);
const QUOTES = new Set(["'", '"', "`"]);

/**
 * Types whose message IS the data: a KeyError's message is the key that was missing, so it stays
 * masked even when it is the whole message.
 */
const DATA_MESSAGE_TYPES = new Set(["KeyError"]);

/** A simple name that reads as an exception class (as opposed to a word, a module or a host). */
const EXCEPTION_NAME = /^[A-Z][\w$]*(?:Error|Exception|Exit|Interrupt|Timeout|Terminated|Failure|Warning)$/;
/** Athena/Trino/Hive error codes: `INVALID_CAST_ARGUMENT`, `HIVE_BAD_DATA` (at least one underscore). */
const ERROR_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Removes what is never part of an error's text: terminal escapes, control and bidi characters. */
export function stripControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(CONTROL_CHARS, " ");
}

/** The index of the quote closing the literal opened at `open`, or -1 when it never closes. */
function closingQuote(line: string, open: number, quote: string): number {
  for (let index = open + 1; index < line.length; index += 1) {
    const char = line[index];
    if (char === "\\") {
      index += 1;
      continue;
    }
    // An apostrophe inside a word ('it's fine') does not close a single-quoted literal.
    if (char === quote && !(quote === "'" && isWordChar(line[index + 1]))) return index;
  }
  return -1;
}

/** Where a quote opens a literal: after a non-word character, or after a b/r/u/f string prefix. */
function opensLiteral(line: string, index: number): boolean {
  const before = line.slice(Math.max(0, index - 3), index);
  if (!isWordChar(before.at(-1))) return true;
  const prefix = /(?:^|[^\w$])[bBrRuUfF]{1,2}$/.exec(before);
  return prefix !== null || (index <= 2 && /^[bBrRuUfF]{1,2}$/.test(before));
}

/** Names the classifier knows: recognised as types wherever they stand outside quotes. */
export type KnownTypes = ReadonlySet<string>;
const NONE: KnownTypes = new Set();

/** Turns a dotted name into its simple name: `botocore.exceptions.ClientError` → `ClientError`. */
const simpleName = (dotted: string): string => dotted.split(/[.$]/).filter(Boolean).at(-1) ?? dotted;

/**
 * The simple name of the typed error whose message starts where `before` ends (`…Error: ` or
 * `…Exception: u`), or null. Only the tail is read: an identifier is never that long, and reading
 * the whole prefix for every quote would be quadratic on a long line.
 */
function messageOwner(before: string, known: KnownTypes): string | null {
  const match = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*):\s*[bBrRuUfF]{0,2}$/.exec(before.slice(-200));
  if (!match) return null;
  const simple = simpleName(match[1] ?? "");
  return EXCEPTION_NAME.test(simple) || known.has(simple) ? simple : null;
}

/** After the literal closing at `close`, only punctuation until the end of the line. */
const endsTheLine = (line: string, close: number): boolean => /^[\s;.,)]*$/.test(line.slice(close + 1));

/**
 * Masks quoted literals. A literal that is the whole message of a typed error (or one element of
 * a multi-argument exception's tuple) is the message itself and is read, with its own quotes masked.
 */
function maskLiterals(line: string, known: KnownTypes, depth: number): string {
  let out = "";
  let parens = 0;
  /** The paren depth of the `Type: (…)` message tuple we are in, or -1. */
  let messageTuple = -1;
  const ownsMessage = (owner: string | null): boolean => owner !== null && !DATA_MESSAGE_TYPES.has(owner);
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (char === "(" || char === ")") {
      if (char === "(" && messageTuple === -1 && ownsMessage(messageOwner(out, known))) messageTuple = parens + 1;
      if (char === ")" && parens === messageTuple) messageTuple = -1;
      parens = char === "(" ? parens + 1 : Math.max(0, parens - 1);
      out += char;
      continue;
    }
    if (!QUOTES.has(char) || !opensLiteral(line, index)) {
      out += char;
      continue;
    }
    const close = closingQuote(line, index, char);
    const inner = line.slice(index + 1, close === -1 ? line.length : close);
    const wholeMessage =
      depth < MAX_UNWRAP_DEPTH &&
      ((ownsMessage(messageOwner(out, known)) && (close === -1 || endsTheLine(line, close))) ||
        (messageTuple !== -1 && parens === messageTuple));
    out += char + (wholeMessage ? maskLiterals(inner, known, depth + 1) : MASK);
    if (close === -1) return out;
    out += char;
    index = close;
  }
  return out;
}

/**
 * Data samples after a word that introduces one: `value: …`, `row: …`, `record: …`, `sample: …`,
 * `input string: …`, `…, got …`. After a colon the sample runs to the end of the line (it may hold
 * anything, so nothing after it is read); after `=` it is one token (a key=value pair), so the rest
 * of a structured log line is still read. Generic words ("data", "content") are not on the list:
 * "Failed to read data: Connection reset" is the error's own message.
 */
const SAMPLE_TO_END =
  /\b(?:input string|input_value|values?|literal|rows?|records?|samples?|payload)\s*:.*$|(?:,|\bbut)\s+got\b.*$|\bgot\s*:.*$/gi;
const SAMPLE_TOKEN = /\b(input_value|values?|literal|rows?|records?|samples?|payload)\s*=\s*(?!['"`]…)[^\s,;)\]}]+/gi;

function maskSamples(text: string): string {
  return text
    .replace(SAMPLE_TOKEN, (_match, word: string) => `${word}=${MASK}`)
    .replace(SAMPLE_TO_END, (match) => `${/^.*?(?::|got)/i.exec(match)?.[0] ?? ""} ${MASK}`);
}

/** AWS error codes, in the SDKs' own formats. */
const AWS_CODE_FORMATS = [
  /An error occurred \(([A-Za-z][\w.]*)\) when calling/, // botocore
  /\bError Code: ([A-Za-z][\w.]*)/, // SDK for Java v1: (Service: …; Status Code: …; Error Code: X; …)
  /\bapi error ([A-Za-z]\w*):/, // SDK for Go v2
  /\bExceptionName: ([A-Za-z]\w*)/, // Athena JDBC/ODBC drivers
];

/**
 * Names every error type a line's structure shows: known names wherever they stand outside quotes
 * (a botocore code in parentheses, `ConnectionResetError(104, …)`, a trailing `: ReadTimeoutError`),
 * other names when they read as an exception class or an error code followed by a colon.
 */
function readTypes(masked: string, known: KnownTypes): { types: string[]; error_type: string | null } {
  const types: string[] = [];
  const add = (name: string) => {
    if (!types.includes(name)) types.push(name);
  };
  const awsCode = AWS_CODE_FORMATS.map((format) => format.exec(masked)?.[1])
    .filter((code): code is string => code !== undefined && code !== "null")
    .map(simpleName)[0];
  let innermost: string | null = null;
  let lastException: string | null = null;
  let errorCode: string | null = null;
  for (const match of masked.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(\s*:)?/g)) {
    const name = simpleName(match[1] ?? "");
    const colon = match[2] !== undefined;
    const exception = EXCEPTION_NAME.test(name);
    if (known.has(name) || (exception && colon) || (ERROR_CODE.test(name) && colon)) add(name);
    if (exception) lastException = name;
    if (exception && colon) innermost = name;
    if (ERROR_CODE.test(name) && colon) errorCode ??= name;
  }
  if (awsCode !== undefined) add(awsCode);
  return { types, error_type: awsCode ?? innermost ?? errorCode ?? lastException };
}

/** A stack trace's quote of program source: a Python raise/except statement, a Java frame. */
const SOURCE_LINE = /^(?:raise|except)\b|^at [\w$.<>]+\(/;

/** Reads one line (see the module comment). Lines longer than MAX_LINE_CHARS are read up to there. */
export function readFailureLine(line: string, known: KnownTypes = NONE): FailureLine {
  const text = stripControls(line).trim().slice(0, MAX_LINE_CHARS);
  const masked = maskSamples(maskLiterals(text, known, 0));
  return { text, masked, source: SOURCE_LINE.test(text), ...readTypes(masked, known) };
}

/** Reads every non-empty line of a text (a stack trace, several log lines joined). */
export function readFailureText(text: string, known: KnownTypes = NONE): FailureLine[] {
  return text
    .split(/\r?\n|\r/)
    .map((line) => readFailureLine(line, known))
    .filter((line) => line.text !== "");
}
