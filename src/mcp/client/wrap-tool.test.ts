import { describe, expect, it } from "vitest";
import { ourToolName } from "./load.js";
import { connectionLoss } from "./server-connection.js";
import { mcpErrorResultText, outputText, toolErrorFromMcp } from "./wrap-tool.js";

describe("ourToolName", () => {
  it.each([
    ["get_glue_logs", undefined, "get_glue_logs"],
    ["target___get_glue_logs", undefined, "get_glue_logs"],
    ["a___b___retry_emr", undefined, "retry_emr"],
    ["lake-retry_emr", "lake-", "retry_emr"],
    ["lake___retry_emr", "other-", "retry_emr"],
    ["target___delete_everything", undefined, undefined],
    ["lake-get_glue_logs_v2", "lake-", undefined],
  ])("%s (prefix %s) → %s", (name, prefix, expected) => {
    expect(ourToolName(name, prefix)).toBe(expected);
  });
});

describe("MCP error results", () => {
  it("keeps a ToolError the server sent, sanitised", () => {
    const text = JSON.stringify({
      error: { code: "ThrottlingException", message: "slow\u0000 down\n", http_status: 400 },
    });
    expect(toolErrorFromMcp(text)).toEqual({
      error: { code: "ThrottlingException", message: "slow down", http_status: 400 },
    });
  });

  it("turns any other text into an McpToolError capped at 500 characters", () => {
    const failure = toolErrorFromMcp(`boom\u001b[31m ${"x".repeat(900)}`);
    expect(failure.error.code).toBe("McpToolError");
    expect(failure.error.http_status).toBeNull();
    expect(failure.error.message.length).toBeLessThanOrEqual(500);
    expect([...failure.error.message].every((char) => char.charCodeAt(0) >= 0x20)).toBe(true);
  });

  it("recognises only the adapter's isError exception", () => {
    const isError = Object.assign(new Error("MCP tool 'gw___x' on server 'gw' returned an error: {\"a\":1}"), {
      name: "ToolException",
    });
    expect(mcpErrorResultText(isError)).toBe('{"a":1}');
    expect(mcpErrorResultText(Object.assign(new Error("Error calling tool x: boom"), { name: "ToolException" }))).toBe(
      undefined,
    );
    expect(mcpErrorResultText(new Error("MCP tool 'x' on server 'y' returned an error: z"))).toBeUndefined();
  });
});

describe("outputText", () => {
  it("reads the JSON text from each shape the adapter answers with", () => {
    expect(outputText('{"a":1}')).toBe('{"a":1}');
    expect(outputText({ type: "text", text: '{"a":1}', structuredContent: { a: 1 } })).toBe('{"a":1}');
    expect(
      outputText([
        { type: "image", data: "" },
        { type: "text", text: "[]" },
      ]),
    ).toBe("[]");
  });
});

describe("connectionLoss", () => {
  it("tells a call never sent from one in flight, and both from other failures", () => {
    expect(connectionLoss(new Error("Error calling tool get_glue_logs: Error: Not connected"))).toBe("not_sent");
    expect(connectionLoss(new Error("Error calling tool x: McpError: MCP error -32000: Connection closed"))).toBe(
      "in_flight",
    );
    expect(connectionLoss(new Error("MCP error -32001: Request timed out"))).toBeUndefined();
  });
});
