/**
 * The state of one MWAA environment's DAGs as the Airflow emulator sees it: seeded runs, and runs
 * triggered through the REST API whose progress follows the DAG's `on_rerun` outcomes (shared
 * semantics in ../remediation-outcomes.ts). Everything here is protocol-free: airflow.ts turns these
 * views into Airflow's JSON.
 */
import { OutcomeSequence, PolledExecution, type PolledStatus } from "../remediation-outcomes.js";
import type { Scenario } from "../scenario.js";

type EnvironmentSeed = Scenario["mwaa"]["environments"][number];
type DagSeed = EnvironmentSeed["dags"][number];
type DagRunSeed = DagSeed["runs"][number];

export type DagRunState = "queued" | "running" | "success" | "failed";
export type TaskState = DagRunSeed["tasks"][number]["state"];

export interface TaskInstanceView {
  readonly task_id: string;
  readonly state: TaskState;
  readonly try_number: number;
  readonly max_tries: number;
  readonly operator: string;
  readonly start_date: Date | null;
  readonly end_date: Date | null;
  /** Seconds. */
  readonly duration: number | null;
  readonly log: readonly string[];
}

export interface DagRunView {
  readonly dag_id: string;
  readonly dag_run_id: string;
  readonly state: DagRunState;
  readonly logical_date: Date;
  readonly start_date: Date | null;
  readonly end_date: Date | null;
  readonly conf: Record<string, unknown>;
  readonly run_type: "manual" | "scheduled" | "backfill" | "dataset_triggered";
  readonly external_trigger: boolean;
  readonly tasks: readonly TaskInstanceView[];
}

interface TaskTemplate {
  readonly task_id: string;
  readonly operator: string;
  readonly max_tries: number;
}

interface TriggeredRun {
  readonly dag_run_id: string;
  readonly logical_date: Date;
  readonly conf: Record<string, unknown>;
  readonly execution: PolledExecution;
}

export interface TriggerRequest {
  readonly dag_run_id?: string;
  readonly logical_date?: Date;
  readonly conf: Record<string, unknown>;
}

export type TriggerResult =
  | { readonly created: true; readonly run: DagRunView }
  | { readonly created: false; readonly conflict: "dag_run_id" | "logical_date"; readonly dag_run_id: string };

/** Used when a DAG is seeded without any task: the one task every new run then has. */
const DEFAULT_TASK: TaskTemplate = { task_id: "run", operator: "PythonOperator", max_tries: 1 };

