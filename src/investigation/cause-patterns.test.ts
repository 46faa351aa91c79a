import { describe, expect, it } from "vitest";
import { classifyFailureText, classifyFailureTexts } from "./cause-patterns.js";

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
];

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
});
