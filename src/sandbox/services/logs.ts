/**
 * CloudWatch Logs (JSON 1.1, `Logs_20140328.`): the groups of `scenario.logs.groups` plus the Glue
 * error logs of `scenario.glue.jobs` (group /aws-glue/jobs/error, stream = run id). Read-only.
 */
import { z } from "zod";
import { AwsJsonServiceError, createAwsJsonEmulator, InvalidInputError, paginate } from "../protocols/aws-json.js";
import type { Scenario } from "../scenario.js";
import type { EmulatorFactory } from "../types.js";
import { GLUE_ERROR_LOG_GROUP, glueErrorLogStreams, type SeededLogEvent } from "./glue-error-logs.js";
import { compileFilterPattern } from "./logs-filter-pattern.js";

/** Stream name to its events, oldest first. */
type LogGroup = Map<string, SeededLogEvent[]>;

const MAX_EVENTS = 10_000;
const MAX_STREAMS = 50;

const GroupReference = {
  logGroupName: z.string().optional(),
  /** A name or an ARN (arn:aws:logs:region:account:log-group:NAME[:*]). */
  logGroupIdentifier: z.string().optional(),
};
const FilterLogEventsInput = z.object({
  ...GroupReference,
  logStreamNames: z.array(z.string()).optional(),
  logStreamNamePrefix: z.string().optional(),
  filterPattern: z.string().optional(),
  startTime: z.number().optional(),
  endTime: z.number().optional(),
  limit: z.number().int().min(1).max(MAX_EVENTS).optional(),
  nextToken: z.string().optional(),
});
const GetLogEventsInput = z.object({
  ...GroupReference,
  logStreamName: z.string().min(1),
  startTime: z.number().optional(),
  endTime: z.number().optional(),
  startFromHead: z.boolean().optional(),
  limit: z.number().int().min(1).max(MAX_EVENTS).optional(),
  nextToken: z.string().optional(),
});
const DescribeLogStreamsInput = z.object({
  ...GroupReference,
  logStreamNamePrefix: z.string().optional(),
  orderBy: z.enum(["LogStreamName", "LastEventTime"]).optional(),
  descending: z.boolean().optional(),
  limit: z.number().int().min(1).max(MAX_STREAMS).optional(),
  nextToken: z.string().optional(),
});
const DescribeLogGroupsInput = z.object({
  logGroupNamePrefix: z.string().optional(),
  limit: z.number().int().min(1).max(MAX_STREAMS).optional(),
  nextToken: z.string().optional(),
});

