/**
 * The MCP server is a boundary of its own: over real Streamable HTTP and over stdio (our CLI as a
 * subprocess), on the embedded sandbox, its mutating tools keep to the config's allow-list,
 * argument policy, budget and dry-run whoever calls them — and what reached the sandbox shows that
 * a refused call started nothing. Also: where the server gets its config, and its bearer token
 * from the environment or a file, never from argv.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/load.js";
import type { OrchestratorConfig, OrchestratorConfigInput } from "../src/config/schema.js";
import { defaultMcpServers } from "../src/mcp/client/config.js";
import { loadMcpTools } from "../src/mcp/client/load.js";
import { serveHttp } from "../src/mcp/http.js";
import { loadScenarioFile } from "../src/sandbox/session.js";
import type { Scenario } from "../src/sandbox/scenario.js";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { createAwsClients } from "../src/tools/aws-clients.js";
import { callTool, toolRegistry } from "../src/tools/registry.js";
import { RetryAthenaQueryOutput } from "../src/tools/athena/retry-athena-query.js";
import { RetryGlueJobOutput } from "../src/tools/glue/retry-glue-job.js";
import { ToolErrorSchema } from "../src/tools/schemas.js";
import { startCli, type CliProcess } from "./support/cli-process.js";

const EXAMPLE = "glue-timeout-rerun-succeeds";
/** The example's failed (TIMEOUT) run: what the investigation proposes to re-run. */
const OWN_ARGUMENTS = {
  "--run_date": "2026-11-22",
  "--source_path": "s3://acme-datalake-raw/spending_pots/",
  "--target_path": "s3://acme-datalake-curated/spending_pots/",
};
const key = (n: number) => `io-policy-test-${String(n).padStart(32, "0")}`;

const POLICY: OrchestratorConfigInput = {
  remediation: {
    allow_list: { glue_jobs: ["SPENDING_POTS"], athena_workgroups: ["analytics-prod"], dags: ["daily_*"] },
    verify: { poll_interval_ms: 0, max_polls: 2 },
  },
};

let scenario: Scenario;
let sandbox: Sandbox | undefined;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const example = await loadScenarioFile(`examples/scenarios/${EXAMPLE}.json`);
  scenario = {
    ...example,
    glue: {
      jobs: [
        ...example.glue.jobs,
        {
          ...example.glue.jobs[0]!,
          name: "PAYROLL_PROD",
          runs: [{ ...example.glue.jobs[0]!.runs[2]!, id: "jr_0a11ce", arguments: { "--run_date": "2026-11-22" } }],
        },
      ],
    },
    athena: {
      executions: [athenaQuery("q-analytics", "analytics-prod"), athenaQuery("q-adhoc", "adhoc")],
    },
  };
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sandbox?.close();
  sandbox = undefined;
});

function athenaQuery(id: string, workgroup: string): Scenario["athena"]["executions"][number] {
  return {
    id,
    query: `SELECT count(*) FROM sales /* ${id} */`,
    state: "FAILED",
    state_change_reason: "Query timeout",
    error_category: 1,
    database: "curated",
    workgroup,
    submitted: "2026-11-23T05:00:00Z",
    completed: "2026-11-23T05:30:00Z",
    on_rerun: { result: "SUCCEEDED", polls_to_complete: 1 },
  };
}

async function startWorld(): Promise<Sandbox> {
  sandbox = await startSandbox({ scenario });
  return sandbox;
}

/** How many times an operation reached the sandbox. */
function calls(world: Sandbox, operation: string): number {
  return world.calls.filter((call) => call.operation === operation).length;
}

// ---------- Streamable HTTP ----------

