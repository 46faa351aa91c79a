import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LINE_CHARS, readFailureLine, readFailureText, stripControls } from "./failure-text.js";

const KNOWN = new Set(["ThrottlingException", "ConnectionResetError", "ReadTimeoutError", "AccessDenied"]);
const read = (line: string) => readFailureLine(line, KNOWN);

describe("readFailureLine: masking data", () => {
  it.each([
    [
      "ValueError: invalid literal for int() with base 10: 'Connection reset by peer'",
      "ValueError: invalid literal for int() with base 10: '…'",
    ],
    ['INVALID_FUNCTION_ARGUMENT: Invalid format: "Rate exceeded"', 'INVALID_FUNCTION_ARGUMENT: Invalid format: "…"'],
    ["A column with name `timed_out` cannot be resolved", "A column with name `…` cannot be resolved"],
    [
      "ValueError: invalid literal for int() with base 10: b'zombie'",
      "ValueError: invalid literal for int() with base 10: b'…'",
    ],
    ["KeyError: 'it''s timed out'", "KeyError: '…''…'"],
    ['ERROR - payload {"state": "TIMEOUT", "msg": "Rate exceeded"}', 'ERROR - payload {"…": "…", "…": "…"}'],
    [
      String.raw`ValueError: could not convert string to float: 'say \'Rate exceeded\' now'`,
      "ValueError: could not convert string to float: '…'",
    ],
  ])("masks quoted literals: %s", (line, masked) => {
    expect(read(line).masked).toBe(masked);
  });

  it.each([
    ["Bad row: 1,Connection reset by peer,2024-01-01", "Bad row: …"],
    ["Rejecting record: sku=1 status=timed out", "Rejecting record: …"],
    ["Sample: Rate exceeded for table x", "Sample: …"],
    [
      "java.lang.NumberFormatException: For input string: Rate exceeded",
      "java.lang.NumberFormatException: For input string: …",
    ],
    ["TypeError: expected str, got Connection reset", "TypeError: expected str, got …"],
    [
      "WARN skip value=timed_out then OutOfMemoryError: Java heap space",
      "WARN skip value=… then OutOfMemoryError: Java heap space",
    ],
  ])("masks data samples after the words that introduce them: %s", (line, masked) => {
    expect(read(line).masked).toBe(masked);
  });

  it("leaves apostrophes inside words alone", () => {
    const line =
      "Executor reports task instance finished (failed) although the task says it's running. Was the task killed externally?";
    expect(read(line).masked).toBe(line);
  });

  it("treats a literal that never closes (a cut line) as data to the end", () => {
    expect(read("ValueError: invalid literal for int() with base 10: 'Rate exceeded and mo").masked).toBe(
      "ValueError: invalid literal for int() with base 10: '…",
    );
  });
});

describe("readFailureLine: keeping the error's own structure", () => {
  it.each([
    "org.apache.spark.sql.AnalysisException: Path does not exist: s3://raw/payments/dt=2024-01-15",
    "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the StartJobRun operation: Rate exceeded",
    "ExecutorLostFailure (executor 9 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding physical memory limits.",
    "Caused by: java.net.SocketTimeoutException: Read timed out",
  ])("keeps unquoted structure: %s", (line) => {
    expect(read(line).masked).toBe(line);
  });

  it("masks the names in `Table '…' not found` but keeps the sentence", () => {
    expect(read("EntityNotFoundException: Table 'db.t' not found").masked).toBe(
      "EntityNotFoundException: Table '…' not found",
    );
    expect(read("COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved").masked).toBe(
      "COLUMN_NOT_FOUND: line 1:8: Column '…' cannot be resolved",
    );
  });

  it("reads a literal that is a typed error's whole message as the message (Python 2 PySpark, exception tuples)", () => {
    expect(read("pyspark.sql.utils.AnalysisException: u'Path does not exist: s3://raw/x;'").masked).toBe(
      "pyspark.sql.utils.AnalysisException: u'Path does not exist: s3://raw/x;'",
    );
    expect(read("AnalysisException: 'Path does not exist: file:/data/x.parquet;'").masked).toContain(
      "Path does not exist",
    );
    expect(
      read(
        "requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
      ).masked,
    ).toBe("requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, '…'))");
  });

  it("keeps a KeyError's whole-message literal masked: its message is the missing key", () => {
    expect(read("KeyError: 'Rate exceeded'").masked).toBe("KeyError: '…'");
  });

  it("masks literals inside an unwrapped message", () => {
    expect(read(`AnalysisException: u"cannot resolve 'Rate exceeded' given input columns"`).masked).toBe(
      `AnalysisException: u"cannot resolve '…' given input columns"`,
    );
  });

  it("does not treat a literal after an ordinary word as a message", () => {
    expect(read("Detected zombie job: {'msg': 'Rate exceeded'}").masked).toBe("Detected zombie job: {'…': '…'}");
    expect(read("Processing: 'Rate exceeded'").masked).toBe("Processing: '…'");
  });
});

