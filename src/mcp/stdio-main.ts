/**
 * Entry point that serves the data-lake MCP server over stdio (`node --import tsx src/mcp/stdio-main.ts`).
 * The CLI's `mcp` command does the same; this file needs no CLI wiring. The remediation policy
 * comes from INCIDENT_ORCHESTRATOR_MCP_POLICY, else ./incident-orchestrator.config.json, else the
 * defaults (src/mcp/server-config.ts).
 */
import { resolveServerConfig } from "./server-config.js";
import { serveStdio } from "./stdio.js";

// The AWS SDK's Node-version notice is not actionable here (see bin/incident-orchestrator.js).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

try {
  const { config } = await resolveServerConfig({ env: process.env });
  await serveStdio({ config });
} catch (error) {
  console.error(`incident-orchestrator mcp: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
