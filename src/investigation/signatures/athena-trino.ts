/**
 * Amazon Athena and Trino error signatures: the engine's error codes and messages as queries report
 * them (StateChangeReason, pyathena, JDBC, the Trino clients), each with the public page it comes
 * from. Data only (see ./schema.ts for the shape).
 *
 * An error code is given as a type only where the code alone names the cause (HIVE_METASTORE_ERROR,
 * COLUMN_NOT_FOUND …). Codes that cover several causes — HIVE_CANNOT_OPEN_SPLIT, HIVE_CURSOR_ERROR,
 * HIVE_FILESYSTEM_ERROR, GENERIC_INTERNAL_ERROR, SYNTAX_ERROR — are not: a type wins over every
 * pattern, so those entries match on code and message together, most specific first. Shared AWS
 * codes (TooManyRequestsException, AccessDenied) are left to phrases for the same reason, and S3's
 * own throttling and denials to ./s3.ts.
 */
import type { SignatureInput } from "./schema.js";

export const ATHENA_TRINO_SIGNATURES = [
  // ---- Schema and table definitions ---------------------------------------------------------
  {
    id: "athena.partition-schema-mismatch",
    service: "athena",
    label: "schema mismatch",
    nature: "permanent",
    types: ["HIVE_PARTITION_SCHEMA_MISMATCH"],
    remediation: "none",
    summary:
      "A partition declares a column with a type incompatible with the table's (the table schema changed, the partition's did not): every query over that partition fails until the schemas agree.",
    example:
      "HIVE_PARTITION_SCHEMA_MISMATCH: There is a mismatch between the table and partition schemas. The types are incompatible and cannot be coerced. The column 'upgrade_costs.upgrade_cost_usd' in table 'buildstock_testing.res_n250_hrly_v3_upgrades' is declared as type 'double', but partition 'upgrade=4' declared column 'upgrade_costs.upgrade_cost_usd' as type 'int' ...",
    source: "https://github.com/NatLabRockies/buildstockbatch/issues/269",
  },
  {
    id: "athena.hive-bad-data",
    service: "athena",
    label: "schema mismatch",
    nature: "permanent",
    types: ["HIVE_BAD_DATA"],
    remediation: "none",
    summary:
      "A value in the data does not fit the column type the table declares (or one column holds mixed types): the same files fail the same way until the table or the data changes.",
    example:
      "HIVE_BAD_DATA: Error parsing field value for field 0: java.lang.String cannot be cast to org.openx.data.jsonserde.json.JSONObject",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.column-not-found",
    service: "athena",
    label: "schema mismatch",
    nature: "permanent",
    types: ["COLUMN_NOT_FOUND"],
    remediation: "none",
    summary:
      "The query names a column the table does not have, or one Lake Formation hides from the caller: the query fails the same way until it or the table changes.",
    example:
      "COLUMN_NOT_FOUND: line 1:68: Column 'line_item_resource_id' cannot be resolved or requester is not authorized to access requested resources",
    source: "https://github.com/opencost/opencost/issues/3076",
  },
  {
    id: "athena.table-not-found",
    service: "athena",
    label: "missing source data",
    nature: "permanent",
    types: ["TABLE_NOT_FOUND"],
    remediation: "none",
    summary:
      "The query names a table the catalog does not have (not created yet, dropped, wrong database): nothing to read until it exists.",
    example: "TABLE_NOT_FOUND: line 1:91: Table 'awsdatacatalog.warcannon_commoncrawl.ccindex' does not exist",
    source: "https://github.com/c6fc/warcannon/issues/20",
  },
  {
    id: "athena.metastore-error",
    service: "athena",
    label: "invalid configuration",
    nature: "permanent",
    types: ["HIVE_METASTORE_ERROR"],
    remediation: "none",
    summary:
      "The table's definition in the Glue Data Catalog is incomplete or invalid (no SerDe, no storage descriptor, a bad column name): every query fails until the definition is fixed.",
    example:
      "An error has been thrown from the AWS Athena client. HIVE_METASTORE_ERROR: com.facebook.presto.spi.PrestoException: Required Table SerDe information is not populated",
    source: "https://github.com/dacort/metabase-athena-driver/issues/62",
  },
  {
    id: "athena.unable-to-create-input-format",
    service: "athena",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Unable to create input format",
    remediation: "none",
    summary:
      "Athena cannot build a reader for the table or a partition (an unclassified crawler table, empty table properties, an unsupported format): a definition problem, not a passing one.",
    example: "HIVE_UNKNOWN_ERROR: Unable to create input format",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.partition-filters-mismatch",
    service: "athena",
    label: "schema mismatch",
    nature: "permanent",
    pattern: "Number of partition values does not match number of filters",
    remediation: "none",
    summary:
      "The partitions in the catalog do not match the table's partition columns (partitions changed on S3 or in the metadata): the query fails until the partitions are repaired.",
    example: "GENERIC_INTERNAL_ERROR: Number of partition values does not match number of filters",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.value-exceeds-type",
    service: "athena",
    label: "bad data",
    nature: "permanent",
    pattern: "Value exceeds MAX_(?:INT|BYTE)",
    remediation: "none",
    summary:
      "A number in the data is larger than the column's declared type allows (INT, TINYINT): the same rows fail until the column is widened.",
    example: "GENERIC_INTERNAL_ERROR: Value exceeds MAX_INT",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.parent-builder-null",
    service: "athena",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "parent builder is null",
    remediation: "none",
    summary:
      "The table declares an array column on OpenCSVSerde, which does not support arrays: a table definition problem.",
    example: "GENERIC_INTERNAL_ERROR: parent builder is null",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },

  // ---- Reading data files ---------------------------------------------------------------------
  {
    // S3 throttling surfaced through the split reader; a code alone would not say it.
    id: "athena.split-slow-down",
    service: "athena",
    label: "throttling",
    nature: "capacity",
    pattern: "HIVE_CANNOT_OPEN_SPLIT:.*Slow Down",
    remediation: "rerun_later",
    summary:
      "S3 throttled Athena's reads of a prefix with many objects (503 Slow Down): the query is fine and succeeds later or with fewer concurrent readers.",
    example: "HIVE_CANNOT_OPEN_SPLIT: Error opening Hive split s3://awsdoc-example-bucket/: Slow Down",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.split-not-parquet",
    service: "athena",
    label: "bad data",
    nature: "permanent",
    pattern: "Not valid Parquet file",
    remediation: "none",
    summary:
      "A file under the table's location is not Parquet (a stray CSV or metadata file, often query output written into the table's own prefix): it fails every read until it is moved.",
    example:
      "OperationalError: HIVE_CANNOT_OPEN_SPLIT: Error opening Hive split s3://XXXX.csv.metadata (offset=0, length=436): Not valid Parquet file: s3://XXX.csv.metadata expected magic number: [80, 65, 82, 49] got: [72, 3, 80, 1]",
    source: "https://github.com/pyathena-dev/PyAthena/issues/208",
  },
  {
    id: "athena.file-size-changed",
    service: "athena",
    label: "file changed during query",
    nature: "transient",
    pattern: "Incorrect fileSize",
    remediation: "rerun",
    summary:
      "A file was replaced in place between planning and execution (a PUT over an existing key): the next run reads the new file consistently.",
    example: "HIVE_FILESYSTEM_ERROR: Incorrect fileSize 1234567 for file",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.filesystem-read-error",
    service: "athena",
    label: "read error",
    nature: "transient",
    pattern: "HIVE_FILESYSTEM_ERROR: Error reading from",
    remediation: "rerun",
    summary:
      "Athena failed reading a file at some position from S3; reports show the same query succeeding when rerun, the file itself being readable.",
    example:
      "HIVE_FILESYSTEM_ERROR: Error reading from s3://XX/YY/ZZZ at position 12345. If a data manifest file was generated at 's3://XXX-***-REGION/QUERY-ID-manifest.csv', you may need to manually clean the data from locations specified in the manifest. Athena will not delete data in your account.",
    source: "https://github.com/trinodb/trino/issues/19225",
  },
  {
    id: "athena.cursor-truncated-file",
    service: "athena",
    label: "bad data",
    nature: "permanent",
    pattern: "Unexpected end of input stream",
    remediation: "none",
    summary:
      "A data file is corrupted or empty (a truncated or badly compressed object): it fails every read until replaced.",
    example: "HIVE_CURSOR_ERROR: Unexpected end of input stream",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.cursor-invalid-json",
    service: "athena",
    label: "bad data",
    nature: "permanent",
    pattern: "Row is not a valid JSON Object",
    remediation: "none",
    summary:
      "A row is not a valid single-line JSON object (pretty-printed JSON, duplicate keys): the JSON SerDe rejects the same rows every time.",
    example: "HIVE_CURSOR_ERROR: Row is not a valid JSON Object - JSONException: Duplicate key",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.cursor-corrupt-parquet",
    service: "athena",
    label: "bad data",
    nature: "permanent",
    pattern: "can not read class parquet\\.format\\.",
    remediation: "none",
    summary: "A Parquet file's metadata is corrupt (written by a faulty writer): every read of it fails the same way.",
    example:
      "HIVE_CURSOR_ERROR: can not read class parquet.format.PageHeader: Required field 'compressed_page_size' was not found in serialized data! Struct: PageHeader(type:null, uncompressed_page_size:3, compressed_page_size:0)",
    source: "https://github.com/ironSource/parquetjs/issues/99",
  },

  // ---- Iceberg tables ------------------------------------------------------------------------
  {
    id: "athena.iceberg-commit-error",
    service: "athena",
    label: "commit conflict",
    nature: "transient",
    types: ["ICEBERG_COMMIT_ERROR"],
    remediation: "rerun",
    summary:
      "Another writer committed to the Iceberg table first (optimistic concurrency): AWS documents retrying with back-off, and the retried commit usually succeeds.",
    example: "ICEBERG_COMMIT_ERROR: Failed to commit Iceberg update to table",
    source: "https://github.com/aws/aws-sdk-pandas/issues/2581",
  },
  {
    id: "athena.iceberg-missing-metadata",
    service: "athena",
    label: "missing source data",
    nature: "permanent",
    types: ["ICEBERG_MISSING_METADATA"],
    remediation: "none",
    summary:
      "The Iceberg table's metadata file is missing at the location the catalog points to: the table cannot be read until the catalog or the metadata is repaired.",
    example:
      "ICEBERG_MISSING_METADATA: Error listing table columns for catalog awsdatacatalog: Metadata not found in metadata location for table oracle_silver.delta_pln_beneficios",
    source: "https://github.com/dbcodeio/public/issues/997",
  },
  {
    id: "athena.iceberg-cursor-error",
    service: "athena",
    label: "bad data",
    nature: "permanent",
    types: ["ICEBERG_CURSOR_ERROR"],
    remediation: "none",
    summary:
      "Athena could not read a data file of the Iceberg table (written incorrectly by the producer): the same file fails every time.",
    example:
      "ICEBERG_CURSOR_ERROR: Failed to read Parquet file: s3://kui-temp/target2/data/00000-0-81b19407-178b-41f0-b112-aa14069e56cf-0-00001.parquet",
    source: "https://github.com/timeplus-io/proton/issues/1038",
  },

  // ---- Query text ----------------------------------------------------------------------------
  {
    id: "athena.column-not-resolved",
    service: "athena",
    label: "syntax error",
    nature: "permanent",
    pattern: "SYNTAX_ERROR:.*Column .* cannot be resolved",
    remediation: "none",
    summary:
      "The query refers to a column the engine cannot resolve (a typo, a renamed column, a BOM in a CSV header): the same query fails the same way.",
    example: "pyathena.error.OperationalError: SYNTAX_ERROR: line 2:9: Column 'athena' cannot be resolved",
    source: "https://github.com/tokern/piicatcher/issues/155",
  },
  {
    id: "athena.function-not-registered",
    service: "athena",
    label: "syntax error",
    nature: "permanent",
    pattern: "Function\\b.*\\bnot registered",
    remediation: "none",
    summary: "The query calls a function Athena's engine does not support: it fails until the query changes.",
    example: "Function not registered",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.syntax-error",
    service: "athena",
    label: "syntax error",
    nature: "permanent",
    pattern: "\\bSYNTAX_ERROR:",
    flags: "",
    remediation: "none",
    summary: "The query does not analyse (unknown type, function or name): the same text fails the same way.",
    example: "Error: SYNTAX_ERROR: line 1:8: Unknown type: string",
    source: "https://github.com/DyfanJones/RAthena/issues/45",
  },
  {
    id: "athena.not-supported",
    service: "athena",
    label: "syntax error",
    nature: "permanent",
    types: ["NOT_SUPPORTED"],
    remediation: "none",
    summary: "The statement or a column type is not supported by Athena's engine: it fails the same way until changed.",
    example:
      "OperationalError: (pyathena.error.OperationalError) NOT_SUPPORTED: Unsupported Hive type: json. You may need to manually clean the data at location 's3://obj-automated-tests/athena_query_results/tables/9f53f9c4-3176-4b55-8548-7478cc9c8845' before retrying",
    source: "https://github.com/objectiv/objectiv-analytics/issues/1356",
  },
  {
    id: "athena.invalid-cast",
    service: "athena",
    label: "bad data",
    nature: "permanent",
    types: ["INVALID_CAST_ARGUMENT"],
    remediation: "none",
    summary: "A value in the data cannot be cast to the type the query asks for: the same rows fail the same cast.",
    example:
      "Query_id 03b2207b-125f-4147-87cb-310ff69d56bd, failed with response: INVALID_CAST_ARGUMENT: Cannot cast 'ae' to BIGINT. You may need to manually clean the data at location 's3://athena-data-product-query-results-013433889002/tables/03b2207b-125f-4147-87cb-310ff69d56bd' before retrying. Athena will not delete data in your account.",
    source: "https://github.com/ministryofjustice/analytical-platform/issues/2148",
  },
  {
    id: "athena.query-string-too-long",
    service: "athena",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "queryString failed to satisfy constraint",
    remediation: "none",
    summary: "The query text is longer than Athena's fixed 262,144-byte limit: it must be split, not retried.",
    example: "queryString failed to satisfy constraint: Member must have length less than or equal to 262144",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.too-many-open-partitions",
    service: "athena",
    label: "partition limit",
    nature: "permanent",
    pattern: "HIVE_TOO_MANY_OPEN_PARTITIONS",
    flags: "",
    remediation: "none",
    summary:
      "A CTAS or INSERT writes more than 100 partitions at once, Athena's limit: the same statement fails until it is split into batches.",
    example: "HIVE_TOO_MANY_OPEN_PARTITIONS: Exceeded limit of 100 open writers for partitions/buckets",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.federated-block-too-large",
    service: "athena",
    label: "invalid configuration",
    nature: "permanent",
    types: ["CONSTRAINT_VIOLATION"],
    remediation: "none",
    summary:
      "A federated query connector's Lambda returned a block larger than Athena accepts (wide rows, large JSON columns): the same data produces the same oversized block.",
    example:
      "CONSTRAINT_VIOLATION: One or more blocks returned by your Lambda function[] exceeded the max block size for an Athena request. Expected <= 16000000 bytes but received 30501192 bytes",
    source: "https://github.com/awslabs/aws-athena-query-federation/issues/337",
  },

  // ---- Permissions and output location ---------------------------------------------------------
  {
    id: "athena.lake-formation-permissions",
    service: "athena",
    label: "access denied",
    nature: "permanent",
    pattern: "Insufficient permissions to execute the query",
    remediation: "none",
    summary:
      "Lake Formation does not grant the caller the table permissions the query needs: every run is refused until the grant exists.",
    example:
      "awsathena error: Insufficient permissions to execute the query. Insufficient Lake Formation permission(s) on table",
    source: "https://github.com/apache/superset/issues/15894",
  },
  {
    id: "athena.output-bucket",
    service: "athena",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Unable to verify/create output bucket",
    remediation: "none",
    summary:
      "The query result location does not exist or the caller lacks S3 permissions on it: every query fails before running until it is fixed.",
    example: "Unable to verify/create output bucket",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.output-location-invalid",
    service: "athena",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "The S3 location provided to save your query results is invalid",
    remediation: "none",
    summary:
      "The query result location is invalid (malformed, or in another Region than the query): a configuration error of the workgroup or client.",
    example: "The S3 location provided to save your query results is invalid.",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },

  // ---- Limits, throttling, timeouts ------------------------------------------------------------
  {
    id: "athena.exhausted-resources",
    service: "athena",
    label: "capacity",
    nature: "capacity",
    pattern: "Query exhausted resources at this scale factor",
    remediation: "rerun_later",
    summary:
      "The query needed more memory than Athena gave it at this data size: it may pass when the service is less loaded, but a large query usually needs splitting or a leaner plan.",
    example: "Query exhausted resources at this scale factor",
    source: "https://github.com/dbt-labs/dbt-adapters/issues/1820",
  },
  {
    id: "athena.concurrent-query-limit",
    service: "athena",
    label: "throttling",
    nature: "capacity",
    pattern: "exceeded the limit for the number of queries you can run concurrently",
    remediation: "rerun_later",
    summary:
      "The account reached Athena's concurrent query quota: the query itself is fine and starts once others finish.",
    example:
      "TooManyRequestsException: An error occurred (TooManyRequestsException) when calling the StartQueryExecution operation: You have exceeded the limit for the number of queries you can run concurrently. Please reduce the number of concurrent queries submitted by this account. Contact customer support to request a concurrent query limit increase.",
    source: "https://github.com/awsdocs/amazon-athena-user-guide/pull/72",
  },
  {
    id: "athena.glue-rate-exceeded",
    service: "athena",
    label: "throttling",
    nature: "capacity",
    pattern: "AWSGlueException: Rate exceeded",
    remediation: "rerun_later",
    summary:
      "The Glue Data Catalog throttled Athena's metadata calls (too many concurrent queries or partitions): a later run succeeds.",
    example: "AWSGlueException: Rate exceeded.",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.kms-rate-exceeded",
    service: "athena",
    label: "throttling",
    nature: "capacity",
    pattern: "exceeded the rate at which you may call KMS",
    remediation: "rerun_later",
    summary:
      "KMS throttled the decryption calls of an encrypted query: the same query succeeds with fewer concurrent calls or later.",
    example: "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
    source: "https://docs.aws.amazon.com/athena/latest/ug/troubleshooting-athena.html",
  },
  {
    id: "athena.query-timeout",
    service: "athena",
    label: "timeout",
    nature: "transient",
    pattern: "\\bQuery timeout\\b",
    remediation: "rerun",
    summary:
      "The query ran past the workgroup's DML timeout: worth one re-run (load varies), but a query that always runs that long needs a leaner plan or a higher limit.",
    example: "Query timeout",
    source: "https://github.com/dbt-labs/dbt-adapters/issues/1813",
  },
  {
    // After the specific GENERIC_INTERNAL_ERROR messages above: what is left is the engine's own failure.
    id: "athena.generic-internal-error",
    service: "athena",
    label: "internal error",
    nature: "transient",
    pattern: "\\bGENERIC_INTERNAL_ERROR:",
    flags: "",
    remediation: "rerun",
    summary:
      "Athena's engine failed internally (a system error in Athena's error catalog): such failures are unpredictable and usually pass on a re-run.",
    example:
      'error querying the database: GENERIC_INTERNAL_ERROR: Cannot invoke "io.trino.execution.SqlTaskExecution$DriverSplitRunnerFactory.enqueueSplits(java.util.Set, boolean)" because "factory" is null',
    source: "https://github.com/grafana/athena-datasource/issues/324",
  },

  // ---- Trino -------------------------------------------------------------------------------
  {
    id: "trino.exceeded-memory-limit",
    service: "trino",
    label: "memory",
    nature: "capacity",
    types: ["ExceededMemoryLimitException"],
    remediation: "rerun_later",
    summary:
      "The query used more memory per node than query.max-memory-per-node allows: it may pass on a less loaded cluster, otherwise it needs more memory or a leaner plan.",
    example:
      "io.trino.ExceededMemoryLimitException: Query exceeded per-node memory limit of 25.80GB [Allocated: 25.79GB, Delta: 14.39MB, Top Consumers: {ScanFilterAndProjectOperator=25.78GB, HashAggregationOperator=7.92MB, PagePartitioner=4.08MB}]",
    source: "https://github.com/trinodb/trino/issues/25465",
  },
  {
    // The client's rendering (trino-python, JDBC): the message is quoted, so the code names the cause.
    id: "trino.insufficient-resources",
    service: "trino",
    label: "memory",
    nature: "capacity",
    types: ["EXCEEDED_LOCAL_MEMORY_LIMIT", "EXCEEDED_GLOBAL_MEMORY_LIMIT"],
    remediation: "rerun_later",
    summary:
      "Trino failed the query for exceeding a memory limit (per node or cluster-wide): capacity, which a later run or a larger cluster provides.",
    example:
      'type=INSUFFICIENT_RESOURCES, name=EXCEEDED_LOCAL_MEMORY_LIMIT, message="Query exceeded per-node memory limit of 40GB [Allocated: 40.00GB, Delta: 8.71MB, Top Consumers: {FilterAndProjectOperator=39.94GB, ScanFilterAndProjectOperator=38.63MB, UnnestOperator=20.55MB}]',
    source: "https://github.com/trinodb/trino/issues/25408",
  },
  {
    id: "trino.worker-unreachable",
    service: "trino",
    label: "lost node",
    nature: "transient",
    pattern: "Encountered too many errors talking to a worker node",
    remediation: "rerun",
    summary:
      "The coordinator lost contact with a worker (crashed, restarted or overloaded); Trino itself calls this probably transient and asks for a retry in a few minutes.",
    example:
      "io.trino.spi.TrinoTransportException: Encountered too many errors talking to a worker node. The node may have crashed or be under too much load. This is probably a transient issue, so please retry your query in a few minutes. (getting task status http://10.254.25.234:8080/v1/task/20231022_233523_02502_qnuka.2.5.0 - 112 failures, failure duration 302.20s, total failed request time 254.04s)",
    source: "https://github.com/trinodb/trino/issues/19484",
  },
  {
    id: "trino.remote-task-mismatch",
    service: "trino",
    label: "lost node",
    nature: "transient",
    pattern: "Could not communicate with the remote task",
    remediation: "rerun",
    summary:
      "A worker restarted under a running query, so its task is gone: the query fails, and a retry runs on the restarted node.",
    example:
      "io.trino.spi.TrinoException: Could not communicate with the remote task. The node may have crashed or be under too much load. This is probably a transient issue, so please retry your query in a few minutes. (<worker_node>:<port>). Expected taskInstanceId: cb26d883-31f5-48a6-b5d1-66a52e8e9750, received taskInstanceId: 59f166fe-4f4f-4b18-b35b-e22589819788",
    source: "https://github.com/trinodb/trino/pull/21921",
  },
  {
    id: "trino.no-nodes-available",
    service: "trino",
    label: "capacity",
    nature: "capacity",
    pattern: "No nodes available to run query",
    remediation: "rerun_later",
    summary:
      "No worker could take the query's splits (workers not yet registered, or none with the catalog): retry once workers are up; if it persists, check the catalog files on the workers.",
    example: "io.trino.spi.TrinoException: No nodes available to run query",
    source: "https://github.com/trinodb/trino/issues/8774",
  },
  {
    id: "trino.incorrect-file-size",
    service: "trino",
    label: "file changed during query",
    nature: "transient",
    pattern: "Incorrect file size \\(\\d+\\) for file",
    remediation: "rerun",
    summary:
      "A file's size changed between split planning and reading (rewritten in place): the next run plans against the new file.",
    example:
      "io.trino.spi.TrinoException: Error opening Hive split ccccc (offset=0, length=11977): Incorrect file size (11977) for file (end of stream not reached): ccccc",
    source: "https://github.com/trinodb/trino/issues/15613",
  },
  {
    id: "trino.iceberg-commit-failed",
    service: "trino",
    label: "commit conflict",
    nature: "transient",
    pattern: "Commit failed: Failed to commit to table",
    remediation: "rerun",
    summary:
      "The Iceberg commit lost a race with another writer (the catalog refused a stale base): the write succeeds when retried on the new snapshot.",
    example: "org.apache.iceberg.exceptions.CommitFailedException: Commit failed: Failed to commit to table ...",
    source: "https://github.com/trinodb/trino/pull/24042",
  },
  {
    id: "trino.too-many-stages",
    service: "trino",
    label: "query too complex",
    nature: "permanent",
    types: ["QUERY_HAS_TOO_MANY_STAGES"],
    remediation: "none",
    summary: "The query plan has more stages than Trino allows: the same query is rejected until it is simplified.",
    example:
      "trino.exceptions.TrinoUserError: TrinoUserError(type=USER_ERROR, name=QUERY_HAS_TOO_MANY_STAGES, message=\"Number of stages in the query (187) exceeds the allowed maximum (150). If the query contains multiple aggregates with DISTINCT over different columns, please set the 'use_mark_distinct' session property to false. If the query contains WITH clauses that are referenced more than once, please create temporary table(s) for the queries in those clauses.\", query_id=20230214_200357_00673_uiini)",
    source: "https://github.com/mitzu-io/mitzu/issues/128",
  },
  {
    id: "trino.statement-too-large",
    service: "trino",
    label: "query too complex",
    nature: "permanent",
    types: ["STACK_OVERFLOW"],
    remediation: "none",
    summary: "The statement is too large for Trino's analyzer (stack overflow during analysis): it must be reduced.",
    example:
      'trino.exceptions.TrinoUserError: TrinoUserError(type=USER_ERROR, name=STACK_OVERFLOW, message="statement is too large (stack overflow during analysis)", query_id=20230214_200658_00707_uiini)',
    source: "https://github.com/mitzu-io/mitzu/issues/128",
  },
  {
    id: "trino.catalog-not-found",
    service: "trino",
    label: "missing source data",
    nature: "permanent",
    types: ["CATALOG_NOT_FOUND"],
    remediation: "none",
    summary:
      "The query names a catalog the engine does not have configured: it fails until the catalog exists or the name changes.",
    example:
      "Exception: Unable to get result from Presto server after 15 retries: PrestoUserError(type=USER_ERROR, name=CATALOG_NOT_FOUND, message=\"line 1:15: Catalog 'awsdatacatalog' does not exist\", query_id=20240527_134600_00001_mwbvb)",
    source: "https://github.com/localstack/localstack/issues/10911",
  },
  {
    id: "trino.schema-not-found",
    service: "trino",
    label: "missing source data",
    nature: "permanent",
    types: ["SCHEMA_NOT_FOUND"],
    pattern: "\\bSchema \\S+ does not exist",
    remediation: "none",
    summary:
      "The query's schema (database) does not exist in the catalog: nothing to read until it is created or the name fixed.",
    example: "line 1:22: Schema default does not exist",
    source: "https://github.com/airbnb/airpal/issues/225",
  },
  {
    id: "trino.storage-descriptor-null",
    service: "trino",
    label: "invalid configuration",
    nature: "permanent",
    types: ["HIVE_UNSUPPORTED_FORMAT"],
    remediation: "none",
    summary:
      "The Glue table has no storage descriptor the Hive connector can use (a resource link, or a table created without one): a catalog definition problem.",
    example:
      "trino error: TrinoExternalError(type=EXTERNAL, name=HIVE_UNSUPPORTED_FORMAT, message=\"Table StorageDescriptor is null for table 'db2.table1' {Name: table1,DatabaseName: db2,Description: ,Owner: ,Retention: 0,ViewOriginalText: ,ViewExpandedText: ,TableType: ,CreatedBy: ,IsRegisteredWithLakeFormation: false,TargetTable: {CatalogId: xxx6352357xx,DatabaseName: db1,Name: table1,Region: us-east-1},CatalogId: yyy494981494,}\", query_id=20250926_212631_01038_m36b7)",
    source: "https://github.com/trinodb/trino/issues/26727",
  },
] as const satisfies readonly SignatureInput[];
