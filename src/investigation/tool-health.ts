/**
 * Failures of the tools themselves, as opposed to evidence about the incident. PURE.
 *
 * A call that could not authenticate (no or expired credentials), that the agent's own role may not
 * make, or that never reached a server (connection refused, no such host, the tool not offered by
 * any connected server) says nothing about the incident: it says the agent cannot see. So does a
 * round where every call failed. Such a run must not look healthy — "no evidence" would read as
 * "nothing wrong" — so the investigation records it in `errors[]` and the run goes to a person.
 * A service answering with an error about the resource (not found, validation, a throttle after
 * the SDK's retries, a 5xx) is left to the analysis as before.
 */
import type { Finding } from "../state/investigation.js";

export type ToolTroubleKind = "credentials" | "permissions" | "unreachable";

/**
 * Error codes of a tool that never reached its service: Node's connection failures, and the MCP
 * layer's for a tool no connected server offers (tool_unavailable) or a failed server connection
 * (McpConnectionError). Not the same
 * set as tool-error.ts CONNECTION_FAILURE_CODES, on purpose: that one decides which thrown errors a
 * tool turns into a ToolError at all; this one judges the codes that reach a finding, from any tool
 * server, and asks whether they mean the agent cannot see. So EHOSTUNREACH/ENETUNREACH and the MCP
 * codes are here only, and ETIMEDOUT is there only: a timeout can be a slow or overloaded service
 * rather than one out of reach, so like a throttle it is left to the analysis.
 */
const UNREACHABLE_CODES =
  /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|tool_unavailable|McpConnectionError)$/;

const TROUBLE_CODES: ReadonlyArray<readonly [ToolTroubleKind, RegExp]> = [
  [
    "credentials",
    /^(?:CredentialsProviderError|UnrecognizedClientException|InvalidClientTokenId|ExpiredToken(?:Exception)?|InvalidSignatureException|SignatureDoesNotMatch|MissingAuthenticationToken(?:Exception)?|IncompleteSignature(?:Exception)?|AuthFailure|InvalidAccessKeyId|TokenRefreshRequired|InvalidToken)$/,
  ],
  ["permissions", /^(?:AccessDenied(?:Exception)?|UnauthorizedOperation|AuthorizationError|Forbidden)$/],
  ["unreachable", UNREACHABLE_CODES],
];

const WORDS: Record<ToolTroubleKind, string> = {
  credentials: "the tools have no valid AWS credentials",
  permissions: "the agent's own role may not make these calls",
  unreachable: "the tools could not reach their service",
};

/** A tool error's own name: its code, or for a thrown error the name before the message ("CredentialsProviderError: …"). */
function errorNames(code: string, message: string): string[] {
  const leading = /^([A-Za-z_][\w.]*?)(?::|\s|$)/.exec(message)?.[1];
  return leading === undefined ? [code] : [code, leading.split(".").at(-1) ?? leading];
}

export function toolTroubleOf(code: string, message: string): ToolTroubleKind | null {
  const names = errorNames(code, message);
  for (const [kind, pattern] of TROUBLE_CODES) {
    if (names.some((name) => pattern.test(name))) return kind;
  }
  return null;
}

function errorOf(finding: Finding): { code: string; message: string } | null {
  const error = finding.result.error;
  if (error === null || typeof error !== "object") return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" ? { code, message: typeof message === "string" ? message : "" } : null;
}

/** Why the tools, not the incident, explain this investigation; null when they worked. */
export function toolTrouble(findings: readonly Finding[]): string | null {
  const failed = findings.flatMap((finding) => {
    const error = errorOf(finding);
    return error ? [{ tool: finding.tool, ...error, kind: toolTroubleOf(error.code, error.message) }] : [];
  });
  if (failed.length === 0) return null;
  const troubled = failed.filter((call) => call.kind !== null);
  const all = failed.length === findings.length;
  if (troubled.length === 0 && !all) return null;
  const kinds = [...new Set(troubled.map((call) => call.kind as ToolTroubleKind))].map((kind) => WORDS[kind]);
  const why = kinds.length > 0 ? kinds.join("; ") : "every diagnostic call failed";
  const calls = (troubled.length > 0 ? troubled : failed)
    .map((call) => `${call.tool}: ${call.code}${call.message ? `: ${call.message}` : ""}`)
    .join("; ");
  return `${why}, so the incident was not investigated (${calls})`.slice(0, 1_000);
}

/** The same judgement on a remediation attempt's error ("the remediation tool failed: CODE: message"). */
export function remediationToolTrouble(message: string): string | null {
  const match = /^the remediation tool failed: ([\w.-]+): ?([\s\S]*)$/.exec(message);
  if (!match) return null;
  const kind = toolTroubleOf(match[1] ?? "", match[2] ?? "");
  return kind === null ? null : `${WORDS[kind]}, so the remediation did not start (${message})`.slice(0, 1_000);
}
