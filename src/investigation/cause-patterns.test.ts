import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { classifyFailureText, classifyFailureTexts, knownFailureTypes } from "./cause-patterns.js";

const Kind = z.enum(["transient", "non_transient", "undetermined"]);
const Expectation = z.strictObject({ text: z.string().min(1), expected_kind: Kind, expected_label: z.string() });
/** Real failure texts with their public source, labelled from that source before the classifier ran on them. */
const RealTexts = z.strictObject({
  description: z.string(),
  cases: z.array(
    Expectation.extend({
      id: z.string(),
      source_url: z.url(),
      note: z.string().optional(),
      hostile_variant: Expectation.optional(),
    }),
  ),
});
const real = RealTexts.parse(
  JSON.parse(readFileSync(new URL("./real-failure-texts.fixture.json", import.meta.url), "utf8")),
).cases;

const cases: [string, "transient" | "non_transient", string][] = [
  // timeouts
  ["Query timeout", "transient", "timeout"],
  ["Job run timed out after 60 minutes", "transient", "timeout"],
  ["Task exceeded timeout of 2880 minutes", "transient", "timeout"],
  ["Glue job run state: TIMEOUT", "transient", "timeout"],
  ["Read timed out. (read timeout=60)", "transient", "timeout"],
  // throttling
  [
    "An error occurred (ThrottlingException) when calling the StartJobRun operation: Rate exceeded",
    "transient",
    "throttling",
  ],
  ["Rate exceeded", "transient", "throttling"],
  [
    "com.amazonaws.services.s3.model.AmazonS3Exception: Please reduce your request rate. (Service: Amazon S3; Status Code: 503; Error Code: SlowDown)",
    "transient",
    "throttling",
  ],
  ["HTTP 429 TooManyRequests from the catalog", "transient", "throttling"],
  // capacity
  ["ConcurrentRunsExceededException: Concurrent runs exceeded for cust_dim_load", "transient", "capacity"],
  ["ResourceNumberLimitExceededException: Failed to meet resource limits", "transient", "capacity"],
  ["Insufficient capacity to provision workers of type G.2X", "transient", "capacity"],
  ["Instance group ig-1 failed: InsufficientInstanceCapacity for r5.4xlarge", "transient", "capacity"],
  ["Query exhausted resources at this scale factor", "transient", "capacity"],
  [
    "Parquet column cannot be converted in file s3://b/p/part-0.parquet. Column: [net_amount], Expected: decimal(18,2), Found: DOUBLE",
    "non_transient",
    "schema mismatch",
  ],
  [
    "org.apache.spark.sql.execution.datasources.SchemaColumnConvertNotSupportedException",
    "non_transient",
    "schema mismatch",
  ],
  [
    "ExecutorLostFailure (executor 12 exited unrelated to the running tasks) Reason: Container released on a *lost* node.",
    "transient",
    "lost node",
  ],
  ["Node ip-10-0-1-23 decommissioned after an EC2 Spot Instance interruption notice", "transient", "lost node"],
  ["org.apache.spark.shuffle.FetchFailedException: Failed to connect to ip-10-0-3-4:7337", "transient", "lost node"],
  // memory
  ["java.lang.OutOfMemoryError: Java heap space", "transient", "memory"],
  [
    "Container killed by YARN for exceeding memory limits. 12.4 GB of 12 GB physical memory used",
    "transient",
    "memory",
  ],
  [
    "Container killed by YARN for exceeding physical memory limits. 13.9 GB of 13.5 GB physical memory used.",
    "transient",
    "memory",
  ],
  ["OSError: [Errno 28] No space left on device", "transient", "memory"],
  [
    "ExecutorLostFailure (executor 7 exited caused by one of the running tasks) Reason: Executor heartbeat timed out after 125000 ms",
    "transient",
    "memory",
  ],
  // network
  ["java.net.SocketException: Connection reset", "transient", "network error"],
  ["upstream returned 503 Service Unavailable", "transient", "network error"],
  ["BrokenPipeError: [Errno 32] Broken pipe", "transient", "network error"],
  // airflow kills
  ["Detected zombie job: {'DAG Id': 'customer_daily'} ... detected as zombie", "transient", "task killed"],
  ["Received SIGTERM. Terminating subprocesses.", "transient", "task killed"],
  ["airflow.exceptions.AirflowException: Task received SIGTERM signal", "transient", "task killed"],
  // access
  [
    "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
    "non_transient",
    "access denied",
  ],
  [
    "User: arn:aws:sts::123456789012:assumed-role/glue/x is not authorized to perform: glue:GetTable",
    "non_transient",
    "access denied",
  ],
  ["AccessDeniedException: Insufficient Lake Formation permission(s) on sales", "non_transient", "access denied"],
  ["HTTP 403 Forbidden", "non_transient", "access denied"],
  // syntax
  ["SYNTAX_ERROR: line 1:8: Column 'custid' cannot be resolved", "non_transient", "syntax error"],
  ["line 1:15: mismatched input 'FORM'. Expecting: 'FROM'", "non_transient", "syntax error"],
  ["SyntaxError: invalid syntax (etl.py, line 42)", "non_transient", "syntax error"],
  ["pyspark.sql.utils.AnalysisException: cannot resolve 'amount' given input columns", "non_transient", "syntax error"],
  ["Script compilation failed", "non_transient", "syntax error"],
  ["Unrecognized option: --enable-foo", "non_transient", "syntax error"],
  // schema
  [
    "HIVE_PARTITION_SCHEMA_MISMATCH: There is a mismatch between the table and partition schemas",
    "non_transient",
    "schema mismatch",
  ],
  ["HIVE_BAD_DATA: Error parsing field value '2024-13-01' for field 3", "non_transient", "schema mismatch"],
  ["Parquet column has incompatible types: int64 vs string", "non_transient", "schema mismatch"],
  ["Column customer_tier not found in schema", "non_transient", "schema mismatch"],
  ["Found schema mismatch in source", "non_transient", "schema mismatch"],
  // configuration
  ["Invalid configuration: spark.executor.memory must be set", "non_transient", "invalid configuration"],
  ["InvalidInputException: Job name cust_dim_load2 not found", "non_transient", "invalid configuration"],
  ["ValidationException: 1 validation error detected", "non_transient", "invalid configuration"],
  ["Missing required argument: --target_date", "non_transient", "invalid configuration"],
  ["Unknown parameter in input: 'WorkerCount'", "non_transient", "invalid configuration"],
  // code bugs
  ["NameError: name 'df_customers' is not defined", "non_transient", "code error"],
  ["KeyError: 'customer_id'", "non_transient", "code error"],
  ["TypeError: unsupported operand type(s) for +: 'int' and 'str'", "non_transient", "code error"],
  ["java.lang.NullPointerException at com.acme.Etl.run", "non_transient", "code error"],
  ["ModuleNotFoundError: No module named 'great_expectations'", "non_transient", "code error"],
  ["ImportError: cannot import name 'x' from 'y'", "non_transient", "code error"],
  ["ZeroDivisionError: division by zero", "non_transient", "code error"],
  ["IndexError: list index out of range", "non_transient", "code error"],
  // missing source data
  ["An error occurred (NoSuchKey) when calling the GetObject operation", "non_transient", "missing source data"],
  [
    "org.apache.spark.sql.AnalysisException: Path does not exist: s3://raw/payments/dt=2024-01-15",
    "non_transient",
    "missing source data",
  ],
  ["FileNotFoundError: [Errno 2] No such file or directory: '/tmp/in.csv'", "non_transient", "missing source data"],
  [
    "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.analytics.sales' does not exist",
    "non_transient",
    "missing source data",
  ],
  ["0 files found under input prefix", "non_transient", "missing source data"],
  ["ERROR: input path is empty", "non_transient", "missing source data"],
  ["EntityNotFoundException: Table 'db.t' not found", "non_transient", "missing source data"],
  // bad data
  ["ValueError: invalid literal for int() with base 10: 'N/A'", "non_transient", "bad data"],
  ['INVALID_FUNCTION_ARGUMENT: Invalid format: "n/a"', "non_transient", "bad data"],
  ['java.lang.NumberFormatException: For input string: "abc"', "non_transient", "bad data"],
  // types that phrases never caught
  ["airflow.exceptions.AirflowTaskTimeout: Timeout, PID: 8814", "transient", "timeout"],
  [
    'botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: "https://glue.us-east-1.amazonaws.com/"',
    "transient",
    "timeout",
  ],
  ["EXCEEDED_TIME_LIMIT: Query exceeded the maximum execution time limit", "transient", "timeout"],
  ["airflow.exceptions.AirflowTaskTerminated: Task received SIGTERM signal", "transient", "task killed"],
];

