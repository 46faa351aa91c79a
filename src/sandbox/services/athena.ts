/**
 * Amazon Athena (JSON 1.1, `AmazonAthena.`): query executions from `scenario.athena.executions`.
 * StartQueryExecution honours ClientRequestToken (Athena's idempotency: the same token returns the
 * same execution and starts nothing). A new execution of a seeded query's SQL (same QueryString and
 * WorkGroup) progresses like that execution's `on_rerun` says (see ../remediation-outcomes.ts).
 * The workgroups (ListWorkGroups) are "primary", which every account has, and every workgroup an
 * execution ran in.
 */
import { z } from "zod";
import {
  AwsJsonServiceError,
  createAwsJsonEmulator,
  epochSeconds,
  HEX,
  paginate,
  randomChars,
  toEpochSeconds,
} from "../protocols/aws-json.js";
import { OutcomeSequence, PolledExecution, stateName, type StateNames } from "../remediation-outcomes.js";
import { RemediationOutcomeSchema, type Scenario } from "../scenario.js";
import type { EmulatorContext, EmulatorFactory } from "../types.js";

type ExecutionSeed = Scenario["athena"]["executions"][number];

interface QueryContext {
  readonly query: string;
  readonly database: string;
  readonly workgroup: string;
  readonly outputLocation: string;
}

interface SeededExecution extends QueryContext {
  readonly kind: "seeded";
  readonly id: string;
  readonly seed: ExecutionSeed;
  cancelledAt?: Date;
}

interface StartedExecution extends QueryContext {
  readonly kind: "started";
  readonly id: string;
  readonly submitted: Date;
  readonly execution: PolledExecution;
  /** The seeded execution whose SQL this re-runs, for its error classification. */
  readonly original: ExecutionSeed | undefined;
  cancelledAt?: Date;
}

type Execution = SeededExecution | StartedExecution;

const PAGE_SIZE = 50;
const ATHENA_STATES: StateNames = { queued: "QUEUED", running: "RUNNING", succeeded: "SUCCEEDED", failed: "FAILED" };
const DEFAULT_OUTCOME = RemediationOutcomeSchema.parse({ result: "SUCCEEDED" });
const ENGINE_VERSION = { SelectedEngineVersion: "AUTO", EffectiveEngineVersion: "Athena engine version 3" };
const PRIMARY_WORKGROUP = "primary";
/** Seeds carry no workgroup creation time; workgroups are reported as created this long before the clock. */
const WORKGROUP_AGE_MS = 90 * 24 * 3600 * 1000;

const IdInput = z.object({ QueryExecutionId: z.string().min(1) });
const BatchGetInput = z.object({ QueryExecutionIds: z.array(z.string()).min(1).max(50) });
const ListInput = z.object({
  WorkGroup: z.string().optional(),
  MaxResults: z.number().int().min(0).max(50).optional(),
  NextToken: z.string().optional(),
});
const ListWorkGroupsInput = z.object({
  MaxResults: z.number().int().min(1).max(50).optional(),
  NextToken: z.string().optional(),
});
const StartInput = z.object({
  QueryString: z.string().min(1),
  ClientRequestToken: z.string().min(32).max(128).optional(),
  QueryExecutionContext: z.object({ Database: z.string().optional(), Catalog: z.string().optional() }).optional(),
  ResultConfiguration: z.object({ OutputLocation: z.string().optional() }).optional(),
  WorkGroup: z.string().optional(),
});

