/**
 * Apache Airflow and Amazon MWAA error signatures: real strings from public issues and AWS
 * documentation, each with the page it comes from. Data only (see ./schema.ts for the shape).
 *
 * Order matters: matchSignature takes the first entry whose types intersect the line's, else the
 * first whose pattern matches the masked line, so the more specific entries come first. Generic
 * types (AirflowException, ClientError, ValueError) are never listed as `types`: they would claim
 * every line that carries them; such entries match on their phrase instead.
 */
import type { SignatureInput } from "./schema.js";

export const AIRFLOW_SIGNATURES = [
  // ---- Tasks killed under the worker -------------------------------------------------------
  {
    id: "airflow.negsignal-sigkill",
    service: "airflow",
    label: "memory",
    nature: "capacity",
    pattern: "Task exited with return code Negsignal\\.SIGKILL",
    remediation: "rerun_later",
    summary:
      "The task process was killed with SIGKILL, most often by the kernel's OOM killer on a worker short of memory: a re-run on a less loaded worker (or with more memory) usually succeeds.",
    example: "Task exited with return code Negsignal.SIGKILL",
    source: "https://github.com/aws-samples/amazon-mwaa-examples/issues/60",
  },
  {
    id: "airflow.task-received-sigterm",
    service: "airflow",
    label: "task killed",
    nature: "transient",
    pattern: "Task received SIGTERM signal",
    remediation: "rerun",
    summary:
      "The scheduler or the platform terminated the running task (worker scale-in, pod eviction, a cleared task): the work itself did not fail, so a re-run is likely to succeed.",
    example: "WARNING airflow.exceptions.AirflowException: Task received SIGTERM signal",
    source: "https://cloud.google.com/composer/docs/composer-2/debug-out-of-memory-and-out-of-storage-dag-issues",
  },
  {
    id: "airflow.runner-received-sigterm",
    service: "airflow",
    label: "task killed",
    nature: "transient",
    pattern: "Received SIGTERM\\. Terminating subprocesses",
    remediation: "rerun",
    summary:
      "The task runner was sent SIGTERM and stopped the task's subprocesses: the task was stopped from outside, not failed by its own code.",
    example: "[2022-01-24, 16:18:18 UTC] {taskinstance.py:1408} ERROR - Received SIGTERM. Terminating subprocesses.",
    source: "https://github.com/apache/airflow/issues/19635",
  },
  {
    id: "airflow.killed-externally",
    service: "airflow",
    label: "task killed",
    nature: "transient",
    pattern: "Was the task killed externally",
    remediation: "rerun",
    summary:
      "The executor reported the task finished while Airflow still had it queued: the worker process died or lost the task (autoscaling, a lost Celery message), so a re-run usually succeeds.",
    example:
      "Executor reports task instance <TaskInstance: CSDISPATCHER_OTHERS.dispatch_restores scheduled__2024-08-05T19:47:00+00:00 [queued]> finished (failed) although the task says it's queued. (Info: None) Was the task killed externally",
    source: "https://github.com/apache/airflow/issues/41276",
  },
  {
    id: "airflow.zombie-job",
    service: "airflow",
    label: "task killed",
    nature: "transient",
    pattern: "Detected zombie job",
    remediation: "rerun",
    summary:
      "The scheduler stopped receiving the task's heartbeat and failed it as a zombie: its worker died or was overloaded, which says nothing against the task itself.",
    example: "Detected zombie job: {'full_filepath': '/usr/local/airflow/dags/somefilepath/pipelines/florence_dag.py'}",
    source: "https://github.com/aws/aws-mwaa-local-runner/issues/400",
  },
  {
    id: "airflow.jobs-without-heartbeat",
    service: "airflow",
    label: "task killed",
    nature: "transient",
    pattern: "Failing \\(\\d+\\) jobs without heartbeat",
    remediation: "rerun",
    summary:
      "The scheduler's zombie sweep failed jobs whose heartbeat stopped: the worker went away under the task, so a re-run is likely to succeed.",
    example:
      "[2024-10-08T11:17:28.212+00000] {{scheduler_job_runner.py:1751}} WARNING - Failing (1) jobs without heartbeat after 2024-10-08 10:57:28.178429+00:00",
    source: "https://github.com/aws/aws-mwaa-local-runner/issues/400",
  },

  // ---- Timeouts ----------------------------------------------------------------------------
  {
    // Before the task timeout: the DagBag's import timeout reads "Timeout, PID" too, but it is a parse failure.
    id: "airflow.dag-import-timeout",
    service: "airflow",
    label: "dag import timeout",
    nature: "permanent",
    pattern: "Broken DAG: \\[[^\\]]*\\] Timeout, PID",
    remediation: "none",
    summary:
      "The DAG file took longer to import than dagbag_import_timeout (heavy top-level code), so the DAG is broken until the file or the timeout changes; re-running tasks does not re-parse it.",
    example: "Broken DAG: [/home/ubuntu/efs/airflow/dags/tableau_refresh.py] Timeout, PID: 25458",
    source: "https://github.com/apache/airflow/pull/11235",
  },
  {
    id: "airflow.pod-launching-timeout",
    service: "airflow",
    label: "timeout",
    nature: "transient",
    pattern: "Pod Launching failed: .*Timeout, PID",
    remediation: "rerun",
    summary:
      "The task's execution_timeout fired while KubernetesPodOperator was still waiting on its pod: a slow or stuck pod, which a re-run (or a longer timeout) usually gets past.",
    example:
      "[2020-09-30 05:44:30,060] {taskinstance.py:1150} ERROR - Pod Launching failed: Pod Launching failed: Timeout, PID: 12846",
    source: "https://github.com/apache/airflow/issues/11201",
  },
  {
    id: "airflow.execution-timeout",
    service: "airflow",
    label: "timeout",
    nature: "transient",
    types: ["AirflowTaskTimeout"],
    pattern: "Process timed out, PID",
    remediation: "rerun",
    summary:
      "The task ran past its execution_timeout and Airflow interrupted it: a slow run or a stuck external call, which a re-run is likely to get past.",
    example: "[2023-02-15, 20:58:20 IST] {timeout.py:68} ERROR - Process timed out, PID: 11392",
    source: "https://github.com/apache/airflow/issues/29557",
  },

  // ---- Broken DAGs, missing modules, templates ---------------------------------------------
  {
    id: "airflow.broken-dag-missing-module",
    service: "airflow",
    label: "missing module",
    nature: "permanent",
    pattern: "Broken DAG: \\[[^\\]]*\\] No module named",
    remediation: "none",
    summary:
      "The DAG file imports a package the environment does not have (missing from requirements.txt or plugins): every parse fails the same way until it is installed.",
    example: "Broken DAG: [/usr/local/airflow/dags/example_dag_factory.py] No module named 'dagfactory'",
    source: "https://github.com/astronomer/dag-factory/issues/77",
  },
  {
    id: "airflow.broken-dag",
    service: "airflow",
    label: "code error",
    nature: "permanent",
    pattern: "Broken DAG: \\[",
    remediation: "none",
    summary:
      "The DAG file raised while Airflow imported it, so the DAG cannot be scheduled: a code error that fails the same way on every parse.",
    example: "Broken DAG: [/opt/airflow/dags/Dags Dynamic/include/dag-template.py] Traceback (most recent call last):",
    source: "https://github.com/astronomer/dynamic-dags-tutorial/issues/2",
  },
  {
    id: "airflow.module-not-found",
    service: "airflow",
    label: "missing module",
    nature: "permanent",
    types: ["ModuleNotFoundError"],
    remediation: "none",
    summary:
      "A module the DAG or task imports is not installed (or not on the path of plugins): a re-run imports the same missing module.",
    example: "ModuleNotFoundError: No module named 'operators'",
    source: "https://github.com/aws-samples/amazon-mwaa-automating-dag-deployment/issues/2",
  },
  {
    id: "airflow.template-undefined",
    service: "airflow",
    label: "template error",
    nature: "permanent",
    types: ["UndefinedError"],
    remediation: "none",
    summary:
      "A Jinja template refers to a name the rendering context does not have (a missing param or macro): rendering fails identically on every run.",
    example: "UndefinedError: 'dict object' has no attribute 'foo'",
    source: "https://github.com/apache/airflow/issues/49075",
  },
  {
    id: "airflow.template-syntax",
    service: "airflow",
    label: "template error",
    nature: "permanent",
    types: ["TemplateSyntaxError"],
    remediation: "none",
    summary:
      "A Jinja template (a templated field or .sql file) does not parse: the same template fails the same way until it is fixed.",
    example:
      "jinja2.exceptions.TemplateSyntaxError: Encountered unknown tag 'endfor'. You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
    source: "https://github.com/MetaCell/cloud-harness/issues/589",
  },
  {
    id: "airflow.template-render",
    service: "airflow",
    label: "template error",
    nature: "permanent",
    pattern: "Exception rendering Jinja template for task",
    remediation: "none",
    summary:
      "Airflow could not render a templated field of the task before running it: the template or its inputs are wrong, and rendering them again gives the same error.",
    example:
      "[2024-05-13 03:50:17,424] {abstractoperator.py:708} ERROR - Exception rendering Jinja template for task 'redacted', field 'op_kwargs'. Template: {redacted}",
    source: "https://github.com/apache/airflow/issues/39584",
  },

  // ---- Connections and the metadata database -----------------------------------------------
  {
    id: "airflow.connection-not-defined",
    service: "airflow",
    label: "missing connection",
    nature: "permanent",
    types: ["AirflowNotFoundException"],
    pattern: "The conn_id .* isn't defined",
    remediation: "none",
    summary:
      "The task uses a connection id that is not defined in the environment (UI, secrets backend or environment variables): it fails the same way until the connection exists.",
    example: "airflow.exceptions.AirflowNotFoundException: The conn_id `postgres` isn't defined",
    source: "https://github.com/aws/aws-mwaa-local-runner/issues/209",
  },
  {
    id: "airflow.connection-not-found",
    service: "airflow",
    label: "missing connection",
    nature: "permanent",
    types: ["CONNECTION_NOT_FOUND"],
    remediation: "none",
    summary:
      "Airflow 3's task SDK could not find the connection the task asked for: a configuration gap that a re-run meets again.",
    example: "AirflowRuntimeError: CONNECTION_NOT_FOUND: {'conn_id': 'my_conn'}",
    source: "https://github.com/apache/airflow/pull/52968",
  },
  {
    id: "airflow.undefined-table",
    service: "airflow",
    label: "missing table",
    nature: "permanent",
    types: ["UndefinedTable"],
    remediation: "none",
    summary:
      "PostgreSQL has no such relation (a task's table, or Airflow's own metadata tables before a db migrate): the same statement fails until the table exists.",
    example: 'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation "dag" does not exist',
    source: "https://github.com/apache/airflow/issues/17836",
  },
  {
    id: "airflow.postgres-connection-refused",
    service: "airflow",
    label: "network error",
    nature: "transient",
    pattern: "could not connect to server: Connection refused",
    remediation: "rerun",
    summary:
      "The PostgreSQL server (a task's database or Airflow's metadata database) refused the connection: it was down or restarting, which a later attempt usually finds fixed.",
    example:
      "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server: Connection refused",
    source: "https://github.com/mikeizbicki/cmc-csci143/issues/331",
  },

  // ---- Operators and task code -------------------------------------------------------------
  {
    id: "airflow.http-max-retries",
    service: "airflow",
    label: "network error",
    nature: "transient",
    pattern: "Max retries exceeded with url",
    remediation: "rerun",
    summary:
      "An HTTP call from the task could not reach its host after urllib3's retries (connection refused or timed out): a network or remote outage that a later run is likely to get through.",
    example:
      "[2021-04-13 00:07:17,520] {taskinstance.py:1152} ERROR - HTTPSConnectionPool(host='data.trilliumtransit.com', port=443): Max retries exceeded with url: /gtfs/cudahy-ca-us/cudahy-ca-us.zip (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7fc67a748400>: Failed to establish a new connection: [Errno 110] Connection timed out',))",
    source: "https://github.com/cal-itp/data-infra/issues/56",
  },
  {
    id: "airflow.http-too-many-requests",
    service: "airflow",
    label: "throttling",
    nature: "capacity",
    pattern: "\\b429 Client Error: Too Many Requests",
    remediation: "rerun_later",
    summary:
      "The API the task calls rate-limited it (HTTP 429): the request was fine, so a re-run after the limit resets succeeds.",
    example: "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url",
    source: "https://github.com/corradio/polynomial/issues/58",
  },
  {
    id: "airflow.bad-date-format",
    service: "airflow",
    label: "bad data",
    nature: "permanent",
    pattern: "time data .* does not match format",
    remediation: "none",
    summary:
      "strptime was given a date string that does not match the expected format (often a templated date or a value from the data): the same input fails the same way.",
    example: "ValueError: time data '1-1-19' does not match format '%Y-%m-%d'",
    source: "https://github.com/muccg/rdrf/issues/960",
  },
  {
    id: "airflow.key-error",
    service: "airflow",
    label: "code error",
    nature: "permanent",
    types: ["KeyError"],
    remediation: "none",
    summary:
      "The task code looked up a key that is not there (a missing dict entry, XCom or conf value): a code or input error that repeats on a re-run.",
    example: "[2018-08-13 21:04:35,574] {base_task_runner.py:98} INFO - Subtask: KeyError: 'i'",
    source: "https://github.com/gtoonstra/etl-with-airflow/pull/13",
  },
  {
    id: "airflow.bash-command-failed",
    service: "airflow",
    label: "command failed",
    nature: "permanent",
    pattern: "Bash command failed\\. The command returned a non-zero exit code",
    remediation: "none",
    summary:
      "The BashOperator's command exited non-zero; the cause is in the command's own output above this line, so without it the failure is treated as one a re-run repeats.",
    example: "airflow.exceptions.AirflowException: Bash command failed. The command returned a non-zero exit code 1.",
    source: "https://github.com/ankurchavda/streamify/issues/8",
  },

  // ---- Scheduler, executor, pools ----------------------------------------------------------
  {
    id: "airflow.celery-command-failed",
    service: "airflow",
    label: "worker failure",
    nature: "transient",
    pattern: "Celery command failed",
    remediation: "rerun",
    summary:
      "The Celery worker could not run the task's airflow command (the worker or its connection to the metadata database failed before the task ran): infrastructure, not task code.",
    example: "AirflowException: Celery command failed on host: ip-10-0-10-110.us-west-2.compute.internal",
    source: "https://github.com/apache/airflow/issues/16025",
  },
  {
    id: "airflow.dag-not-found",
    service: "airflow",
    label: "missing dag",
    nature: "permanent",
    pattern: "dag_id could not be found",
    remediation: "none",
    summary:
      "The worker could not find the task's DAG: the DAG file is missing there or failed to parse; a re-run meets the same DagBag until the file is fixed or synced.",
    example:
      "[2021-04-20 20:54:29,109: ERROR/ForkPoolWorker-15] Failed to execute task dag_id could not be found: task0. Either the dag did not exist or it failed to parse..",
    source: "https://github.com/apache/airflow/issues/10790",
  },
  {
    id: "airflow.pool-slots",
    service: "airflow",
    label: "pool slots",
    nature: "capacity",
    pattern: "open slots in (?:the )?pool",
    remediation: "rerun_later",
    summary:
      "The task's pool had no free slots, so the scheduler held it back: capacity, which frees up as other tasks in the pool finish.",
    example:
      "[2021-12-09 19:37:51,949] {scheduler_job.py:407} INFO - Not executing <TaskInstance: a_pool.my_task scheduled__2021-12-09T19:08:00+00:00 [scheduled]> since it requires 4 slots but there are 2 open slots in the pool my_pool.",
    source: "https://github.com/apache/airflow/pull/20178",
  },
  {
    id: "airflow.scheduler-not-running",
    service: "airflow",
    label: "scheduler down",
    nature: "transient",
    pattern: "The scheduler does not appear to be running",
    remediation: "rerun",
    summary:
      "The scheduler stopped heartbeating, so no new tasks were scheduled; cleared tasks run again once it is back (on MWAA, AWS points first at the security group's access to the metadata database on port 5432).",
    example: "The scheduler does not appear to be running. Last heartbeat was received 9 seconds ago",
    source: "https://github.com/apache/airflow/issues/9807",
  },

  // ---- Amazon MWAA environments ------------------------------------------------------------
  {
    id: "mwaa.incorrect-configuration",
    service: "mwaa",
    label: "invalid configuration",
    nature: "permanent",
    types: ["INCORRECT_CONFIGURATION"],
    remediation: "none",
    summary:
      "MWAA could not bring the environment up: its execution role or VPC networking is wrong, and the environment stays failed until they are fixed.",
    example:
      "Error: waiting for MWAA Environment (data_platform_mwaa_environment) create: unexpected state 'CREATE_FAILED', wanted target 'AVAILABLE'. last error: INCORRECT_CONFIGURATION: You may need to check the execution role permissions policy for your environment, and that each of the VPC networking components required by the environment are configured to allow traffic. Troubleshooting: https://docs.aws.amazon.com/mwaa/latest/userguide/troubleshooting.html",
    source: "https://github.com/LBHackney-IT/Data-Platform/pull/1764",
  },
  {
    id: "mwaa.create-failed",
    service: "mwaa",
    label: "invalid configuration",
    nature: "permanent",
    // Case-sensitive: the status is written in capitals, and "create failed" in prose is something else.
    pattern: "\\bCREATE_FAILED\\b",
    flags: "",
    remediation: "none",
    summary:
      "The environment could not be created (networking, permissions or requirements): nothing runs on it, and it must be fixed and recreated, not retried.",
    example:
      "CREATE_FAILED - Indicates the request to create the environment failed, and the environment could not be created.",
    source:
      "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/mwaa/aws.sdk.kotlin.services.mwaa.model/-environment/status.html",
  },
  {
    id: "mwaa.update-failed",
    service: "mwaa",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "\\bUPDATE_FAILED\\b",
    flags: "",
    remediation: "none",
    summary:
      "An environment update (class, requirements, plugins, configuration) failed and MWAA rolled back to the previous version: the change itself needs fixing.",
    example: "UPDATE_FAILED",
    source: "https://docs.aws.amazon.com/mwaa/latest/userguide/t-create-update-environment.html",
  },
  {
    id: "mwaa.rolling-back",
    service: "mwaa",
    label: "environment unavailable",
    nature: "transient",
    pattern: "\\bROLLING_BACK\\b",
    flags: "",
    remediation: "rerun",
    summary:
      "An update failed and MWAA is restoring the environment from its snapshot: tasks that failed meanwhile run again once it is AVAILABLE.",
    example:
      "ROLLING_BACK - Indicates the request to update environment details, or upgrade the environment version, failed and Amazon MWAA is restoring the environment using the latest storage volume snapshot.",
    source:
      "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/mwaa/aws.sdk.kotlin.services.mwaa.model/-environment/status.html",
  },
  {
    id: "mwaa.bucket-public-access",
    service: "mwaa",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Provided bucket does not have BlockPublicAccess set",
    remediation: "none",
    summary:
      "MWAA requires its DAGs bucket to block public access (and its role to see that setting): the create or update is rejected until the bucket is configured.",
    example:
      "Invalid request provided: Provided bucket does not have BlockPublicAccess set for s3 bucket {nameofs3bucket}. (Service: Mwaa, Status Code: 400, Request ID: 634a77b4-0105-443d-a64f-d8ef3c141c26, Extended Request ID: null)",
    source: "https://github.com/094459/innovateaiml-airflow/issues/1",
  },
  {
    id: "mwaa.role-s3-permissions",
    service: "mwaa",
    label: "access denied",
    nature: "permanent",
    pattern: "Provided role does not have sufficient permissions for s3 location",
    remediation: "none",
    summary:
      "The execution role cannot read the environment's S3 location (DAGs, plugins, requirements): a permission gap that rejects every attempt until the policy is fixed.",
    example:
      "Invalid request provided: Provided role does not have sufficient permissions for s3 location airflow-xxx-xxx/dags",
    source: "https://github.com/094459/innovateaiml-airflow/issues/1",
  },
  {
    id: "mwaa.requirements-conflict",
    service: "mwaa",
    label: "dependency conflict",
    nature: "permanent",
    pattern: "because these package versions have conflicting dependencies",
    remediation: "none",
    summary:
      "pip could not resolve requirements.txt against the environment's constraints: the same file fails the same way on every install.",
    example:
      "ERROR: Cannot install apache-airflow-providers-datadog==3.5.0 because these package versions have conflicting dependencies.",
    source: "https://github.com/aws/aws-mwaa-local-runner/issues/388",
  },
  {
    id: "mwaa.requirement-not-found",
    service: "mwaa",
    label: "missing package",
    nature: "permanent",
    pattern: "Could not find a version that satisfies the requirement",
    remediation: "none",
    summary:
      "A package pinned in requirements.txt has no matching version for the environment's Python or index (or the index is unreachable from a private network): the install fails until the pin or the source changes.",
    example: "ERROR: Could not find a version that satisfies the requirement apache-airflow==2.10.1",
    source: "https://github.com/aws/amazon-mwaa-docker-images/issues/217",
  },
  {
    id: "mwaa.no-matching-distribution",
    service: "mwaa",
    label: "missing package",
    nature: "permanent",
    pattern: "No matching distribution found for",
    remediation: "none",
    summary:
      "pip found no installable distribution for a requirement: the same requirements.txt fails the same way on every update.",
    example: "ERROR: No matching distribution found for apache-airflow==2.10.1",
    source: "https://github.com/aws/amazon-mwaa-docker-images/issues/217",
  },
] as const satisfies readonly SignatureInput[];
