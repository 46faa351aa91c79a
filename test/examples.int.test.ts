/**
 * Every example incident through the whole graph on its own sandbox, with the real tools: the
 * intent, decision, action and root cause each example expects.
 */
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load.js";
import { loadManifest } from "../src/examples/manifest.js";
import { runExample } from "../src/examples/run-example.js";

const examples = await loadManifest("examples/manifest.json");
const config = await loadConfigFile("examples/config.json");

describe("examples end to end on the sandbox", () => {
  it.each(examples.map((example) => [example.name, example] as const))("%s", async (_name, example) => {
    const run = await runExample(example, config);
    expect(run.problems, JSON.stringify(run.result, null, 2).slice(0, 4000)).toEqual([]);
    const expected = example.expected.errors_contain ?? [];
    expect(run.result.errors).toHaveLength(expected.length);
    expected.forEach((text, index) => expect(run.result.errors[index]?.message.toLowerCase()).toContain(text));
  });
});