describe("readFailureLine: the error's types", () => {
  it.each([
    ["ValueError: invalid literal for int() with base 10: 'x'", ["ValueError"], "ValueError"],
    [
      "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the GetTable operation: Rate exceeded",
      ["ClientError", "ThrottlingException"],
      "ThrottlingException",
    ],
    ["org.apache.spark.sql.AnalysisException: cannot resolve 'x'", ["AnalysisException"], "AnalysisException"],
    [
      "Caused by: java.net.SocketTimeoutException: Read timed out",
      ["SocketTimeoutException"],
      "SocketTimeoutException",
    ],
    ["COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved", ["COLUMN_NOT_FOUND"], "COLUMN_NOT_FOUND"],
    ["airflow.exceptions.AirflowTaskTimeout: Timeout, PID: 1234", ["AirflowTaskTimeout"], "AirflowTaskTimeout"],
    [
      "[2024-01-01, 00:00:00 UTC] {taskinstance.py:1234} ERROR - Task failed with exception KeyError: 'rates'",
      ["KeyError"],
      "KeyError",
    ],
    [
      "Rate exceeded (Service: AWSGlue; Status Code: 400; Error Code: ThrottlingException; Request ID: 1)",
      ["ThrottlingException"],
      "ThrottlingException",
    ],
    ["api error ThrottlingException: Rate exceeded", ["ThrottlingException"], "ThrottlingException"],
    ['Read timeout on endpoint URL: "https://x/": ReadTimeoutError', ["ReadTimeoutError"], "ReadTimeoutError"],
    [
      "Lost task 611.0 in stage 9.0 (TID 5102) (172.34.61.9 executor 14): java.net.SocketTimeoutException: Read timed out",
      ["SocketTimeoutException"],
      "SocketTimeoutException",
    ],
  ])("%s", (line, types, errorType) => {
    const read_ = read(line);
    expect(read_.types).toEqual(types);
    expect(read_.error_type).toBe(errorType);
  });

  it("does not read a type written inside quotes", () => {
    expect(read("ValueError: invalid literal for int() with base 10: 'ThrottlingException'").types).toEqual([
      "ValueError",
    ]);
    expect(read("KeyError: 'ConnectionResetError'").types).toEqual(["KeyError"]);
    expect(read('INVALID_FUNCTION_ARGUMENT: Invalid format: "SocketTimeoutException: x"').types).toEqual([
      "INVALID_FUNCTION_ARGUMENT",
    ]);
  });

  it("does not read log levels, file names or hosts as types", () => {
    const line =
      "[2024-01-01, 00:00:00 UTC] {scheduler_job_runner.py:1817} ERROR - Detected zombie job on ip-10-0-0-1.ec2.internal";
    expect(read(line).types).toEqual([]);
    expect(read(line).error_type).toBeNull();
  });

  it("marks the program source a stack trace quotes", () => {
    expect(read("    raise AirflowSensorTimeout(message)").source).toBe(true);
    expect(read("except ConnectionResetError:").source).toBe(true);
    expect(read("\tat org.apache.spark.sql.Dataset.collect(Dataset.scala:2712)").source).toBe(true);
    expect(read("airflow.exceptions.AirflowSensorTimeout: Sensor has timed out").source).toBe(false);
  });
});

describe("readFailureLine: hostile input", () => {
  it("drops terminal escape sequences and control characters before reading", () => {
    expect(stripControls("\u001b[31mKeyError\u001b[0m: 'x'\u0007")).toBe("KeyError: 'x' ");
    expect(read("\u001b]0;fake title\u0007KeyError: 'x'").types).toEqual(["KeyError"]);
    expect(read("Key\u200bError: 'x'").types).toEqual([]);
  });

  it("reads a very long line up to MAX_LINE_CHARS, in linear time", () => {
    const long = `ValueError: invalid literal for int() with base 10: '${"Rate exceeded ".repeat(50_000)}'`;
    const started = performance.now();
    const result = read(long);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.text.length).toBe(MAX_LINE_CHARS);
    expect(result.masked).toBe("ValueError: invalid literal for int() with base 10: '…");
    const quotes = `KeyError: ${"'a' ".repeat(20_000)}`;
    expect(read(quotes).types).toEqual(["KeyError"]);
  });

  it("never lets text inside a quoted literal reach the masked text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }).filter((text) => !/['\\]/.test(text) && text.trim() !== ""),
        fc.constantFrom("ValueError: invalid literal for int() with base 10: ", "Rejecting ", "ERROR - got {'k': "),
        (inside, head) => {
          const masked = read(`${head}'${inside}'`).masked;
          expect(masked.endsWith(`'${inside}'`) && inside !== "…").toBe(false);
        },
      ),
      { seed: 9, numRuns: 500 },
    );
  });
});

describe("readFailureText", () => {
  it("reads each non-empty line", () => {
    const lines = readFailureText(
      "Traceback (most recent call last):\n\n  File \"x.py\", line 1, in <module>\r\nKeyError: 'x'",
    );
    expect(lines.map((line) => line.masked)).toEqual([
      "Traceback (most recent call last):",
      'File "…", line 1, in <module>',
      "KeyError: '…'",
    ]);
  });
});
