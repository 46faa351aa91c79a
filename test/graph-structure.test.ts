/**
 * The graph is the diagram: the seed's Mermaid arrows, mapped to our node names, must all be in
 * the compiled graph, and every other edge must be one of our documented extensions.
 */
import { describe, expect, it } from "vitest";
import { drawGraphMermaid } from "../src/compose/mermaid.js";
import { createDependencies } from "../src/compose/dependencies.js";
import { compileOrchestratorGraph } from "../src/graph/graph.js";
import { defaultConfig } from "./support/state.js";
import { readFileSync } from "node:fs";

/** Seed box → our node. B (the Orchestrator Agent) is the graph itself: its arrows are the run's flow. */
const SEED_EDGES: [source: string, target: string, label: string][] = [
  ["__start__", "classify_intent", ""], // A → B → C
  ["classify_intent", "investigate", "mwaa_dag_failure"], // G: MWAA_DAG_FAILURE → D
  ["classify_intent", "investigate", "glue_job_failure"], // G: GLUE_JOB_FAILURE → D
  ["classify_intent", "investigate", "athena_failure"], // G: ATHENA_FAILURE → D
  ["classify_intent", "investigate", "data_missing"], // G: DATA_MISSING → D
  ["classify_intent", "investigate", "others"], // G: Others → D
  ["investigate", "take_action", "high_confidence"], // H: High Confidence → E
  ["investigate", "policy_engine", "low_confidence"], // H: Low Confidence → F
  ["take_action", "policy_engine", "success"], // I: Success → F
  ["take_action", "policy_engine", "failure"], // I: Failure → F
  ["policy_engine", "close_ticket", "auto_close"], // J → K
  ["policy_engine", "retry_action", "auto_retry"], // J → L
  // LangGraph drops a label equal to its target's name, so these two are drawn unlabelled.
  ["policy_engine", "escalate", ""], // J → M
  ["policy_engine", "human_review", ""], // J → N
];

/** What we add to the seed, each documented in docs/architecture.md. */
const EXTENSIONS: [string, string, string][] = [
  ["classify_intent", "policy_engine", "fast_track"], // access_denied skips investigation and action
  ["classify_intent", "human_review", "error"], // any node failure ends in human review
  ["investigate", "human_review", "error"],
  ["take_action", "human_review", "error"],
  ["retry_action", "take_action", "next_attempt"], // the retry loop, within the budget
  ["retry_action", "policy_engine", "budget_exhausted"],
  ["retry_action", "__end__", "retry_in_flight"],
  ["retry_action", "human_review", "error"],
  ["investigate", "human_review", "needs_approval"], // config wants a person to approve the remediation
  ["retry_action", "human_review", "needs_approval"],
  ["human_review", "take_action", "approved"], // the reviewer's answer, carried out by the nodes after the review
  ["human_review", "close_ticket", "closed"],
  ["human_review", "escalate", "responded"],
  ["human_review", "hand_over", "ignored"],
  ["close_ticket", "__end__", ""],
  ["escalate", "__end__", ""],
  ["hand_over", "__end__", ""],
];

const key = ([source, target, label]: [string, string, string]) => `${source} -${label}-> ${target}`;

async function drawnEdges(): Promise<string[]> {
  const graph = compileOrchestratorGraph(createDependencies({ config: defaultConfig(), tools: [] }));
  const drawable = await graph.getGraphAsync();
  return drawable.edges.map((edge) => key([edge.source, edge.target, typeof edge.data === "string" ? edge.data : ""]));
}

describe("the graph is the seed's diagram", () => {
  it("has a node per box", async () => {
    const graph = compileOrchestratorGraph(createDependencies({ config: defaultConfig(), tools: [] }));
    const nodes = Object.keys((await graph.getGraphAsync()).nodes).sort();
    expect(nodes).toEqual(
      [
        "__start__",
        "__end__",
        "classify_intent",
        "investigate",
        "take_action",
        "policy_engine",
        "close_ticket",
        "retry_action",
        "escalate",
        "human_review",
        "hand_over",
      ].sort(),
    );
  });

  it("has every arrow of the seed's diagram", async () => {
    const edges = await drawnEdges();
    for (const edge of SEED_EDGES) expect(edges).toContain(key(edge));
  });

  it("adds nothing beyond the documented extensions", async () => {
    const allowed = new Set([...SEED_EDGES, ...EXTENSIONS].map(key));
    const extra = (await drawnEdges()).filter((edge) => !allowed.has(edge));
    expect(extra).toEqual([]);
  });

  it("is drawn in the README as the graph draws itself", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain((await drawGraphMermaid()).trim());
  });
});
