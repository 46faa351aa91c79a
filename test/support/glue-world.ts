import type { z } from "zod";
import type { GlueJobSeedSchema, ScenarioInput } from "../../src/sandbox/scenario.js";

type GlueJobSeed = z.input<typeof GlueJobSeedSchema>;
import type { Incident } from "../../src/state/incident.js";

export const GLUE_RUN_ID = "jr_5c1e2f0b9a8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1";

/** A Glue job whose last run failed with `errorMessage`, and how its re-runs answer. */
export function glueWorld(
  errorMessage: string,
  overrides: {
    state?: "FAILED" | "TIMEOUT";
    onRerun?: GlueJobSeed["on_rerun"];
    faults?: ScenarioInput["faults"];
  } = {},
): ScenarioInput {
  return {
    now: "2026-11-23T06:10:00Z",
    glue: {
      jobs: [
        {
          name: "daily_sales_etl",
          max_retries: 1,
          runs: [
            {
              id: GLUE_RUN_ID,
              state: overrides.state ?? "FAILED",
              started_on: "2026-11-23T04:00:00Z",
              completed_on: "2026-11-23T05:00:00Z",
              error_message: errorMessage,
              error_log: [errorMessage],
            },
          ],
          on_rerun: overrides.onRerun ?? { result: "SUCCEEDED", polls_to_complete: 1 },
        },
      ],
    },
    faults: overrides.faults ?? [],
  };
}

export const glueIncident: Incident = {
  sys_id: "0f4e9b7c2a6d4c1e8b3a5f7d9e2c4b6a",
  number: "INC0031337",
  short_description: "Glue job daily_sales_etl failed",
  description: `AWS Glue job daily_sales_etl run ${GLUE_RUN_ID} failed at 05:00 UTC. Downstream sales dashboards are stale.`,
  category: "Data Pipeline",
  subcategory: "ETL",
  opened_at: "2026-11-23 06:05:00",
};

export const TIMEOUT_MESSAGE = "Job run exceeded timeout threshold of 60 minutes; job run timed out";