/** Airflow's JSON timestamps: ISO 8601 with a +00:00 offset, microseconds only when non-zero. */
export function airflowTime(date: Date): string {
  const iso = date.toISOString();
  const millis = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${millis === 0 ? "" : `.${String(millis).padStart(3, "0")}000`}+00:00`;
}

/** The timestamp format of Airflow's task log lines. */
function logTime(date: Date): string {
  return `[${date.toISOString().replace("T", " ").replace("Z", "+0000")}]`;
}

function runTypeOf(dagRunId: string): DagRunView["run_type"] {
  const prefix = dagRunId.split("__", 1)[0];
  return prefix === "manual" || prefix === "backfill" || prefix === "dataset_triggered" ? prefix : "scheduled";
}

/** One DAG: its seeded history plus the runs triggered during this sandbox's life. */
export class DagState {
  readonly dagId: string;
  readonly isPaused: boolean;
  private readonly seededRuns: readonly DagRunSeed[];
  private readonly triggered: TriggeredRun[] = [];
  private readonly outcomes: OutcomeSequence;
  private readonly tasks: readonly TaskTemplate[];
  /** The task a failing re-run fails at: the one that failed last in the seeded history, else the last task. */
  private readonly failingTaskIndex: number;

  constructor(
    seed: DagSeed,
    private readonly now: () => Date,
  ) {
    this.dagId = seed.dag_id;
    this.isPaused = seed.is_paused;
    this.seededRuns = seed.runs;
    this.outcomes = new OutcomeSequence(seed.on_rerun);
    const latestWithTasks = [...seed.runs]
      .filter((run) => run.tasks.length > 0)
      .sort((a, b) => Date.parse(b.logical_date) - Date.parse(a.logical_date))[0];
    this.tasks = latestWithTasks?.tasks.map(({ task_id, operator, max_tries }) => ({
      task_id,
      operator,
      max_tries,
    })) ?? [DEFAULT_TASK];
    const failedIndex = latestWithTasks?.tasks.findIndex((task) => task.state === "failed") ?? -1;
    this.failingTaskIndex = failedIndex >= 0 ? failedIndex : this.tasks.length - 1;
  }

  /** Every run as last seen, seeded first then triggered (Airflow's default `id` order); counts no poll. */
  runs(): DagRunView[] {
    return [
      ...this.seededRuns.map((seed) => this.seededView(seed)),
      ...this.triggered.map((run) => this.triggeredView(run, false)),
    ];
  }

  /** One run; `read` counts a status poll when it is a triggered run. */
  run(dagRunId: string, read: boolean): DagRunView | undefined {
    const seeded = this.seededRuns.find((run) => run.dag_run_id === dagRunId);
    if (seeded) return this.seededView(seeded);
    const triggered = this.triggered.find((run) => run.dag_run_id === dagRunId);
    return triggered ? this.triggeredView(triggered, read) : undefined;
  }

  /** Counts one status read of each triggered run among `runs` and returns their refreshed views. */
  readRuns(runs: readonly DagRunView[]): DagRunView[] {
    return runs.map((run) => {
      const triggered = this.triggered.find((candidate) => candidate.dag_run_id === run.dag_run_id);
      return triggered ? this.triggeredView(triggered, true) : run;
    });
  }

  /**
   * Creates a run, as `POST .../dagRuns`: Airflow refuses an existing run id or logical date (409),
   * which makes a chosen dag_run_id an idempotency key. Without a logical date the run gets the
   * current time, nudged past any existing run's so two quick triggers never collide.
   */
  trigger(request: TriggerRequest): TriggerResult {
    const existing = this.runs();
    const logicalDate = request.logical_date ?? this.freshLogicalDate(existing);
    const dagRunId = request.dag_run_id ?? `manual__${airflowTime(logicalDate)}`;
    if (existing.some((run) => run.dag_run_id === dagRunId)) {
      return { created: false, conflict: "dag_run_id", dag_run_id: dagRunId };
    }
    if (existing.some((run) => run.logical_date.getTime() === logicalDate.getTime())) {
      return { created: false, conflict: "logical_date", dag_run_id: dagRunId };
    }
    const run: TriggeredRun = {
      dag_run_id: dagRunId,
      logical_date: logicalDate,
      conf: request.conf,
      execution: new PolledExecution(this.outcomes.next(), this.now()),
    };
    this.triggered.push(run);
    return { created: true, run: this.triggeredView(run, false) };
  }

  private freshLogicalDate(existing: readonly DagRunView[]): Date {
    let candidate = this.now().getTime();
    const taken = new Set(existing.map((run) => run.logical_date.getTime()));
    while (taken.has(candidate)) candidate += 1;
    return new Date(candidate);
  }

  private seededView(seed: DagRunSeed): DagRunView {
    const start = seed.start_date ? new Date(seed.start_date) : null;
    const end = seed.end_date ? new Date(seed.end_date) : null;
    return {
      dag_id: this.dagId,
      dag_run_id: seed.dag_run_id,
      state: seed.state,
      logical_date: new Date(seed.logical_date),
      start_date: start,
      end_date: end,
      conf: {},
      run_type: runTypeOf(seed.dag_run_id),
      external_trigger: runTypeOf(seed.dag_run_id) === "manual",
      tasks: seed.tasks.map((task): TaskInstanceView => {
        const finished =
          task.state !== null && ["success", "failed", "skipped", "upstream_failed"].includes(task.state);
        const ran = task.state !== null && task.state !== "queued" && task.state !== "scheduled";
        const duration = task.duration_s ?? null;
        const taskEnd =
          finished && start && duration !== null ? new Date(start.getTime() + duration * 1000) : finished ? end : null;
        return {
          task_id: task.task_id,
          state: task.state,
          try_number: task.try_number,
          max_tries: task.max_tries,
          operator: task.operator,
          start_date: ran && task.state !== "upstream_failed" ? start : null,
          end_date: taskEnd,
          duration: ran ? duration : null,
          log: task.log,
        };
      }),
    };
  }

  private triggeredView(run: TriggeredRun, read: boolean): DagRunView {
    // A paused DAG's runs are queued but never scheduled, as in Airflow.
    const status = this.isPaused ? undefined : read ? run.execution.read(this.now()) : run.execution.peek();
    const state = airflowState(status);
    const start = state === "queued" ? null : run.execution.startedAt;
    const end = status?.completedAt ?? null;
    return {
      dag_id: this.dagId,
      dag_run_id: run.dag_run_id,
      state,
      logical_date: run.logical_date,
      start_date: start,
      end_date: end,
      conf: run.conf,
      run_type: runTypeOf(run.dag_run_id),
      external_trigger: true,
      tasks: this.triggeredTasks(run, state, start, end, status?.errorMessage),
    };
  }

  /** Task instances of a triggered run: the first task runs first; a failure stops at the failing task. */
  private triggeredTasks(
    run: TriggeredRun,
    state: DagRunState,
    start: Date | null,
    end: Date | null,
    errorMessage: string | undefined,
  ): TaskInstanceView[] {
    const count = this.tasks.length;
    const slice = start && end ? (end.getTime() - start.getTime()) / count : 0;
    return this.tasks.map((template, index): TaskInstanceView => {
      const taskState = triggeredTaskState(state, index, this.failingTaskIndex);
      const ranToEnd = taskState === "success" || taskState === "failed";
      const taskStart =
        start && (ranToEnd || taskState === "running") ? new Date(start.getTime() + slice * index) : null;
      const taskEnd = taskStart && ranToEnd ? new Date(taskStart.getTime() + slice) : null;
      return {
        task_id: template.task_id,
        state: taskState,
        // A failed task has used up its retries; others ran once.
        try_number:
          taskState === null || taskState === "upstream_failed" ? 0 : taskState === "failed" ? template.max_tries : 1,
        max_tries: template.max_tries,
        operator: template.operator,
        start_date: taskStart,
        end_date: taskEnd,
        duration: taskStart && taskEnd ? (taskEnd.getTime() - taskStart.getTime()) / 1000 : null,
        log: taskStart ? this.triggeredLog(run, template, taskState, taskStart, taskEnd, errorMessage) : [],
      };
    });
  }

  private triggeredLog(
    run: TriggeredRun,
    template: TaskTemplate,
    state: TaskState,
    start: Date,
    end: Date | null,
    errorMessage: string | undefined,
  ): string[] {
    const ids = `dag_id=${this.dagId}, task_id=${template.task_id}, run_id=${run.dag_run_id}`;
    const lines = [
      `${logTime(start)} {taskinstance.py:2612} INFO - Executing <Task(${template.operator}): ${template.task_id}> on ${airflowTime(run.logical_date)}`,
    ];
    const at = logTime(end ?? start);
    if (state === "success") {
      lines.push(`${at} {taskinstance.py:1206} INFO - Marking task as SUCCESS. ${ids}`);
      lines.push(`${at} {local_task_job_runner.py:243} INFO - Task exited with return code 0`);
    } else if (state === "failed") {
      lines.push(`${at} {taskinstance.py:3310} ERROR - Task failed with exception`);
      lines.push(errorMessage ?? "Task failed");
      lines.push(`${at} {taskinstance.py:1206} INFO - Marking task as FAILED. ${ids}`);
      lines.push(`${at} {local_task_job_runner.py:243} INFO - Task exited with return code 1`);
    }
    return lines;
  }
}

/** Maps the service-neutral poll state onto Airflow's: nothing read yet (or paused) is still queued. */
function airflowState(status: PolledStatus | undefined): DagRunState {
  if (status === undefined || status.reads === 0) return "queued";
  if (status.state === "SUCCEEDED") return "success";
  if (status.state === "FAILED") return "failed";
  return "running";
}

function triggeredTaskState(run: DagRunState, index: number, failingIndex: number): TaskState {
  switch (run) {
    case "queued":
      return null;
    case "running":
      return index === 0 ? "running" : null;
    case "success":
      return "success";
    case "failed":
      return index < failingIndex ? "success" : index === failingIndex ? "failed" : "upstream_failed";
  }
}

/** The DAGs of one environment, by dag_id. */
export function seedDags(environment: EnvironmentSeed, now: () => Date): Map<string, DagState> {
  return new Map(environment.dags.map((dag) => [dag.dag_id, new DagState(dag, now)]));
}
