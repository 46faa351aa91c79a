#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx incident-orchestrator` works right after `npm ci`.
import { register } from "tsx/esm/api";

// The AWS SDK warns on every run that releases after January 2027 will need Node 22. The lockfile
// pins the SDK, so the notice is not actionable for a CLI user; set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

register();
await import("../src/cli/main.ts");
