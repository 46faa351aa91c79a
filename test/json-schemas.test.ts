import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../scripts/json-schemas.js";

describe("published JSON Schemas", () => {
  it.each(Object.entries(jsonSchemas()))("schemas/%s is up to date (npm run schemas)", (file, schema) => {
    const published: unknown = JSON.parse(readFileSync(new URL(`../schemas/${file}`, import.meta.url), "utf8"));
    expect(published).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});
