/**
 * Entry point that serves the data-lake MCP server over stdio (`node --import tsx src/mcp/stdio-main.ts`).
 * The CLI's `mcp` command does the same; this file needs no CLI wiring.
 */
import { serveStdio } from "./stdio.js";

// The AWS SDK's Node-version notice is not actionable here (see bin/incident-orchestrator.js).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

await serveStdio();
