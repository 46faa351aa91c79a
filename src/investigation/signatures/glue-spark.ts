/**
 * Error signatures of AWS Glue jobs and of the Spark engine they run. Data only: each entry is a
 * real string (its `example` copied from `source`), read by ./match.ts.
 *
 * Order matters: the first signature whose types or pattern match wins, so specific entries come
 * before general ones. Types are given only where they name one cause: types win over patterns,
 * so a shared type (AnalysisException, OutOfMemoryError, EntityNotFoundException) on one entry
 * would hide every more specific pattern behind it.
 *
 * Glue's "Command failed with exit code 1" is deliberately absent: it only says the driver exited
 * with an error (a script exception, or the driver out of memory), and since a permanent line wins
 * over a transient one across a failure's lines, a nature for it would override the real cause.
 */
import type { SignatureInput } from "./schema.js";

const GLUE_TROUBLESHOOTING = "https://docs.aws.amazon.com/glue/latest/dg/glue-troubleshooting-errors.html";
const GLUE_OOM = "https://docs.aws.amazon.com/glue/latest/dg/monitor-profile-debug-oom-abnormalities.html";
const GLUE_JOB_RUN_STATUSES = "https://docs.aws.amazon.com/glue/latest/dg/job-run-statuses.html";
const GLUE_DATA_QUALITY = "https://docs.amazonaws.cn/en_us/glue/latest/dg/data-quality-trouble.html";