describe("classifyFailureText on real failure texts (real-failure-texts.fixture.json)", () => {
  it("has at least 40 real texts, a hostile variant for each transient one, and every label", () => {
    expect(real.length).toBeGreaterThanOrEqual(40);
    const transient = real.filter((entry) => entry.expected_kind === "transient");
    expect(transient.every((entry) => entry.hostile_variant !== undefined)).toBe(true);
    const labels = new Set(real.map((entry) => entry.expected_label));
    for (const label of ["throttling", "timeout", "memory", "capacity", "task killed", "access denied"]) {
      expect(labels, label).toContain(label);
    }
    for (const label of ["missing source data", "syntax error", "bad data", "code error", "invalid configuration"]) {
      expect(labels, label).toContain(label);
    }
  });

  it.each(real.map((entry) => [entry.id, entry] as const))("%s", (_id, entry) => {
    expect(classifyFailureText(entry.text)).toEqual({ kind: entry.expected_kind, label: entry.expected_label });
  });

  it.each(real.flatMap((entry) => (entry.hostile_variant ? [[entry.id, entry.hostile_variant] as const] : [])))(
    "%s inside quoted data of a non-transient error",
    (_id, hostile) => {
      expect(classifyFailureText(hostile.text)).toEqual({ kind: hostile.expected_kind, label: hostile.expected_label });
    },
  );
});

