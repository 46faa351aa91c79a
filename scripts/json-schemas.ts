import { z } from "zod";
import { ConfigSchema } from "../src/config/schema.js";
import { EvalCaseSchema } from "../src/evals/case.js";
import { ScenarioSchema } from "../src/sandbox/scenario.js";
import { IncidentSchema } from "../src/state/incident.js";
import { OrchestrationResultSchema } from "../src/state/result.js";

/** The JSON Schemas we publish, generated from the zod schemas (the single source of each type). */
export function jsonSchemas(): Record<string, unknown> {
  const input = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return {
    "scenario.schema.json": input(ScenarioSchema),
    "config.schema.json": input(ConfigSchema),
    "incident.schema.json": input(IncidentSchema),
    "eval-case.schema.json": input(EvalCaseSchema),
    "result.schema.json": z.toJSONSchema(OrchestrationResultSchema, { io: "output", unrepresentable: "any" }),
  };
}