export const GLUE_SPARK_SIGNATURES = [
  // ---- Glue: capacity and concurrency --------------------------------------------------------
  {
    id: "glue.concurrent-runs",
    service: "glue",
    label: "capacity",
    nature: "capacity",
    types: ["ConcurrentRunsExceededException"],
    pattern: "Concurrent runs exceeded",
    remediation: "rerun_later",
    summary:
      "The job already runs MaxConcurrentRuns times; a run started after the others finish (or with a higher limit) succeeds.",
    example:
      "{/var/task/app.py:139} ERROR - An error occurred (ConcurrentRunsExceededException) when calling the StartJobRun operation: Concurrent runs exceeded for iantest06-GlueStack-687EJNLXVGOW-amc-transformation-job",
    source: "https://github.com/aws-solutions/amazon-marketing-cloud-uploader-from-aws/issues/51",
  },
  {
    id: "glue.account-concurrency",
    service: "glue",
    label: "capacity",
    nature: "capacity",
    pattern: "Max concurrent job runs per (?:account|job) exceeded",
    remediation: "rerun_later",
    summary:
      "The account's (or the job's) quota of concurrent runs is used up; Glue retries for a while, then fails the run. Later, with fewer runs, it starts.",
    example: "Max concurrent job runs per account exceeded",
    source: GLUE_JOB_RUN_STATUSES,
  },
  {
    id: "glue.dpu-quota",
    service: "glue",
    label: "capacity",
    nature: "capacity",
    pattern: "Max concurrent compute \\(DPU usage\\) exceeded",
    remediation: "rerun_later",
    summary:
      "The account's concurrent DPU quota is used up by other runs; the run starts once capacity is released (or the quota is raised).",
    example: "Max concurrent compute (DPU usage) exceeded",
    source: GLUE_JOB_RUN_STATUSES,
  },
  {
    id: "glue.resource-unavailable",
    service: "glue",
    label: "capacity",
    nature: "capacity",
    pattern: "\\bResource unavailable\\b",
    remediation: "rerun_later",
    summary:
      "Glue could not get the resources for the run (workers, or elastic network interfaces in the connection's subnet); a later run usually gets them.",
    example: "Error: Resource unavailable",
    source: GLUE_TROUBLESHOOTING,
  },
  {
    // Glue wraps the AWS SDK's ThrottlingException; the classifier already calls it throttling.
    id: "glue.api-throttling",
    service: "glue",
    label: "throttling",
    nature: "capacity",
    pattern: "Rate exceeded \\(Service: (?:AWSGlue|Glue)\\b",
    remediation: "rerun_later",
    summary:
      "The Glue API throttled the caller (many StartJobRun calls at once); the same call succeeds after a back-off.",
    example: "Rate exceeded (Service: AWSGlue; Status Code: 400; Error Code: ThrottlingException; Proxy: null)",
    source:
      "https://repost.aws/questions/QUVo7mhaGrRlyGUQ8A3EBpsQ/glue-throttling-exception-when-starting-15-glue-jobs-in-parallel-via-step-function",
  },
  {
    // Spill and shuffle files fill a worker's local disk; more (or larger) workers, or S3 shuffle, fix it.
    id: "glue.no-space-left",
    service: "glue",
    label: "disk space",
    nature: "capacity",
    pattern: "No space left on device",
    remediation: "rerun_later",
    summary:
      "A worker's local disk filled with Spark shuffle and spill files; a run with more or larger workers (or shuffle to S3) gets through.",
    example:
      "Error: error while calling spill() on org.apache.spark.util.collection.unsafe.sort.UnsafeExternalSorter ... : No space left on device",
    source: "https://beyond5nines.com/look-ma-no-servers-03/",
  },

  // ---- Glue: catalogue entities that are not there -------------------------------------------
  {
    id: "glue.database-not-found",
    service: "glue",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "EntityNotFoundException\\b.{0,200}?\\bDatabase\\b.{0,200}?\\bnot found\\b",
    remediation: "none",
    summary:
      "The Data Catalog database the job names does not exist (deleted, renamed or misspelt); every run fails the same way.",
    example: "EntityNotFoundException: Database temp not found.",
    source: "https://github.com/hashicorp/terraform-provider-aws/issues/5136",
  },
  {
    id: "glue.table-not-found",
    service: "glue",
    label: "missing source data",
    nature: "permanent",
    pattern: "EntityNotFoundException\\b.{0,200}?\\bTable\\b.{0,200}?\\bnot found\\b",
    remediation: "none",
    summary:
      "The Data Catalog table the job reads is not there; a re-run fails the same way until the table is created.",
    example:
      "An error occurred (EntityNotFoundException) when calling the GetPartitionIndexes operation: Table image_metadata not found.",
    source: "https://github.com/hashicorp/terraform-provider-aws/issues/34132",
  },
  {
    // After the database and table entries: any other catalogue object that does not exist.
    id: "glue.entity-not-found",
    service: "glue",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "\\bEntityNotFoundException\\b",
    remediation: "none",
    summary:
      "A Glue object the run refers to (database, table, connection, crawler) does not exist; nothing changes on a re-run.",
    example:
      "Caused by: org.apache.hudi.software.amazon.awssdk.services.glue.model.EntityNotFoundException: Entity Not Found (Service: Glue, Status Code: 400, Request ID: eb86d3b6-012f-464c-a62e-91a385e48b0c)",
    source: "https://github.com/apache/hudi/pull/9595",
  },
  {
    id: "glue.already-exists",
    service: "glue",
    label: "invalid configuration",
    nature: "permanent",
    types: ["AlreadyExistsException"],
    pattern: "\\balready exists\\b",
    remediation: "none",
    summary:
      "The run creates a Glue object (ruleset, table, database) whose name is taken; it fails again until the name changes.",
    example:
      "Exception in User Class: ...services.glue.model.AlreadyExistsException: Another ruleset with the same name already exists.",
    source: GLUE_DATA_QUALITY,
  },

  // ---- Glue: job definition, script and network configuration --------------------------------
  {
    id: "glue.missing-job-arguments",
    service: "glue",
    label: "invalid configuration",
    nature: "permanent",
    types: ["GlueArgumentError"],
    pattern: "the following arguments are required",
    remediation: "none",
    summary:
      "getResolvedOptions asked for job arguments the run was not given; the job definition or trigger must pass them.",
    example: "GlueArgumentError: the following arguments are required: --SOURCE_LOCATION, --OUTPUT_LOCATION",
    source: "https://github.com/aws-solutions-library-samples/data-lakes-on-aws/issues/516",
  },
  {
    id: "glue.missing-python-module",
    service: "glue",
    label: "code error",
    nature: "permanent",
    pattern: "No module named",
    remediation: "none",
    summary:
      "The script imports a module the Glue version does not ship (or --additional-python-modules does not add); it fails on every run.",
    example: "No module named 'awsgluedq'.",
    source: GLUE_DATA_QUALITY,
  },
  {
    id: "glue.s3a-listing",
    service: "glue",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Failed to parse XML document with handler class \\S*ListBucketHandler",
    remediation: "none",
    summary:
      "Listing many objects through an s3a:// URI fails in Glue; the paths must use s3:// (EMRFS) instead, so a re-run as is fails again.",
    example:
      "com.amazonaws.SdkClientException: Failed to parse XML document with handler class com.amazonaws.services.s3.model.transform.XmlResponsesSaxParser$ListBucketHandler",
    source: GLUE_TROUBLESHOOTING,
  },
  {
    id: "glue.no-s3-endpoint",
    service: "glue",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Could not find S3 endpoint or NAT gateway",
    remediation: "none",
    summary:
      "The connection's subnet has no S3 VPC endpoint or NAT gateway, which Glue requires; the network must be fixed first.",
    example: "Error: Could not find S3 endpoint or NAT gateway for subnetId in VPC",
    source: GLUE_TROUBLESHOOTING,
  },
  {
    id: "glue.vpc-endpoints-unauthorized",
    service: "glue",
    label: "access denied",
    nature: "permanent",
    pattern: "DescribeVpcEndpoints action is unauthorized",
    remediation: "none",
    summary:
      "The job's role lacks ec2:DescribeVpcEndpoints, so Glue cannot validate the connection's VPC; it fails until granted.",
    example: "Error: DescribeVpcEndpoints action is unauthorized. unable to validate VPC ID vpc-id",
    source: GLUE_TROUBLESHOOTING,
  },
  {
    id: "glue.route-tables-unauthorized",
    service: "glue",
    label: "access denied",
    nature: "permanent",
    pattern: "DescribeRouteTables action is unauthorized",
    remediation: "none",
    summary:
      "The job's role lacks ec2:DescribeRouteTables, so Glue cannot validate the connection's subnet; it fails until granted.",
    example:
      "Error: DescribeRouteTables action is unauthorized. unable to validate subnet id: Subnet-id in VPC id: vpc-id",
    source: GLUE_TROUBLESHOOTING,
  },
  {
    id: "glue.subnet-az-unavailable",
    service: "glue",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Could not find subnet for AZ",
    remediation: "none",
    summary: "The connection's subnet is in an Availability Zone Glue cannot use; a subnet in another zone is needed.",
    example: "Error: Could not find subnet for AZ",
    source: GLUE_TROUBLESHOOTING,
  },
  {
    id: "glue.role-not-assumable",
    service: "glue",
    label: "access denied",
    nature: "permanent",
    pattern: "role passed should be given assume role permissions",
    remediation: "none",
    summary:
      "The job's IAM role does not trust glue.amazonaws.com (or the caller lacks iam:PassRole); no run can start until fixed.",
    example:
      "Error: Job run failed because the role passed should be given assume role permissions for the AWS Glue service",
    source: GLUE_TROUBLESHOOTING,
  },

  // ---- Spark: memory and lost executors ------------------------------------------------------
  {
    // Before the heap entry: both are OutOfMemoryError, this one is the GC giving up.
    id: "spark.gc-overhead",
    service: "spark",
    label: "memory",
    nature: "capacity",
    pattern: "OutOfMemoryError: GC overhead limit exceeded",
    remediation: "rerun_later",
    summary:
      "A JVM spent nearly all its time collecting garbage; more memory per executor (or fewer cores sharing it) lets it finish.",
    example: "java.lang.OutOfMemoryError: GC overhead limit exceeded",
    source: "https://github.com/Stratio/spark-rabbitmq/issues/115",
  },
  {
    id: "spark.java-heap",
    service: "spark",
    label: "memory",
    nature: "capacity",
    pattern: "OutOfMemoryError: Java heap space",
    remediation: "rerun_later",
    summary:
      "The driver or an executor ran out of heap (in Glue often the driver listing many files); a run with more memory or grouped input gets through.",
    example: "# java.lang.OutOfMemoryError: Java heap space",
    source: GLUE_OOM,
  },
  {
    // The classifier labels this memory: an executor too busy in GC to send its heartbeat.
    id: "spark.executor-heartbeat",
    service: "spark",
    label: "memory",
    nature: "capacity",
    pattern: "Executor heartbeat timed out|with no recent heartbeats",
    remediation: "rerun_later",
    summary:
      "The driver dropped an executor that stopped sending heartbeats, most often stalled in garbage collection; more memory per task usually fixes it.",
    example:
      "17/09/13 17:15:43 ERROR cluster.YarnScheduler: Lost executor 6 on spark1: Executor heartbeat timed out after 178850 ms",
    source: "https://github.com/Stratio/spark-rabbitmq/issues/115",
  },
  {
    id: "spark.rpc-timeout",
    service: "spark",
    label: "timeout",
    nature: "transient",
    types: ["RpcTimeoutException"],
    pattern: "Futures timed out after",
    remediation: "rerun",
    summary:
      "An RPC between driver and executor did not answer in time (a GC pause or a busy node); the next attempt usually succeeds.",
    example:
      "org.apache.spark.rpc.RpcTimeoutException: Futures timed out after [10 seconds]. This timeout is controlled by spark.executor.heartbeatInterval",
    source: "https://github.com/gbif/pipelines/issues/683",
  },
  {
    id: "spark.executor-disassociated",
    service: "spark",
    label: "lost node",
    nature: "transient",
    pattern: "remote (?:Rpc|Akka) client disassociated",
    remediation: "rerun",
    summary:
      "The driver lost its connection to an executor (the node went away or the container was killed); the work itself was fine.",
    example: "ERROR YarnScheduler: Lost executor 5 on Mcnode6: remote Rpc client disassociated",
    source: "https://github.com/citiususc/SparkBWA/issues/35",
  },
  {
    id: "spark.metadata-fetch-failed",
    service: "spark",
    label: "lost node",
    nature: "transient",
    types: ["MetadataFetchFailedException"],
    pattern: "Missing an output location for shuffle",
    remediation: "rerun",
    summary:
      "The shuffle output a stage needs was on an executor that is gone (lost node, Spot reclaim, full disk); a re-run recomputes it.",
    example:
      "org.apache.spark.shuffle.MetadataFetchFailedException: Missing an output location for shuffle 0 partition 65",
    source: "https://github.com/IBM/spark-s3-shuffle/pull/45",
  },
  {
    id: "spark.fetch-failed",
    service: "spark",
    label: "lost node",
    nature: "transient",
    types: ["FetchFailedException"],
    remediation: "rerun",
    summary:
      "A reducer could not fetch shuffle blocks from another node (it left the cluster or its shuffle service died); the data itself is fine.",
    example:
      "org.apache.spark.shuffle.FetchFailedException: Failed to connect to ip-100-64-115-173.us-west-2.compute.internal/100.64.115.173:7337",
    source: "https://github.com/apache/hudi/issues/2068",
  },
  {
    id: "spark.broadcast-timeout",
    service: "spark",
    label: "timeout",
    nature: "transient",
    pattern: "Could not execute broadcast in \\d+ secs",
    remediation: "rerun",
    summary:
      "Building a broadcast join table took longer than spark.sql.broadcastTimeout (often a busy cluster); a re-run, or a longer timeout, gets through.",
    example:
      "org.apache.spark.SparkException: Could not execute broadcast in 1 secs. You can increase the timeout for broadcasts via spark.sql.broadcastTimeout or disable broadcast join by setting spark.sql.autoBroadcastJoinThreshold to -1",
    source: "https://github.com/apache/spark/pull/21727",
  },
  {
    // The same data collects the same size to the driver: only a configuration or code change helps.
    id: "spark.max-result-size",
    service: "spark",
    label: "result too large",
    nature: "permanent",
    pattern: "is bigger than spark\\.driver\\.maxResultSize",
    remediation: "none",
    summary:
      "The results collected to the driver exceed spark.driver.maxResultSize; the same data fails the same way until the limit or the code changes.",
    example:
      "org.apache.spark.SparkException: Job aborted due to stage failure: Total size of serialized results of 2572 tasks (1062.8 MB) is bigger than spark.driver.maxResultSize (1024.0 MB)",
    source: "https://github.com/archivesunleashed/auk/issues/150",
  },

  // ---- Spark: input that is not there --------------------------------------------------------
  {
    // Spark says this when the input directory is empty or holds no data files of the format.
    id: "spark.unable-to-infer-schema",
    service: "spark",
    label: "missing source data",
    nature: "permanent",
    pattern: "Unable to infer schema for \\w+\\. It must be specified manually",
    remediation: "none",
    summary:
      "Spark found no data files to read a schema from (an empty or wrong input path); re-running before the data arrives fails the same way.",
    example:
      "pyspark.sql.utils.AnalysisException: u'Unable to infer schema for Parquet. It must be specified manually.;'",
    source: "https://github.com/aws-samples/aws-etl-orchestrator/issues/5",
  },
  {
    id: "spark.path-does-not-exist",
    service: "spark",
    label: "missing source data",
    nature: "permanent",
    pattern: "Path does not exist:",
    remediation: "none",
    summary: "The input path the job reads does not exist; it fails the same way until the upstream data lands there.",
    example:
      "org.apache.spark.sql.AnalysisException: Path does not exist: file:/Users/ksunitha/trunk/spark/file-path-is-incorrect.csv;",
    source: "https://github.com/apache/spark/pull/11775",
  },
  {
    id: "spark.table-or-view-not-found",
    service: "spark",
    label: "missing source data",
    nature: "permanent",
    pattern: "Table or view not found",
    remediation: "none",
    summary: "The query names a table or view the catalogue does not have; nothing changes on a re-run.",
    example:
      "Error: org.apache.spark.sql.AnalysisException: Table or view not found: rosetta.train_for_models; line 2 pos 5",
    source: "https://github.com/sparklyr/sparklyr/issues/2831",
  },

  // ---- Spark: schema and query errors --------------------------------------------------------
  {
    id: "spark.parquet-column-type",
    service: "spark",
    label: "schema mismatch",
    nature: "permanent",
    types: ["SchemaColumnConvertNotSupportedException"],
    pattern: "Parquet column cannot be converted",
    remediation: "none",
    summary:
      "A Parquet file's column type differs from the table schema (it changed upstream); the same files fail the same way on every run.",
    example:
      "Caused by: org.apache.spark.sql.execution.QueryExecutionException: Parquet column cannot be converted in file s3://<bucket>/test/hudi_promotion/event_date=2024-07-19/2b3377ab-dea4-40e8-b94c-bc7a8daf5c38-0_1-9-0_20240719141850764.parquet. Column: [int_to_bigint], Expected: bigint, Found: INT32",
    source: "https://github.com/apache/hudi/issues/11599",
  },
  {
    id: "spark.cannot-up-cast",
    service: "spark",
    label: "schema mismatch",
    nature: "permanent",
    pattern: "Cannot up cast\\b",
    remediation: "none",
    summary: "A column's type is wider than the type the code reads it as; the schema or the code must change.",
    example: "org.apache.spark.sql.AnalysisException: Cannot up cast `partition` from bigint to int.",
    source: "https://github.com/jelmerk/hnswlib/issues/58",
  },
  {
    id: "spark.column-does-not-exist",
    service: "spark",
    label: "schema mismatch",
    nature: "permanent",
    pattern: "\\bColumn\\b.{0,200}?\\bdoes not exist\\b",
    remediation: "none",
    summary:
      "The query refers to a column the data does not have (renamed or dropped upstream); it fails the same way on a re-run.",
    example: "org.apache.spark.sql.AnalysisException: Column cs_sold_date_sk does not exist.",
    source: "https://github.com/BlueGranite/tpc-ds-dataset-generator/issues/7",
  },
  {
    id: "spark.cartesian-product",
    service: "spark",
    label: "invalid query",
    nature: "permanent",
    pattern: "Detected (?:implicit )?cartesian product",
    remediation: "none",
    summary:
      "A join has no usable condition and Spark refuses the implied cross join; the query (or spark.sql.crossJoin.enabled) must change.",
    example:
      "org.apache.spark.sql.AnalysisException: Detected implicit cartesian product for INNER join between logical plans",
    source: "https://github.com/delta-io/delta/issues/372",
  },
  {
    id: "spark.invalid-data-source",
    service: "spark",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "is not a valid Spark SQL Data Source",
    remediation: "none",
    summary:
      "The format named is not a Spark data source (its connector is missing or not enabled for the job); configuration must change.",
    example: "Caused by: org.apache.spark.sql.AnalysisException: iceberg is not a valid Spark SQL Data Source.",
    source: "https://github.com/aws-samples/dbt-glue/issues/492",
  },
  {
    // A ClassNotFoundException, but the useful part is that a connector jar is missing.
    id: "spark.data-source-not-found",
    service: "spark",
    label: "missing class",
    nature: "permanent",
    pattern: "Failed to find data source",
    remediation: "none",
    summary:
      "The data source's classes are not on the classpath (a jar or --datalake-formats is missing); every run fails the same way.",
    example:
      "java.lang.ClassNotFoundException: Failed to find data source: parquet. Please find packages at http://spark.apache.org/third-party-projects.html",
    source: "https://github.com/apache/gluten/pull/215",
  },
] as const satisfies readonly SignatureInput[];