async function httpClient(world: Sandbox, policy: OrchestratorConfigInput = POLICY): Promise<Client> {
  const clients = createAwsClients({
    endpoint: world.endpoint,
    region: world.region,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts: 1,
  });
  const token = "policy-test-token-2c9d";
  const server = await serveHttp({ port: 0, token, clients, config: resolveConfig(policy) });
  const client = new Client({ name: "policy-test", version: "0.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function refusal(result: CallToolResult): { code: string; message: string } {
  expect(result.isError, JSON.stringify(result)).toBe(true);
  const block = result.content[0];
  const { code, message } = ToolErrorSchema.parse(JSON.parse(block?.type === "text" ? block.text : "")).error;
  return { code, message };
}

describe("the MCP server's policy, over Streamable HTTP", () => {
  it("refuses a job on no allow-list, naming the list: no StartJobRun reaches AWS", async () => {
    const world = await startWorld();
    const client = await httpClient(world);
    const result = await call(client, "retry_glue_job", { job_name: "PAYROLL_PROD", idempotency_key: key(1) });
    expect(refusal(result)).toEqual({
      code: "PolicyRefused",
      message:
        'retry_glue_job refused: glue_job "PAYROLL_PROD" is not on the remediation allow-list (remediation.allow_list.glue_jobs).',
    });
    expect(calls(world, "StartJobRun")).toBe(0);
  });

  it("refuses --extra-py-files on an allow-listed job, and the run's own arguments plus it", async () => {
    const world = await startWorld();
    const client = await httpClient(world);
    for (const args of [
      { "--extra-py-files": "s3://evil/x.py" },
      { ...OWN_ARGUMENTS, "--extra-py-files": "s3://evil/x.py" },
    ]) {
      const result = await call(client, "retry_glue_job", {
        job_name: "SPENDING_POTS",
        arguments: args,
        idempotency_key: key(2),
      });
      expect(refusal(result)).toMatchObject({
        code: "PolicyRefused",
        message: expect.stringMatching(/"--extra-py-files".*remediation\.allowed_arguments\.glue_jobs/),
      });
    }
    expect(calls(world, "StartJobRun")).toBe(0);
  });

  it("accepts the failed run's own arguments (read from the job's runs) and starts one run", async () => {
    const world = await startWorld();
    const client = await httpClient(world);
    const result = await call(client, "retry_glue_job", {
      job_name: "SPENDING_POTS",
      arguments: OWN_ARGUMENTS,
      idempotency_key: key(3),
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(RetryGlueJobOutput.parse(result.structuredContent)).toMatchObject({
      job_name: "SPENDING_POTS",
      reused: false,
    });
    expect(calls(world, "StartJobRun")).toBe(1);
  });

  it("refuses the start after the budget; a repeat of a counted key still answers, starting nothing", async () => {
    const world = await startWorld();
    const client = await httpClient(world);
    // retry_glue_job's budget: the largest of glue_etl_failure (2) and batch_auto_recovery_failed (1).
    const retry = (n: number) => call(client, "retry_glue_job", { job_name: "SPENDING_POTS", idempotency_key: key(n) });
    expect((await retry(10)).isError).toBeFalsy();
    expect((await retry(11)).isError).toBeFalsy();
    expect(refusal(await retry(12))).toEqual({
      code: "PolicyRefused",
      message: expect.stringContaining('the budget for glue_job "SPENDING_POTS" is exhausted: 2 of 2 start(s)'),
    });
    const repeat = await retry(10);
    expect(RetryGlueJobOutput.parse(repeat.structuredContent).reused).toBe(true);
    expect(calls(world, "StartJobRun")).toBe(2);
  });

  it("in dry-run, starts nothing and says what would have started", async () => {
    const world = await startWorld();
    const client = await httpClient(world, { remediation: { ...POLICY.remediation, dry_run: true } });
    const result = await call(client, "retry_glue_job", {
      job_name: "SPENDING_POTS",
      arguments: OWN_ARGUMENTS,
      idempotency_key: key(4),
    });
    expect(refusal(result)).toEqual({
      code: "DryRun",
      message: expect.stringMatching(
        /^dry run \(remediation\.dry_run\): retry_glue_job would have started on glue_job "SPENDING_POTS"/,
      ),
    });
    expect(calls(world, "StartJobRun")).toBe(0);
  });

  it("resolves an Athena query's workgroup by reading the query, and re-runs only allow-listed ones", async () => {
    const world = await startWorld();
    const client = await httpClient(world);
    const adhoc = await call(client, "retry_athena_query", { query_id: "q-adhoc", idempotency_key: key(5) });
    expect(refusal(adhoc)).toEqual({
      code: "PolicyRefused",
      message: expect.stringContaining(
        'athena_workgroup "adhoc" is not on the remediation allow-list (remediation.allow_list.athena_workgroups)',
      ),
    });
    const unknown = await call(client, "retry_athena_query", { query_id: "q-missing", idempotency_key: key(6) });
    expect(refusal(unknown)).toMatchObject({
      code: "PolicyRefused",
      message: expect.stringContaining("its target is unknown"),
    });
    expect(calls(world, "StartQueryExecution")).toBe(0);
    expect(calls(world, "GetQueryExecution")).toBe(2);

    const analytics = await call(client, "retry_athena_query", { query_id: "q-analytics", idempotency_key: key(7) });
    expect(analytics.isError, JSON.stringify(analytics.content)).toBeFalsy();
    expect(RetryAthenaQueryOutput.parse(analytics.structuredContent).original_query_id).toBe("q-analytics");
    expect(calls(world, "StartQueryExecution")).toBe(1);
  });

  it("refuses a DAG run conf key the orchestrator does not set, before any Airflow call", async () => {
    const world = await startWorld();
    const client = await httpClient(world);
    const result = await call(client, "retry_airflow_dag", {
      environment: "prod",
      dag_id: "daily_sales",
      conf: { rerun_of: "scheduled__2026-11-22", sql: "DROP TABLE sales" },
      idempotency_key: key(8),
    });
    expect(refusal(result).message).toMatch(/"sql".*remediation\.allowed_arguments\.dag_conf/);
    expect(world.calls.filter((c) => c.service === "mwaa" || c.service === "airflow")).toEqual([]);
  });
});

// ---------- stdio: our CLI as a subprocess, through the orchestrator's own client ----------

describe("the MCP server's policy, over stdio (the policy passed by the parent)", () => {
  async function stdioTools(world: Sandbox, config: OrchestratorConfig) {
    const loaded = await loadMcpTools(defaultMcpServers(world.env(), config), { callTimeoutMs: 30_000 });
    cleanups.push(() => loaded.close());
    return toolRegistry(loaded.tools);
  }

  it("refuses a job on no allow-list and accepts the allow-listed job's own re-run", async () => {
    const world = await startWorld();
    const tools = await stdioTools(world, resolveConfig(POLICY));
    const refused = await callTool(tools, "retry_glue_job", { job_name: "PAYROLL_PROD", idempotency_key: key(20) });
    expect(ToolErrorSchema.parse(refused).error).toMatchObject({
      code: "PolicyRefused",
      message: expect.stringContaining("remediation.allow_list.glue_jobs"),
    });
    expect(calls(world, "StartJobRun")).toBe(0);

    const evil = await callTool(tools, "retry_glue_job", {
      job_name: "SPENDING_POTS",
      arguments: { "--extra-py-files": "s3://evil/x.py" },
      idempotency_key: key(21),
    });
    expect(ToolErrorSchema.parse(evil).error.code).toBe("PolicyRefused");
    expect(calls(world, "StartJobRun")).toBe(0);

    const own = await callTool(tools, "retry_glue_job", {
      job_name: "SPENDING_POTS",
      arguments: OWN_ARGUMENTS,
      idempotency_key: key(22),
    });
    expect(RetryGlueJobOutput.parse(own)).toMatchObject({ job_name: "SPENDING_POTS", reused: false });
    expect(calls(world, "StartJobRun")).toBe(1);
  }, 120_000);

  it("in dry-run, answers DryRun and starts nothing", async () => {
    const world = await startWorld();
    const tools = await stdioTools(world, resolveConfig({ remediation: { ...POLICY.remediation, dry_run: true } }));
    const output = await callTool(tools, "retry_glue_job", { job_name: "SPENDING_POTS", idempotency_key: key(23) });
    expect(ToolErrorSchema.parse(output).error.code).toBe("DryRun");
    expect(calls(world, "StartJobRun")).toBe(0);
  }, 120_000);

  it("takes --config <file>; without any config it allows nothing", async () => {
    const world = await startWorld();
    const dir = mkdtempSync(join(tmpdir(), "io-mcp-policy-"));
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify(POLICY));
    const open = async (args: string[]) => {
      const client = new Client({ name: "stdio-policy-test", version: "0.0.0" });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [join(process.cwd(), "bin/incident-orchestrator.js"), "mcp", ...args],
          // A directory without ./incident-orchestrator.config.json: no config is picked up by accident.
          cwd: dir,
          env: { ...getDefaultEnvironment(), ...world.env() },
          stderr: "pipe",
        }),
      );
      cleanups.push(() => client.close());
      return client;
    };
    const retry = { job_name: "SPENDING_POTS", idempotency_key: key(24) };
    const withFile = await open(["--config", file]);
    expect((await call(withFile, "retry_glue_job", retry)).isError).toBeFalsy();
    const withNothing = await open([]);
    expect(refusal(await call(withNothing, "retry_glue_job", { ...retry, idempotency_key: key(25) }))).toMatchObject({
      code: "PolicyRefused",
      message: expect.stringContaining("remediation.allow_list.glue_jobs"),
    });
    expect(calls(world, "StartJobRun")).toBe(1);
  }, 120_000);
});

