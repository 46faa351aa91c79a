import { afterEach, describe, expect, it, vi } from "vitest";
import { webServerScheme, sessionCookie } from "./mwaa/airflow-client.js";
import { createAwsClients, endpointOverride } from "./aws-clients.js";
import { TOOL_BY_NAME, TOOL_NAMES } from "./catalog.js";
import { createDataLakeTools } from "./index.js";

const credentials = { accessKeyId: "x", secretAccessKey: "x" };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("createDataLakeTools", () => {
  it("returns every catalogued tool in catalog order, each described", () => {
    const tools = createDataLakeTools(createAwsClients({ credentials }));
    expect(tools.map((tool) => tool.name)).toEqual([...TOOL_NAMES]);
    for (const tool of tools)
      expect(tool.description).toBe(TOOL_BY_NAME[tool.name as keyof typeof TOOL_BY_NAME].description);
  });
});

describe("createAwsClients", () => {
  it("takes the endpoint override and region from the standard environment variables", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
    vi.stubEnv("AWS_REGION", "eu-west-1");
    const clients = createAwsClients({ credentials });
    expect(endpointOverride(clients)).toBe("http://127.0.0.1:4566");
    expect(await clients.glue.config.region()).toBe("eu-west-1");
    expect(clients.s3.config.forcePathStyle).toBe(true);
    expect(clients.mwaa.config.disableHostPrefix).toBe(true);
  });

  it("talks to AWS itself without an override", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "");
    vi.stubEnv("AWS_REGION", "");
    const clients = createAwsClients({ credentials });
    expect(endpointOverride(clients)).toBeUndefined();
    expect(await clients.athena.config.region()).toBe("us-east-1");
    expect(clients.s3.config.forcePathStyle).toBe(false);
    expect(clients.mwaa.config.disableHostPrefix).toBe(false);
  });
});

describe("Airflow webserver access", () => {
  it("uses https unless the AWS endpoint override is plain http", () => {
    expect(webServerScheme(undefined)).toBe("https");
    expect(webServerScheme("https://vpce.example")).toBe("https");
    expect(webServerScheme("http://127.0.0.1:4566")).toBe("http");
  });

  it("takes the session cookie from Set-Cookie headers", () => {
    expect(sessionCookie(["other=1; Path=/", "session=abc.def; HttpOnly; Path=/"])).toBe("session=abc.def");
    expect(sessionCookie(["session=; Max-Age=0"])).toBeUndefined();
    expect(sessionCookie([])).toBeUndefined();
  });
});
