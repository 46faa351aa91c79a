/**
 * Output safety, in one place: what is stripped from text before it reaches a terminal or a
 * ticket (control-chars.ts), which secrets are redacted (redact.ts), how a line and a block are
 * made safe and capped (text.ts), and JSON for a terminal (json.ts). docs/safety.md has the rules.
 */
export { hasUnsafeCharacters, multiLine, singleLine } from "./control-chars.js";
export { terminalJson, escapeInvisible } from "./json.js";
export { REDACTED, isSecretLabel, redactJson, redactSecrets } from "./redact.js";
export { cap, safeBlock, safeLine } from "./text.js";
