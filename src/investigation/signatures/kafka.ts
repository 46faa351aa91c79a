/**
 * Apache Kafka and Amazon MSK error signatures, as producers, consumers and connectors log them
 * (the Java client, kafka-python, Kafka Connect), each with the public page it comes from. Data
 * only (see ./schema.ts for the shape).
 *
 * Kafka's exception classes mostly name one cause each and are given as types. Three are not:
 * TimeoutException (metadata, batch expiry and fetch timeouts all use it), SerializationException
 * (a wrong format, a missing schema id) and CommitFailedException (Iceberg has a class of the same
 * simple name): those entries match on the message, because a type wins over every pattern, in
 * this table and across the catalogue. The MSK IAM entries come before the generic SASL one for the
 * same reason.
 */
import type { SignatureInput } from "./schema.js";

export const KAFKA_SIGNATURES = [
  // ---- Consumer groups ------------------------------------------------------------------------
  {
    id: "kafka.commit-failed-rebalanced",
    service: "kafka",
    label: "rebalance",
    nature: "transient",
    // Not CommitFailedException as a type: Iceberg throws a class of that simple name for a commit race.
    types: ["CommitFailedError"],
    pattern:
      "(?:Offset commit|Commit) cannot be completed since the (?:group has already rebalanced|consumer is not part of an active group)",
    remediation: "rerun",
    summary:
      "The consumer spent longer than max.poll.interval.ms between polls, the group rebalanced and its partitions went to another member: the commit is lost, the work is not wrong, and a restart rejoins the group.",
    example:
      "org.apache.kafka.clients.consumer.CommitFailedException: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.",
    source: "https://github.com/dushixiang/kafka-map/issues/72",
  },
  {
    id: "kafka.rebalance-in-progress",
    service: "kafka",
    label: "rebalance",
    nature: "transient",
    types: ["RebalanceInProgressException", "RebalanceInProgressError"],
    remediation: "rerun",
    summary:
      "An offset commit arrived while the group was rebalancing; Kafka marks it retriable once the rebalance completes.",
    example:
      "periodic commit failed: org.apache.kafka.common.errors.RebalanceInProgressException: Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling poll() and then retry the operation. [client-id: cmd-router-consumer-4f4fae11-98ad-44e3-9fde-d9ef95130187]",
    source: "https://github.com/eclipse-hono/hono/pull/2978",
  },
  {
    id: "kafka.coordinator-not-available",
    service: "kafka",
    label: "coordinator unavailable",
    nature: "transient",
    types: ["CoordinatorNotAvailableException", "COORDINATOR_NOT_AVAILABLE"],
    remediation: "rerun",
    summary:
      "The group coordinator was not available (a broker restarting, the offsets topic still loading): a retriable error that clears once the coordinator is elected.",
    example:
      "java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.CoordinatorNotAvailableException: The coordinator is not available.",
    source: "https://github.com/apache/kafka/pull/6255",
  },
  {
    id: "kafka.offset-out-of-range",
    service: "kafka",
    label: "offset out of range",
    nature: "permanent",
    types: ["OffsetOutOfRangeException"],
    remediation: "none",
    summary:
      "The committed offset is no longer on the broker (retention deleted it) and auto.offset.reset is none: restarting from the same offset fails the same way until the offset is reset, which may skip data.",
    example:
      "org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Offsets out of range with no configured reset policy for partitions: {daf-iot-events-10=46123606}",
    source: "https://github.com/italia/daf/issues/178",
  },

  // ---- Brokers, leaders, the network -----------------------------------------------------------
  {
    id: "kafka.not-leader",
    service: "kafka",
    label: "leader change",
    nature: "transient",
    // NotLeaderForPartitionException is the same error's name before Kafka 2.6.
    types: ["NotLeaderOrFollowerException", "NotLeaderForPartitionException"],
    remediation: "rerun",
    summary:
      "The request reached a broker that is no longer the partition's leader (a leader election, a broker restart): the client refreshes its metadata and the retry goes to the new leader.",
    example:
      "Caused by: org.apache.kafka.common.errors.NotLeaderOrFollowerException: For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.",
    source: "https://github.com/confluentinc/schema-registry/issues/2862",
  },
  {
    id: "kafka.not-enough-replicas",
    service: "kafka",
    label: "lost node",
    nature: "transient",
    types: ["NotEnoughReplicasException"],
    remediation: "rerun",
    summary:
      "Fewer in-sync replicas than min.insync.replicas (brokers down or lagging): writes with acks=all are refused until the replicas catch up; if it persists, the topic asks for more replicas than the cluster has.",
    example:
      "org.apache.kafka.common.errors.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required.",
    source: "https://github.com/Yolean/kubernetes-kafka/pull/134",
  },
  {
    id: "kafka.broker-unavailable",
    service: "kafka",
    label: "network error",
    nature: "transient",
    pattern: "could not be established\\. Broker may not be available",
    remediation: "rerun",
    summary:
      "The client could not connect to a broker (down, restarting, or unreachable from the client's network): a retry succeeds once it is reachable; if it never is, check the bootstrap servers and advertised listeners.",
    example:
      "2019-01-19T14:22:13.633Z [warn] org.apache.kafka.clients.NetworkClient [] - Connection to node -1 could not be established. Broker may not be available.",
    source: "https://github.com/lagom/lagom/issues/1285",
  },
  {
    id: "kafka.disconnected",
    service: "kafka",
    label: "network error",
    nature: "transient",
    types: ["DisconnectException"],
    remediation: "rerun",
    summary:
      "The broker connection dropped during a fetch (idle timeout, broker restart, a network blip): the client reconnects and the fetch is retried.",
    example:
      "2020-04-18 10:11:49.604  INFO 9016 --- [dateConsumers-1] o.a.kafka.clients.FetchSessionHandler    : [Consumer clientId=consumer-1, groupId=metricsUpdateConsumers] Error sending fetch request (sessionId=INVALID, epoch=INITIAL) to node 53375971: org.apache.kafka.common.errors.DisconnectException.",
    source: "https://github.com/reactor/reactor-kafka/issues/131",
  },
  {
    id: "kafka.server-disconnected",
    service: "kafka",
    label: "network error",
    nature: "transient",
    pattern: "The server disconnected before a response was received",
    remediation: "rerun",
    summary:
      "The broker closed the connection before answering a request: a network or broker restart error the producer retries after refreshing its metadata.",
    example: "org.apache.kafka.common.errors.NetworkException: The server disconnected before a response was received.",
    source: "https://github.com/confluentinc/kafka-rest/issues/140",
  },

  // ---- Timeouts (one exception class, several causes) ------------------------------------------
  {
    id: "kafka.metadata-update-timeout",
    service: "kafka",
    label: "timeout",
    nature: "transient",
    pattern: "Failed to update metadata after \\d+ ms",
    remediation: "rerun",
    summary:
      "The producer could not get cluster metadata within max.block.ms (brokers unreachable or restarting): a retry succeeds once they answer; a wrong broker list fails every time.",
    example: "org.apache.kafka.common.errors.TimeoutException: Failed to update metadata after 60000 ms.",
    source: "https://github.com/Seunghoon-Oh/chatting-kafka/issues/1",
  },
  {
    id: "kafka.topic-not-in-metadata",
    service: "kafka",
    label: "timeout",
    nature: "transient",
    pattern: "not present in metadata after \\d+ ms",
    remediation: "rerun",
    summary:
      "The producer waited max.block.ms for the topic to appear in metadata: a transient metadata delay, or a topic that does not exist (with auto-creation off) if it happens every time.",
    example:
      "Caused by: org.apache.kafka.common.errors.TimeoutException: Topic mediastate_topic not present in metadata after 60000 ms.",
    source: "https://github.com/Azure/azure-event-hubs-for-kafka/issues/32",
  },
  {
    id: "kafka.topic-metadata-fetch-timeout",
    service: "kafka",
    label: "timeout",
    nature: "transient",
    pattern: "Timeout expired while fetching topic metadata",
    remediation: "rerun",
    summary:
      "The consumer's topic metadata request timed out (brokers slow or unreachable): a retry usually gets the metadata.",
    example:
      "Caused by: org.apache.kafka.common.errors.TimeoutException: Timeout expired while fetching topic metadata",
    source: "https://github.com/apache/pinot/issues/14372",
  },
  {
    id: "kafka.batch-expired",
    service: "kafka",
    label: "timeout",
    nature: "transient",
    pattern: "Expiring \\d+ record\\(s\\) for",
    remediation: "rerun",
    summary:
      "Records waited in the producer longer than the delivery timeout and were dropped (a slow or unavailable leader, an overloaded broker): resending them later usually succeeds.",
    example:
      "org.apache.kafka.common.errors.TimeoutException: Expiring 11 record(s) for crm7-2: 30941 ms has passed since batch creation plus linger time",
    source: "https://github.com/alibaba/canal/issues/4840",
  },

  // ---- Records and their format -----------------------------------------------------------------
  {
    id: "kafka.record-too-large",
    service: "kafka",
    label: "record too large",
    nature: "permanent",
    types: ["RecordTooLargeException"],
    remediation: "none",
    summary:
      "A record is larger than the producer's max.request.size (or the topic's max.message.bytes): the same record is rejected every time until the limits or the record change.",
    example:
      "org.apache.kafka.common.errors.RecordTooLargeException: The message is 4794004 bytes when serialized which is larger than the maximum request size you have configured with the max.request.size configuration.",
    source: "https://github.com/EthVM/EthVM/issues/546",
  },
  {
    id: "kafka.unknown-magic-byte",
    service: "kafka",
    label: "serialization error",
    nature: "permanent",
    pattern: "Unknown magic byte",
    remediation: "none",
    summary:
      "A record is not in Confluent's schema-registry wire format (no magic byte and schema id) but is read with a registry deserializer: every read of it fails until the converter or the producer changes.",
    example: "Caused by: org.apache.kafka.common.errors.SerializationException: Unknown magic byte!",
    source: "https://github.com/confluentinc/kafka-connect-hdfs/issues/202",
  },
  {
    id: "kafka.deserialization-error",
    service: "kafka",
    label: "serialization error",
    nature: "permanent",
    pattern: "Error deserializing key/value for partition",
    remediation: "none",
    summary:
      "The consumer's deserializer cannot read a record at that offset (a poison record or a format mismatch): consumption stops there until the record is skipped or the deserializer fixed.",
    example:
      "failure: Error deserializing key/value for partition test.v0-2 at offset 26. If needed, please seek past the record to continue consumption. (type: org.apache.kafka.common.errors.SerializationException)",
    source: "https://github.com/adevinta/zoe/issues/42",
  },
  {
    id: "kafka.unknown-topic",
    service: "kafka",
    label: "missing topic",
    nature: "permanent",
    types: ["UnknownTopicOrPartitionException"],
    remediation: "none",
    summary:
      "The broker does not host the topic or partition (it does not exist, or was deleted): a job that needs it fails the same way until it is created.",
    example:
      "Caused by: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.",
    source: "https://github.com/linkedin/kafka-monitor/issues/184",
  },

  // ---- Authentication and authorisation (MSK IAM first: it is a SaslAuthenticationException too) ----
  {
    id: "kafka.msk-iam-missing-credentials",
    service: "kafka",
    label: "missing credentials",
    nature: "permanent",
    pattern: "Failed to find AWS IAM Credentials",
    remediation: "none",
    summary:
      "The MSK IAM login module found no AWS credentials in its provider chain (no role, no environment or profile): every connection fails until credentials are provided.",
    example:
      "[AdminClient clientId=adminclient-1] Connection to node -1 (<broker-endpoint>:9098) failed authentication due to: An error: (java.security.PrivilegedActionException: javax.security.sasl.SaslException: Failed to find AWS IAM Credentials [Caused by software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain",
    source: "https://github.com/streamthoughts/jikkou/issues/519",
  },
  {
    id: "kafka.msk-iam-sasl-client",
    service: "kafka",
    label: "invalid configuration",
    nature: "permanent",
    pattern: "Failed to create SaslClient with mechanism AWS_MSK_IAM",
    remediation: "none",
    summary:
      "The client cannot set up the AWS_MSK_IAM mechanism (the aws-msk-iam-auth library or its JAAS and callback settings are missing or wrong): a configuration error of the client.",
    example:
      "Caused by: org.apache.kafka.common.errors.SaslAuthenticationException: Failed to create SaslClient with mechanism AWS_MSK_IAM",
    source: "https://github.com/aws/aws-msk-iam-auth/issues/142",
  },
  {
    id: "kafka.sasl-authentication-failed",
    service: "kafka",
    label: "access denied",
    nature: "permanent",
    types: ["SaslAuthenticationFailedError"],
    pattern: "SaslAuthenticationException|SASL Authentication failed",
    remediation: "none",
    summary:
      "The brokers rejected the client's SASL authentication (wrong credentials, or an IAM policy without the kafka-cluster actions): every connection is refused until that is fixed.",
    example: "[Error 58] SaslAuthenticationFailedError: [cc8333d3-37a9-4bb8-9d5a-1b1127502cad]: Access denied",
    source: "https://github.com/dpkp/kafka-python/issues/2638",
  },
  {
    id: "kafka.topic-authorization",
    service: "kafka",
    label: "access denied",
    nature: "permanent",
    types: ["TopicAuthorizationException"],
    remediation: "none",
    summary:
      "The principal has no ACL (or IAM permission on MSK) for the topic: every read or write of it is refused until access is granted.",
    example: "org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [mytopic]",
    source: "https://github.com/provectus/kafka-ui/issues/4360",
  },
  {
    id: "kafka.group-authorization",
    service: "kafka",
    label: "access denied",
    nature: "permanent",
    types: ["GroupAuthorizationException"],
    remediation: "none",
    summary:
      "The principal may not use the consumer group (no ACL or IAM permission for the group): the consumer cannot join or commit until access is granted.",
    example:
      "org.apache.kafka.common.errors.GroupAuthorizationException: Not authorized to access group: test_configuration",
    source: "https://github.com/redpanda-data/redpanda/issues/26281",
  },
] as const satisfies readonly SignatureInput[];