// ---------- The CLI: config and token flags ----------

const processes: CliProcess[] = [];
afterEach(() => {
  for (const cli of processes.splice(0)) cli.kill();
});

function mcpCli(args: string[], env: Record<string, string> = {}): CliProcess {
  // No token inherited from the environment running the tests.
  const started = startCli(["mcp", ...args], { INCIDENT_ORCHESTRATOR_MCP_TOKEN: "", ...env });
  processes.push(started);
  return started;
}

/** Resolves with the URL from the server's start-up line on stderr (an event, not a timer). */
function listeningUrl(cli: CliProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    cli.child.stderr?.on("data", (chunk: Buffer | string) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    void cli.exited.then((exit) => reject(new Error(`mcp exited ${exit.code}: ${exit.stderr}`)));
  });
}

async function initializeStatus(url: string, token?: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
    }),
  });
  await response.body?.cancel();
  return response.status;
}

describe("incident-orchestrator mcp: token and config", () => {
  it("rejects --token (with or without a value) in one line naming the alternatives, exit 2", async () => {
    const exits = await Promise.all(
      [["--http", "0", "--token", "s3cret"], ["--token"]].map((args) => mcpCli(args).exited),
    );
    for (const exit of exits) {
      expect(exit.code).toBe(2);
      const lines = exit.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/--token is not accepted.*INCIDENT_ORCHESTRATOR_MCP_TOKEN.*--token-file <path>/);
    }
  }, 120_000);

  it("takes the token from INCIDENT_ORCHESTRATOR_MCP_TOKEN", async () => {
    const cli = mcpCli(["--http", "0"], { INCIDENT_ORCHESTRATOR_MCP_TOKEN: "env-token-81f2" });
    const url = await listeningUrl(cli);
    expect(await initializeStatus(url)).toBe(401);
    expect(await initializeStatus(url, "wrong")).toBe(401);
    expect(await initializeStatus(url, "env-token-81f2")).toBe(200);
    cli.child.kill("SIGTERM");
    expect((await cli.exited).code).toBe(0);
  }, 120_000);

  it("takes the token from --token-file, without its trailing newline", async () => {
    const dir = mkdtempSync(join(tmpdir(), "io-mcp-token-"));
    const file = join(dir, "token");
    writeFileSync(file, "file-token-6a0c\n");
    const cli = mcpCli(["--http", "0", "--token-file", file]);
    const url = await listeningUrl(cli);
    expect(await initializeStatus(url)).toBe(401);
    expect(await initializeStatus(url, "file-token-6a0c")).toBe(200);
    cli.child.kill("SIGTERM");
    expect((await cli.exited).code).toBe(0);
  }, 120_000);

  it("names a missing or empty token file, a token given twice, and a bad config file, each in one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "io-mcp-token-"));
    const empty = join(dir, "empty");
    writeFileSync(empty, "\n");
    const badConfig = join(dir, "bad.json");
    writeFileSync(badConfig, JSON.stringify({ remediation: { dry_run: "yes" } }));
    const twice = join(dir, "token");
    writeFileSync(twice, "t");
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["--http", "0", "--token-file", join(dir, "missing")], {}, /--token-file: cannot read .*missing/],
      [["--http", "0", "--token-file", empty], {}, /--token-file .*empty is empty/],
      [
        ["--http", "0", "--token-file", twice],
        { INCIDENT_ORCHESTRATOR_MCP_TOKEN: "t" },
        /either in .* or with --token-file/,
      ],
      [["--token-file", twice], {}, /--host and --token-file apply to --http only/],
      [["--config", badConfig], {}, /invalid config: config\.remediation\.dry_run/],
      [["--config", join(dir, "none.json")], {}, /cannot read config file .*none\.json/],
    ];
    const exits = await Promise.all(cases.map(([args, env]) => mcpCli(args, env).exited));
    for (const [index, [args, , message]] of cases.entries()) {
      const exit = exits[index]!;
      expect(exit.code, args.join(" ")).toBe(2);
      const lines = exit.stderr.trim().split("\n");
      expect(lines, args.join(" ")).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  }, 180_000);
});
