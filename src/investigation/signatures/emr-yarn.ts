/**
 * Error signatures of Amazon EMR clusters (state-change reasons, provisioning, bootstrap) and of
 * the YARN resource manager under them. Data only: each `example` is copied from its `source`,
 * read by ./match.ts.
 *
 * Order matters (first match wins): specific entries first. YARN's memory kills come before
 * anything about lost executors, because one line often says both ("Lost executor 1 …: Container
 * killed by YARN for exceeding memory limits") and the memory limit is the cause.
 */
import type { SignatureInput } from "./schema.js";

const EMR_GUIDE = "https://docs.aws.amazon.com/emr/latest/ManagementGuide";

export const EMR_YARN_SIGNATURES = [
  // ---- YARN: containers killed for memory ----------------------------------------------------
  {
    id: "yarn.memory-limit",
    service: "yarn",
    label: "memory",
    nature: "capacity",
    pattern: "Container killed by YARN for exceeding (?:\\w+ )?memory limits",
    remediation: "rerun_later",
    summary:
      "YARN killed a container that used more memory than it was given (heap plus overhead); a run with more memory overhead or fewer cores per executor gets through.",
    example:
      "18/06/13 16:54:29 WARN YarnAllocator: Container killed by YARN for exceeding memory limits. 5.5 GB of 5.5 GB physical memory used. Consider boosting spark.yarn.executor.memoryOverhead.",
    source: "https://docs.aws.amazon.com/glue/latest/dg/monitor-profile-debug-oom-abnormalities.html",
  },
  {
    id: "yarn.physical-memory-limit",
    service: "yarn",
    label: "memory",
    nature: "capacity",
    pattern: "is running beyond physical memory limits",
    remediation: "rerun_later",
    summary:
      "The NodeManager killed a container whose resident memory passed its allocation (exit status -104); more memory per container fixes it.",
    example:
      "2020-09-04 11:43:51,536 INFO  [AMRM Callback Handler Thread] master.RMCommunicator (RMCommunicator.java:onContainersCompleted(40)) - got container status for containerID=container_1598507699008_0094_01_000010, state=COMPLETE, exitStatus=-104, diagnostics=Container [pid=8788,containerID=container_1598507699008_0094_01_000010] is running beyond physical memory limits. Current usage: 9.8 GB of 9.8 GB physical memory used; 43.0 GB of 47.6 TB virtual memory used. Killing container.",
    source: "https://github.com/alibaba/EasyRec/issues/21",
  },
  {
    id: "yarn.virtual-memory-limit",
    service: "yarn",
    label: "memory",
    nature: "capacity",
    pattern: "is running beyond virtual memory limits",
    remediation: "rerun_later",
    summary:
      "The NodeManager killed a container whose virtual memory passed the vmem-pmem ratio (exit status -103); more memory, or a relaxed vmem check, fixes it.",
    example:
      "[2019-02-13 07:44:33.796]Container [pid=188212,containerID=container_e04_1548839040935_6713_01_000002] is running beyond virtual memory limits. Current usage: 264.3 MB of 1 GB physical memory used; 2.8 GB of 2.1 GB virtual memory used. Killing container.",
    source: "https://github.com/microsoft/pai/issues/1151",
  },
  {
    // 137 = 128 + SIGKILL: on YARN almost always the kernel's or YARN's out-of-memory kill.
    id: "yarn.exit-137",
    service: "yarn",
    label: "memory",
    nature: "capacity",
    pattern: "Exit (?:code is|status:) 137\\b",
    remediation: "rerun_later",
    summary:
      "A container was killed with SIGKILL (exit 137), on YARN nearly always for memory; more memory per executor usually fixes it.",
    example:
      "22/02/22 15:02:23 ERROR YarnScheduler: Lost executor 38 on ip-172-31-39-85.us-east-2.compute.internal: Container from a bad node: container_1645539745894_0001_01_000074 on host: ip-172-31-39-85.us-east-2.compute.internal. Exit status: 137. Diagnostics: [2022-02-22 15:02:23.483]Container killed on request. Exit code is 137",
    source: "https://github.com/ldbc/ldbc_snb_datagen_spark/issues/381",
  },
  {
    // EMR documents this as the symptom of a VPC without the DHCP options set EMR needs.
    id: "yarn.application-not-found",
    service: "yarn",
    label: "invalid configuration",
    nature: "permanent",
    types: ["ApplicationNotFoundException"],
    pattern: "doesn't exist in RM",
    remediation: "none",
    summary:
      "The ResourceManager does not know the application just submitted; on EMR this points at the VPC's DHCP options set, which must be fixed first.",
    example:
      "ERROR org.apache.hadoop.streaming.StreamJob (main): Error Launching job : org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException: Application with id 'application_id' doesn't exist in RM.",
    source: `${EMR_GUIDE}/emr-troubleshoot-error-vpc.html`,
  },

  // ---- EMR: instance capacity and quotas -----------------------------------------------------
  {
    id: "emr.spot-instance-limit",
    service: "emr",
    label: "capacity",
    nature: "capacity",
    types: ["MaxSpotInstanceCountExceeded"],
    pattern: "Max spot instance count exceeded|number of spot instances exceeds your limit",
    remediation: "rerun_later",
    summary:
      "EC2 refused more Spot Instances than the account's Spot limit; a cluster started once others release theirs (or on On-Demand) gets its nodes.",
    example:
      "ClientError: An error occurred (MaxSpotInstanceCountExceeded) when calling the RequestSpotInstances operation: Max spot instance count exceeded",
    source: "https://github.com/vrivellino/spoptimize/issues/15",
  },
  {
    id: "emr.ec2-out-of-capacity",
    service: "emr",
    label: "capacity",
    nature: "capacity",
    pattern: "EC2 is out of capacity for",
    remediation: "rerun_later",
    summary:
      "The Availability Zone has no more of the instance type; a later attempt, another instance type or another subnet gets capacity.",
    example: "EC2 is out of capacity for m5.xlarge",
    source: `${EMR_GUIDE}/emr-EC2_INSUFFICIENT_CAPACITY-error.html`,
  },
  {
    id: "emr.ec2-quota-exceeded",
    service: "emr",
    label: "capacity",
    nature: "capacity",
    pattern: "EC2 QUOTA EXCEEDED",
    remediation: "rerun_later",
    summary:
      "The account's EC2 instance quota is used up, often by clusters still releasing their instances; a launch a few minutes later usually fits.",
    example: "EC2 QUOTA EXCEEDED",
    source: `${EMR_GUIDE}/emr-EC2.html`,
  },
  {
    id: "emr.ec2-throttling",
    service: "emr",
    label: "throttling",
    nature: "capacity",
    pattern: "(?:Failed to provision instances due to throttling from|Throttled from) Amazon EC2",
    remediation: "rerun_later",
    summary:
      "EC2 throttled EMR's instance requests (many clusters launching at once); a staggered or later launch succeeds.",
    example: "Failed to provision instances due to throttling from Amazon EC2",
    source: `${EMR_GUIDE}/emr-throttling-error.html`,
  },
  {
    id: "emr.instance-type-not-supported",
    service: "emr",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "The requested instance type \\S+ is not supported in the requested Availability Zone",
    remediation: "none",
    summary:
      "EMR does not offer the instance type in the subnet's Availability Zone; another type or subnet is needed.",
    example: "The requested instance type m5.xlarge is not supported in the requested Availability Zone",
    source: `${EMR_GUIDE}/emr-INSTANCE_TYPE_NOT_SUPPORTED-error.html`,
  },

  // ---- EMR: cluster start-up (networking, permissions, bootstrap) ----------------------------
  {
    id: "emr.invalid-subnet",
    service: "emr",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "The subnet configuration was invalid",
    remediation: "none",
    summary:
      "The cluster's subnet has no route to an internet gateway (or DNS is off in the VPC); the network must be fixed first.",
    example:
      "The subnet configuration was invalid: Cannot find route to InternetGateway in main RouteTable rtb-id for vpc vpc-id.",
    source: `${EMR_GUIDE}/emr-troubleshoot-error-vpc.html`,
  },
  {
    id: "emr.ec2-not-authorized",
    service: "emr",
    label: "access denied",
    nature: "permanent",
    pattern: "User account is not authorized to call EC2",
    remediation: "none",
    summary:
      "The caller (or EMR's service role) lacks the EC2 permissions EMR needs to manage the cluster's instances.",
    example: "User account is not authorized to call EC2.",
    source: `${EMR_GUIDE}/emr-troubleshoot-error-permissions.html`,
  },
  {
    id: "emr.bootstrap-download-failed",
    service: "emr",
    label: "bootstrap failure",
    nature: "permanent",
    pattern: "failed attempting to download bootstrap action \\d+ file",
    remediation: "none",
    summary:
      "An instance could not fetch a bootstrap action script from S3 (wrong path, or no permission); the cluster fails to start until it is fixed.",
    example: "Master instance (i-0000000000000000) failed attempting to download bootstrap action 1 file from S3",
    source: "https://github.com/aws-samples/emr-bootstrap-actions/issues/220",
  },
  {
    id: "emr.bootstrap-failure",
    service: "emr",
    label: "bootstrap failure",
    nature: "permanent",
    pattern: "bootstrap action \\d+ returned a\\s+non-zero return code",
    remediation: "none",
    summary:
      "A bootstrap action script exited with an error on an instance (BOOTSTRAP_FAILURE); the same script fails again, its log on S3 says why.",
    example: "On the master instance (i-02093432d9c865f08), bootstrap action 1 returned a non-zero return code",
    source: "https://github.com/Wittline/pyspark-on-aws-emr/issues/4",
  },
  {
    id: "emr.internal-error",
    service: "emr",
    label: "internal error",
    nature: "transient",
    pattern: "\\bAn internal error occurred\\b",
    remediation: "rerun",
    summary:
      "EMR reports an internal service error (INTERNAL_ERROR) with no cause on the customer's side; a new cluster usually starts.",
    example: "An internal error occurred.",
    source: "https://github.com/awslabs/aws-emr-launch/issues/24",
  },

  // ---- EMR: HDFS and node health -------------------------------------------------------------
  {
    id: "emr.no-core-nodes-left",
    service: "emr",
    label: "disk space",
    nature: "capacity",
    pattern: "\\bNO_SLAVE_LEFT\\b",
    remediation: "rerun_later",
    summary:
      "Every core node was marked unhealthy, usually for full disks, and the cluster terminated; a cluster with more or larger core nodes gets through.",
    example: "Cluster terminates with NO_SLAVE_LEFT and core nodes FAILED_BY_MASTER",
    source: `${EMR_GUIDE}/emr-cluster-NO_SLAVE_LEFT-FAILED_BY_MASTER.html`,
  },
  {
    id: "emr.hdfs-replicate-zero-nodes",
    service: "emr",
    label: "disk space",
    nature: "capacity",
    pattern: "only managed to replicate to zero nodes",
    remediation: "rerun_later",
    summary:
      "HDFS has no space left on the core nodes for a block; more core nodes (or less intermediate data in HDFS) fix it.",
    example: "Cannot replicate block, only managed to replicate to zero nodes.",
    source: `${EMR_GUIDE}/enough-hdfs-space.html`,
  },
  {
    id: "emr.hdfs-replicated-to-0-nodes",
    service: "emr",
    label: "disk space",
    nature: "capacity",
    pattern: "could only be replicated to 0 nodes",
    remediation: "rerun_later",
    summary:
      "The NameNode had no DataNode to write a block to, most often because HDFS is full; adding core nodes or freeing HDFS fixes it.",
    example: "File could only be replicated to 0 nodes instead of 1",
    source: `${EMR_GUIDE}/emr-troubleshoot-error-resource-2.html`,
  },
  {
    id: "emr.too-many-fetch-failures",
    service: "emr",
    label: "lost node",
    nature: "transient",
    pattern: "Too many fetch-failures",
    remediation: "rerun",
    summary:
      "Reduce tasks could not fetch map output (map still running, a node unreachable); the data is fine and a re-run usually completes.",
    example: "Too many fetch-failures",
    source: `${EMR_GUIDE}/emr-troubleshoot-error-resource-1.html`,
  },
] as const satisfies readonly SignatureInput[];