describe("quoted data is not a cause (issue 9, finding 3)", () => {
  it.each(["Connection reset by peer", "timed out", "Rate exceeded", "zombie", "ThrottlingException", "SIGTERM"])(
    "ValueError: invalid literal … '%s' is bad data, not a transient cause",
    (words) => {
      expect(classifyFailureText(`ValueError: invalid literal for int() with base 10: '${words}'`)).toEqual({
        kind: "non_transient",
        label: "bad data",
      });
    },
  );

  it("reads Athena's INVALID_FUNCTION_ARGUMENT with a quoted value as bad data", () => {
    expect(classifyFailureText('INVALID_FUNCTION_ARGUMENT: Invalid format: "Rate exceeded"')).toEqual({
      kind: "non_transient",
      label: "bad data",
    });
  });

  it("gives no cause to text that is only quoted data or a data sample", () => {
    expect(classifyFailureText("Rejecting record description='This job merely timed out'").kind).toBe("undetermined");
    expect(classifyFailureText("Bad row: 7,Connection reset by peer,2024-01-01").kind).toBe("undetermined");
    expect(classifyFailureText('{"tool": "get_glue_logs", "state": "TIMEOUT", "error": "Rate exceeded"}').kind).toBe(
      "undetermined",
    );
  });

  it("still reads causes that are the error's own words", () => {
    expect(
      classifyFailureText("pyspark.sql.utils.AnalysisException: u'Path does not exist: s3://raw/x/dt=2024-01-01;'"),
    ).toEqual({
      kind: "non_transient",
      label: "missing source data",
    });
    expect(
      classifyFailureText(
        "requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
      ),
    ).toEqual({ kind: "transient", label: "network error" });
    expect(classifyFailureText("COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved").kind).toBe("non_transient");
  });

  it("lets a known type decide over the phrases of the other kind", () => {
    // A transient phrase in the message of a non-transient type.
    expect(classifyFailureText("TypeError: timed out must be an int, not str")).toEqual({
      kind: "non_transient",
      label: "code error",
    });
    // A non-transient phrase in the message of a transient type.
    expect(classifyFailureText("java.net.SocketTimeoutException: Read timed out (Unrecognized response)")).toEqual({
      kind: "transient",
      label: "timeout",
    });
    // Both kinds of type on one line: non-transient wins.
    expect(classifyFailureText("ThrottlingException while handling KeyError: 'x'").kind).toBe("non_transient");
  });

  it("ignores the program source a stack trace quotes", () => {
    expect(classifyFailureText("    raise ValueError(f'bad {x}')")).toEqual({
      kind: "undetermined",
      label: "unrecognised",
    });
    expect(
      classifyFailureText(
        "    raise AirflowTaskTimeout(self.error_message)\nairflow.exceptions.AirflowTaskTimeout: Timeout",
      ).label,
    ).toBe("timeout");
  });

  it("is not moved by escape sequences or invisible characters", () => {
    expect(classifyFailureText("\u001b[31mKeyError\u001b[0m: 'Rate exceeded'")).toEqual({
      kind: "non_transient",
      label: "code error",
    });
    expect(classifyFailureText("Rate\u200b exceeded").kind).toBe("undetermined");
  });

  it("classifies any text quoted inside a non-transient error as that error (property)", () => {
    const transientTexts = real.filter((entry) => entry.expected_kind === "transient").map((entry) => entry.text);
    const wrappers: ((quoted: string) => string)[] = [
      (quoted) => `ValueError: invalid literal for int() with base 10: ${quoted}`,
      (quoted) => `KeyError: ${quoted}`,
      (quoted) => `INVALID_CAST_ARGUMENT: Cannot cast ${quoted} to BIGINT`,
    ];
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...transientTexts), fc.string({ maxLength: 80 })),
        fc.integer({ min: 0, max: wrappers.length - 1 }),
        fc.constantFrom("'", '"'),
        (inside, which, quote) => {
          const escaped = inside
            .replace(/\\/g, "\\\\")
            .replaceAll(quote, `\\${quote}`)
            .replace(/[\r\n]/g, " ");
          const text = (wrappers[which] as (quoted: string) => string)(`${quote}${escaped}${quote}`);
          expect(classifyFailureText(text).kind).toBe("non_transient");
        },
      ),
      { seed: 3, numRuns: 1_000 },
    );
  });

  it("knows each type under one kind only", () => {
    const { transient, non_transient } = knownFailureTypes();
    expect([...transient].filter((type) => non_transient.has(type))).toEqual([]);
  });
});

