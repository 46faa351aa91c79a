import { describe, expect, it } from "vitest";
import type { Finding } from "../state/investigation.js";
import { remediationToolTrouble, toolTrouble, toolTroubleOf } from "./tool-health.js";

const failed = (tool: string, code: string, message: string): Finding => ({
  tool,
  result: { error: { code, message } },
  summary: `${tool} failed`,
});
const answered = (tool: string): Finding => ({ tool, result: { runs: [] }, summary: `${tool} answered` });

describe("toolTroubleOf", () => {
  it("knows the SDK's credential, permission and connection failures, by code or by the thrown error's name", () => {
    expect(toolTroubleOf("CredentialsProviderError", "Could not load credentials from any providers")).toBe(
      "credentials",
    );
    // In-process, a thrown error reaches the investigation as tool_failed with its name in the message.
    expect(
      toolTroubleOf("tool_failed", "CredentialsProviderError: Could not load credentials from any providers"),
    ).toBe("credentials");
    expect(toolTroubleOf("ExpiredTokenException", "The security token included in the request is expired")).toBe(
      "credentials",
    );
    expect(
      toolTroubleOf(
        "AccessDeniedException",
        "User: arn:aws:sts::123456789012:assumed-role/agent/x is not authorized to perform: glue:GetJobRuns",
      ),
    ).toBe("permissions");
    expect(toolTroubleOf("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9")).toBe("unreachable");
    expect(toolTroubleOf("tool_unavailable", "tool get_emr_logs is not available")).toBe("unreachable");
  });

  it("leaves answers about the resource to the analysis", () => {
    expect(toolTroubleOf("EntityNotFoundException", "Entity Not Found")).toBeNull();
    expect(toolTroubleOf("ThrottlingException", "Rate exceeded")).toBeNull();
    expect(toolTroubleOf("InternalServiceException", "503")).toBeNull();
  });
});

describe("toolTrouble", () => {
  it("is null when the tools worked, or one failed for a reason about the resource", () => {
    expect(toolTrouble([answered("get_glue_logs")])).toBeNull();
    expect(toolTrouble([answered("get_glue_logs"), failed("verify_source_data", "NoSuchBucket", "x")])).toBeNull();
    expect(toolTrouble([])).toBeNull();
  });

  it("names the cause when every call failed, whatever the codes", () => {
    const trouble = toolTrouble([failed("get_glue_logs", "InternalServiceException", "503 from Glue")]);
    expect(trouble).toMatch(/^every diagnostic call failed, so the incident was not investigated/);
    expect(trouble).toContain("get_glue_logs: InternalServiceException: 503 from Glue");
  });

  it("names missing credentials even when another call answered", () => {
    const trouble = toolTrouble([
      answered("verify_source_data"),
      failed("get_glue_logs", "CredentialsProviderError", "Could not load credentials from any providers"),
    ]);
    expect(trouble).toMatch(/^the tools have no valid AWS credentials/);
  });

  it("reads a remediation attempt's error the same way", () => {
    expect(
      remediationToolTrouble("the remediation tool failed: CredentialsProviderError: Could not load credentials"),
    ).toMatch(/no valid AWS credentials, so the remediation did not start/);
    expect(remediationToolTrouble("the remediation tool failed: ConcurrentRunsExceededException: too many")).toBeNull();
  });
});