export const createAthenaEmulator: EmulatorFactory = (scenario, context) => {
  const resultsBucket = `s3://aws-athena-query-results-${scenario.account_id}-${scenario.region}/`;
  const executions = new Map<string, Execution>(
    scenario.athena.executions.map((seed) => [
      seed.id,
      {
        kind: "seeded",
        id: seed.id,
        seed,
        query: seed.query,
        database: seed.database,
        workgroup: seed.workgroup,
        outputLocation: seed.output_location ?? `${resultsBucket}${seed.id}.csv`,
      },
    ]),
  );
  /** One sequence per seeded SQL (by workgroup), shared by every re-run of that SQL. */
  const sequences = new Map<string, { original: ExecutionSeed | undefined; outcomes: OutcomeSequence }>();
  for (const seed of [...scenario.athena.executions].sort(
    (a, b) => Date.parse(a.submitted) - Date.parse(b.submitted),
  )) {
    // The newest seeded execution of a SQL text decides how re-runs of it go.
    sequences.set(sqlKey(seed.query, seed.workgroup), { original: seed, outcomes: new OutcomeSequence(seed.on_rerun) });
  }
  const tokens = new Map<string, { id: string; fingerprint: string }>();
  const workgroupsCreatedAt = toEpochSeconds(new Date(context.now().getTime() - WORKGROUP_AGE_MS));

  const executionWithId = (id: string): Execution => {
    const execution = executions.get(id);
    if (!execution) throw notFound(id);
    return execution;
  };

  const start = (request: z.infer<typeof StartInput>): string => {
    const workgroup = request.WorkGroup ?? "primary";
    const key = sqlKey(request.QueryString, workgroup);
    const sequence = sequences.get(key) ?? { original: undefined, outcomes: new OutcomeSequence(DEFAULT_OUTCOME) };
    sequences.set(key, sequence);
    const id = uuid(context.random);
    const submitted = context.now();
    const outputPrefix = request.ResultConfiguration?.OutputLocation ?? resultsBucket;
    executions.set(id, {
      kind: "started",
      id,
      submitted,
      query: request.QueryString,
      database: request.QueryExecutionContext?.Database ?? sequence.original?.database ?? "default",
      workgroup,
      outputLocation: `${outputPrefix.endsWith("/") ? outputPrefix : `${outputPrefix}/`}${id}.csv`,
      execution: new PolledExecution(sequence.outcomes.next(), submitted),
      original: sequence.original,
    });
    return id;
  };

  return createAwsJsonEmulator({
    service: "athena",
    version: "1.1",
    validationErrorCode: "InvalidRequestException",
    handlers: {
      GetQueryExecution: (input) => {
        const { QueryExecutionId } = IdInput.parse(input);
        return { QueryExecution: readExecution(executionWithId(QueryExecutionId), context) };
      },
      BatchGetQueryExecution: (input) => {
        const { QueryExecutionIds } = BatchGetInput.parse(input);
        const known = QueryExecutionIds.flatMap((id) => executions.get(id) ?? []);
        return {
          QueryExecutions: known.map((execution) => readExecution(execution, context)),
          UnprocessedQueryExecutionIds: QueryExecutionIds.filter((id) => !executions.has(id)).map((id) => ({
            QueryExecutionId: id,
            ErrorCode: "INVALID_INPUT",
            ErrorMessage: `QueryExecution ${id} was not found`,
          })),
        };
      },
      ListWorkGroups: (input) => {
        const { MaxResults, NextToken } = ListWorkGroupsInput.parse(input);
        // "primary" first, then the others by name: a stable order for the paging token.
        const others = new Set([...executions.values()].map((execution) => execution.workgroup));
        others.delete(PRIMARY_WORKGROUP);
        const names = [PRIMARY_WORKGROUP, ...[...others].sort()];
        const { page, nextToken } = paginate(names, NextToken, MaxResults ?? PAGE_SIZE);
        return {
          WorkGroups: page.map((name) => ({
            Name: name,
            State: "ENABLED",
            CreationTime: workgroupsCreatedAt,
            EngineVersion: ENGINE_VERSION,
          })),
          NextToken: nextToken,
        };
      },
      ListQueryExecutions: (input) => {
        const { WorkGroup = "primary", MaxResults, NextToken } = ListInput.parse(input);
        // Like Athena: "primary" always exists; other workgroups exist when the scenario uses them.
        const known = WorkGroup === "primary" || [...executions.values()].some((e) => e.workgroup === WorkGroup);
        if (!known)
          throw new AwsJsonServiceError(400, "InvalidRequestException", `WorkGroup ${WorkGroup} is not found.`);
        const ids = [...executions.values()]
          .filter((execution) => execution.workgroup === WorkGroup)
          .sort((a, b) => submittedAt(b) - submittedAt(a))
          .map((execution) => execution.id);
        const { page, nextToken } = paginate(ids, NextToken, MaxResults || PAGE_SIZE);
        return { QueryExecutionIds: page, NextToken: nextToken };
      },
      StartQueryExecution: (input) => {
        const request = StartInput.parse(input);
        const fingerprint = JSON.stringify([
          request.QueryString,
          request.WorkGroup ?? "primary",
          request.QueryExecutionContext?.Database ?? null,
          request.ResultConfiguration?.OutputLocation ?? null,
        ]);
        const token = request.ClientRequestToken;
        const earlier = token === undefined ? undefined : tokens.get(token);
        if (earlier && earlier.fingerprint !== fingerprint) {
          throw new AwsJsonServiceError(400, "InvalidRequestException", "Idempotent parameters do not match", {
            AthenaErrorCode: "INVALID_INPUT",
          });
        }
        if (earlier) return { QueryExecutionId: earlier.id };
        const id = start(request);
        if (token !== undefined) tokens.set(token, { id, fingerprint });
        return { QueryExecutionId: id };
      },
      StopQueryExecution: (input) => {
        const execution = executionWithId(IdInput.parse(input).QueryExecutionId);
        if (!isFinished(execution)) execution.cancelledAt = context.now();
        return {};
      },
    },
  });
};

function notFound(id: string): AwsJsonServiceError {
  return new AwsJsonServiceError(400, "InvalidRequestException", `QueryExecution ${id} was not found`, {
    AthenaErrorCode: "INVALID_INPUT",
  });
}