export const createLogsEmulator: EmulatorFactory = (scenario) => {
  const groups = seedLogGroups(scenario);
  const arnOf = (group: string) => `arn:aws:logs:${scenario.region}:${scenario.account_id}:log-group:${group}`;

  const groupNamed = (input: { logGroupName?: string | undefined; logGroupIdentifier?: string | undefined }) => {
    const name = input.logGroupName ?? groupNameOf(input.logGroupIdentifier);
    if (!name) throw new InvalidInputError("logGroupName or logGroupIdentifier is required");
    const group = groups.get(name);
    if (!group)
      throw new AwsJsonServiceError(400, "ResourceNotFoundException", "The specified log group does not exist.");
    return { name, group };
  };

  return createAwsJsonEmulator({
    service: "logs",
    version: "1.1",
    validationErrorCode: "InvalidParameterException",
    handlers: {
      FilterLogEvents: (input) => {
        const request = FilterLogEventsInput.parse(input);
        const { group } = groupNamed(request);
        const matches = compileFilterPattern(request.filterPattern);
        const inWindow = timeWindow(request.startTime, request.endTime);
        const streams = [...group.keys()].filter(
          (stream) =>
            (request.logStreamNames === undefined || request.logStreamNames.includes(stream)) &&
            stream.startsWith(request.logStreamNamePrefix ?? ""),
        );
        const events = streams
          .flatMap((stream) => (group.get(stream) ?? []).map((event, index) => ({ stream, index, ...event })))
          .filter((event) => inWindow(event.timestamp) && matches(event.message))
          .sort((a, b) => a.timestamp - b.timestamp || a.stream.localeCompare(b.stream) || a.index - b.index);
        const { page, nextToken } = paginate(events, request.nextToken, request.limit ?? MAX_EVENTS);
        return {
          events: page.map((event) => ({
            logStreamName: event.stream,
            timestamp: event.timestamp,
            message: event.message,
            ingestionTime: event.timestamp,
            eventId: `${event.timestamp}-${event.stream}-${event.index}`,
          })),
          searchedLogStreams: streams.map((stream) => ({ logStreamName: stream, searchedCompletely: true })),
          nextToken,
        };
      },
      GetLogEvents: (input) => {
        const request = GetLogEventsInput.parse(input);
        const { group } = groupNamed(request);
        const stream = group.get(request.logStreamName);
        if (!stream)
          throw new AwsJsonServiceError(400, "ResourceNotFoundException", "The specified log stream does not exist.");
        const inWindow = timeWindow(request.startTime, request.endTime);
        const events = stream.filter((event) => inWindow(event.timestamp));
        const { start, end } = logEventsWindow(events.length, request);
        return {
          events: events.slice(start, end).map((event) => ({ ...event, ingestionTime: event.timestamp })),
          nextForwardToken: `f/${end}`,
          nextBackwardToken: `b/${start}`,
        };
      },
      DescribeLogStreams: (input) => {
        const request = DescribeLogStreamsInput.parse(input);
        const { name, group } = groupNamed(request);
        if (request.orderBy === "LastEventTime" && request.logStreamNamePrefix !== undefined) {
          throw new InvalidInputError("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        const streams = [...group.entries()]
          .filter(([stream]) => stream.startsWith(request.logStreamNamePrefix ?? ""))
          .map(([stream, events]) => describeStream(arnOf(name), stream, events));
        streams.sort((a, b) =>
          request.orderBy === "LastEventTime"
            ? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0)
            : a.logStreamName.localeCompare(b.logStreamName),
        );
        if (request.descending) streams.reverse();
        const { page, nextToken } = paginate(streams, request.nextToken, request.limit ?? MAX_STREAMS);
        return { logStreams: page, nextToken };
      },
      DescribeLogGroups: (input) => {
        const request = DescribeLogGroupsInput.parse(input);
        const names = [...groups.keys()].filter((name) => name.startsWith(request.logGroupNamePrefix ?? "")).sort();
        const { page, nextToken } = paginate(names, request.nextToken, request.limit ?? MAX_STREAMS);
        return {
          logGroups: page.map((name) => ({
            logGroupName: name,
            arn: `${arnOf(name)}:*`,
            logGroupArn: arnOf(name),
            creationTime: creationTimeOf([...(groups.get(name)?.values() ?? [])].flat()),
            storedBytes: 0,
            logGroupClass: "STANDARD",
          })),
          nextToken,
        };
      },
    },
  });
};

/** The scenario's log groups merged with the Glue runs' error logs. */
function seedLogGroups(scenario: Scenario): Map<string, LogGroup> {
  const groups = new Map<string, LogGroup>();
  const add = (group: string, stream: string, events: readonly SeededLogEvent[]) => {
    const streams = groups.get(group) ?? new Map<string, SeededLogEvent[]>();
    groups.set(group, streams);
    streams.set(
      stream,
      [...(streams.get(stream) ?? []), ...events].sort((a, b) => a.timestamp - b.timestamp),
    );
  };
  for (const group of scenario.logs.groups) {
    if (!groups.has(group.name)) groups.set(group.name, new Map());
    for (const stream of group.streams) {
      add(
        group.name,
        stream.name,
        stream.events.map((event) => ({ timestamp: Date.parse(event.timestamp), message: event.message })),
      );
    }
  }
  // Glue creates its error group as soon as a job has run; an empty group is still searchable.
  if (scenario.glue.jobs.length > 0 && !groups.has(GLUE_ERROR_LOG_GROUP)) groups.set(GLUE_ERROR_LOG_GROUP, new Map());
  for (const stream of glueErrorLogStreams(scenario.glue.jobs)) add(GLUE_ERROR_LOG_GROUP, stream.name, stream.events);
  return groups;
}

function groupNameOf(identifier: string | undefined): string | undefined {
  if (!identifier?.startsWith("arn:")) return identifier;
  return /:log-group:([^:]+)/.exec(identifier)?.[1];
}

/** startTime inclusive, endTime exclusive, both epoch milliseconds. */
function timeWindow(startTime: number | undefined, endTime: number | undefined): (timestamp: number) => boolean {
  return (timestamp) =>
    (startTime === undefined || timestamp >= startTime) && (endTime === undefined || timestamp < endTime);
}

/**
 * GetLogEvents paging: `f/<n>` reads forward from event n, `b/<n>` backward from before event n.
 * At either end the same token comes back, which is how clients know they are done.
 */
function logEventsWindow(
  count: number,
  request: { nextToken?: string | undefined; startFromHead?: boolean | undefined; limit?: number | undefined },
): { start: number; end: number } {
  const limit = request.limit ?? MAX_EVENTS;
  if (request.nextToken !== undefined) {
    const match = /^([fb])\/(\d+)$/.exec(request.nextToken);
    if (!match?.[2]) throw new InvalidInputError(`Invalid nextToken: ${request.nextToken}`);
    const position = Math.min(Number(match[2]), count);
    return match[1] === "f"
      ? { start: position, end: Math.min(count, position + limit) }
      : { start: Math.max(0, position - limit), end: position };
  }
  return request.startFromHead
    ? { start: 0, end: Math.min(count, limit) }
    : { start: Math.max(0, count - limit), end: count };
}

function describeStream(groupArn: string, stream: string, events: readonly SeededLogEvent[]) {
  const first = events[0]?.timestamp;
  const last = events.at(-1)?.timestamp;
  return {
    logStreamName: stream,
    arn: `${groupArn}:log-stream:${stream}`,
    creationTime: creationTimeOf(events),
    firstEventTimestamp: first,
    lastEventTimestamp: last,
    lastIngestionTime: last,
    storedBytes: 0,
  };
}

function creationTimeOf(events: readonly SeededLogEvent[]): number {
  const first = Math.min(...events.map((event) => event.timestamp));
  return Number.isFinite(first) ? first : 0;
}