describe("classifyFailureText", () => {
  it.each(cases)("%s → %s (%s)", (text, kind, label) => {
    expect(classifyFailureText(text)).toEqual({ kind, label });
  });

  it("lets non-transient win when both kinds match", () => {
    expect(classifyFailureText("ThrottlingException: Rate exceeded; then AccessDenied on retry")).toEqual({
      kind: "non_transient",
      label: "access denied",
    });
    expect(classifyFailureText("Query timeout while reading: NoSuchKey")).toEqual({
      kind: "non_transient",
      label: "missing source data",
    });
  });

  it("calls a heartbeat timeout memory, not a plain timeout", () => {
    expect(classifyFailureText("Executor heartbeat timed out").label).toBe("memory");
  });

  it("is undetermined for unknown, empty and missing text", () => {
    expect(classifyFailureText("Something odd happened")).toEqual({ kind: "undetermined", label: "unrecognised" });
    expect(classifyFailureText("")).toEqual({ kind: "undetermined", label: "unrecognised" });
    expect(classifyFailureText(null)).toEqual({ kind: "undetermined", label: "unrecognised" });
    expect(classifyFailureText(undefined).kind).toBe("undetermined");
  });

  it("does not read exception names out of ordinary words", () => {
    expect(classifyFailureText("the keyerror rate is low").kind).toBe("undetermined");
    expect(classifyFailureText("monkeyError handler").kind).toBe("undetermined");
  });

  it("classifies several texts together", () => {
    expect(classifyFailureTexts([null, "Connection reset by peer", "KeyError: 'x'"]).kind).toBe("non_transient");
    expect(classifyFailureTexts([undefined, "Connection reset by peer"]).label).toBe("network error");
  });

  it("lets non-transient win across the lines of one text, whatever their order", () => {
    const log = "java.net.SocketTimeoutException: Read timed out\nKeyError: 'rates'\nRate exceeded";
    expect(classifyFailureText(log)).toEqual({ kind: "non_transient", label: "code error" });
    expect(classifyFailureText(log.split("\n").reverse().join("\n"))).toEqual({
      kind: "non_transient",
      label: "code error",
    });
  });

  it("picks, among lines of the same kind, the label ranked first in its table", () => {
    expect(classifyFailureText("KeyError: 'x'\nAccessDenied: no")).toEqual({
      kind: "non_transient",
      label: "access denied",
    });
    expect(classifyFailureText("Read timed out\njava.lang.OutOfMemoryError: Java heap space").label).toBe("memory");
  });
});
