import js from "@eslint/js";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import tseslint from "typescript-eslint";

/**
 * The layers of src/, lowest first (docs/architecture.md#the-layers). A module may import its own
 * layer and those below it, never those above:
 *   domain   state, intents, safety, subject, classifier, investigation, policy, remediations, actions,
 *            review, progress, runs, tools, mcp, sandbox, store, config, io, servicenow, ticketing,
 *            rca, webhook — pure logic and the protocols
 *   graph    graph (wiring, routers) and nodes
 *   compose  the composition root: builds the graph's dependencies from config and environment
 *   entry    orchestrator.ts, cli, evals, examples, intake, index.ts
 * Test code lives under test/ (and *.test.ts beside the code); nothing else imports it.
 */
const above = {
  graph: ["**/compose/**", "**/cli/**", "**/evals/**", "**/examples/**", "**/intake/**", "**/orchestrator.js"],
};
above.domain = ["**/graph/**", "**/nodes/**", ...above.graph];
above.compose = above.graph.filter((pattern) => pattern !== "**/compose/**");
const testCode = ["**/test/**", "**/*.test.js", "**/*.fixture.js"];

const layer = (files, forbidden, why) => ({
  files,
  ignores: ["**/*.test.ts"],
  rules: {
    "no-restricted-imports": ["error", { patterns: [{ group: [...forbidden, ...testCode], message: why }] }],
  },
});

const domainFolders = [
  "state",
  "safety",
  "subject",
  "classifier",
  "investigation",
  "policy",
  "actions",
  "remediations",
  "intents",
  "review",
  "progress",
  "runs",
  "tools",
  "mcp",
  "sandbox",
  "store",
  "config",
  "io",
  "servicenow",
  "ticketing",
  "rca",
  "webhook",
].map((folder) => `src/${folder}/**/*.ts`);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".langgraph_api/", "coverage/", "bin/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      // Dependencies are parsed as TypeScript too, or the rule cannot follow them.
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/extensions": [".ts"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": "error" },
  },
  layer(
    domainFolders,
    above.domain,
    "a domain module may not import the graph, the composition root or an entry point",
  ),
  layer(
    ["src/graph/**/*.ts", "src/nodes/**/*.ts"],
    above.graph,
    "the graph may not import the composition root or an entry point",
  ),
  layer(["src/compose/**/*.ts"], above.compose, "the composition root may not import an entry point"),
  layer(
    ["src/orchestrator.ts", "src/cli/**/*.ts", "src/evals/**/*.ts", "src/examples/**/*.ts", "src/intake/**/*.ts"],
    [],
    "product code may not import test code",
  ),
);