function sqlKey(query: string, workgroup: string): string {
  return JSON.stringify([query.trim(), workgroup]);
}

/** A v4-shaped UUID from the seeded random, like Athena's execution ids. */
function uuid(random: () => number): string {
  const hex = randomChars(random, HEX, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function submittedAt(execution: Execution): number {
  return execution.kind === "seeded" ? Date.parse(execution.seed.submitted) : execution.submitted.getTime();
}

function isFinished(execution: Execution): boolean {
  if (execution.cancelledAt) return true;
  return execution.kind === "seeded"
    ? !["QUEUED", "RUNNING"].includes(execution.seed.state)
    : execution.execution.peek().terminal;
}

function statementType(query: string): string {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase() ?? "";
  if (["SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "UNLOAD"].includes(verb)) return "DML";
  if (["SHOW", "DESCRIBE", "EXPLAIN"].includes(verb)) return "UTILITY";
  return "DDL";
}

interface StatusFields {
  state: string;
  reason: string | undefined;
  submitted: number;
  completed: number | undefined;
  error: { category: number; type: number | undefined; message: string } | undefined;
  engineMillis: number | undefined;
  scannedBytes: number | undefined;
}

/** The QueryExecution shape; a started execution counts this as one status poll. */
function readExecution(execution: Execution, context: EmulatorContext): Record<string, unknown> {
  const fields = execution.kind === "seeded" ? seededStatus(execution) : startedStatus(execution, context);
  return {
    QueryExecutionId: execution.id,
    Query: execution.query,
    StatementType: statementType(execution.query),
    ResultConfiguration: { OutputLocation: execution.outputLocation },
    QueryExecutionContext: { Database: execution.database, Catalog: "AwsDataCatalog" },
    Status: {
      State: fields.state,
      StateChangeReason: fields.reason,
      SubmissionDateTime: fields.submitted,
      CompletionDateTime: fields.completed,
      AthenaError: fields.error && {
        ErrorCategory: fields.error.category,
        ErrorType: fields.error.type,
        // Athena marks system errors (category 1) as retryable; user errors will fail again.
        Retryable: fields.error.category === 1,
        ErrorMessage: fields.error.message,
      },
    },
    Statistics: {
      EngineExecutionTimeInMillis: fields.engineMillis,
      DataScannedInBytes: fields.scannedBytes,
      TotalExecutionTimeInMillis:
        fields.completed === undefined ? undefined : Math.round((fields.completed - fields.submitted) * 1000),
    },
    WorkGroup: execution.workgroup,
    EngineVersion: ENGINE_VERSION,
  };
}

function seededStatus(execution: SeededExecution): StatusFields {
  const { seed, cancelledAt } = execution;
  const state = cancelledAt ? "CANCELLED" : seed.state;
  const reason = seed.state_change_reason;
  return {
    state,
    reason,
    submitted: epochSeconds(seed.submitted) ?? 0,
    completed: cancelledAt ? toEpochSeconds(cancelledAt) : epochSeconds(seed.completed),
    error:
      state === "FAILED"
        ? { category: seed.error_category ?? 3, type: seed.error_type, message: reason ?? "Query failed" }
        : undefined,
    engineMillis: seed.engine_execution_time_ms,
    scannedBytes: seed.data_scanned_bytes,
  };
}

function startedStatus(execution: StartedExecution, context: EmulatorContext): StatusFields {
  const submitted = toEpochSeconds(execution.submitted);
  if (execution.cancelledAt) {
    const completed = toEpochSeconds(execution.cancelledAt);
    return {
      state: "CANCELLED",
      reason: "Query was cancelled",
      submitted,
      completed,
      error: undefined,
      engineMillis: undefined,
      scannedBytes: undefined,
    };
  }
  const status = execution.execution.read(context.now());
  const completed = status.completedAt ? toEpochSeconds(status.completedAt) : undefined;
  const engineMillis = completed === undefined ? undefined : Math.round((completed - submitted) * 1000);
  if (!status.terminal) {
    const state = stateName(status, ATHENA_STATES);
    return {
      state,
      reason: undefined,
      submitted,
      completed,
      error: undefined,
      engineMillis: undefined,
      scannedBytes: undefined,
    };
  }
  const failure =
    status.state === "FAILED"
      ? {
          category: execution.original?.error_category ?? 3,
          type: execution.original?.error_type,
          message: status.errorMessage ?? "Query failed",
        }
      : undefined;
  return {
    state: stateName(status, ATHENA_STATES),
    reason: failure?.message,
    submitted,
    completed,
    error: failure,
    engineMillis,
    scannedBytes: status.state === "SUCCEEDED" ? (execution.original?.data_scanned_bytes ?? 0) : 0,
  };
}
