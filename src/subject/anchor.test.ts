import { describe, expect, it } from "vitest";
import type { ClassifierOutput } from "../state/classification.js";
import { ANCHORED_CONFIDENCE_CAP, anchorToSubject } from "./anchor.js";
import type { Subject } from "./subject.js";

const emr: ClassifierOutput = {
  intent: "emr_failure",
  confidence: 0.9,
  reasoning: "Classified as emr_failure from EMR step.",
  entities: { emr_cluster_id: "j-1", emr_step_id: "s-1", glue_job_name: "payroll" },
};
const glueSubject: Subject = {
  named: [{ type: "glue_job", id: "orders_daily", source: "short_description" }],
  mentioned: [{ type: "glue_job", id: "payroll", source: "description" }],
};

describe("anchorToSubject", () => {
  it("turns another resource's failure intent into the subject's, capping confidence and saying why", () => {
    const anchored = anchorToSubject(emr, glueSubject);
    expect(anchored.intent).toBe("glue_etl_failure");
    expect(anchored.confidence).toBe(ANCHORED_CONFIDENCE_CAP);
    expect(anchored.reasoning).toContain("glue_job orders_daily");
    expect(anchored.entities.glue_job_name).toBe("orders_daily");
  });

  it("keeps an intent whose kind of resource the subject fields name", () => {
    const dagAndJob: Subject = {
      named: [
        { type: "dag", id: "daily_sales", source: "short_description" },
        { type: "glue_job", id: "orders_daily", source: "short_description" },
      ],
      mentioned: [],
    };
    const glue = { ...emr, intent: "glue_etl_failure" as const };
    expect(anchorToSubject(glue, dagAndJob).intent).toBe("glue_etl_failure");
  });

  it("keeps intents that are not about one kind of resource, and tickets whose fields name none", () => {
    expect(anchorToSubject({ ...emr, intent: "data_missing" }, glueSubject).intent).toBe("data_missing");
    expect(anchorToSubject(emr, { named: [], mentioned: [] })).toEqual(emr);
  });

  it("does not guess between two other kinds", () => {
    const two: Subject = {
      named: [
        { type: "glue_job", id: "orders_daily", source: "short_description" },
        { type: "athena_workgroup", id: "analytics", source: "cmdb_ci" },
      ],
      mentioned: [],
    };
    expect(anchorToSubject(emr, two).intent).toBe("emr_failure");
  });
});
